package io.nightshift.models.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The novelty view's long mean: a slow, small change of level that no single point shows. */
class NoveltyScorerLongMeanTest {
  private static final double SIGMA = 1;

  private static double maxScoreAfterDrift(NoveltyScorer n, double drift, long seed) {
    Random rnd = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      n.score(50 + SIGMA * rnd.nextGaussian(), 0.5 * SIGMA, SIGMA);
    }
    double max = 0;
    for (int i = 0; i < 48; i++) {
      max = Math.max(max, n.score(50 + drift + SIGMA * rnd.nextGaussian(), 0.5 * SIGMA, SIGMA));
    }
    return max;
  }

  @Test
  void sustainedSmallShiftScoresAsNewWithTheLongMean() {
    double with = maxScoreAfterDrift(new NoveltyScorer(200, 8, 24, 5), 1.5, 21);
    double without = maxScoreAfterDrift(new NoveltyScorer(200, 8), 1.5, 21);
    assertTrue(with >= 0.7, "a 1.5-sigma shift held for 48 points: " + with);
    assertTrue(without < with, "without the long mean " + without + ", with " + with);
  }

  @Test
  void plainNoiseGetsNoAlertFromTheLongMean() {
    for (long seed = 0; seed < 5; seed++) {
      NoveltyScorer with = new NoveltyScorer(200, 8, 24, 5);
      NoveltyScorer without = new NoveltyScorer(200, 8);
      Random rnd = new Random(seed);
      for (int i = 0; i < 20_000; i++) {
        double x = 50 + SIGMA * rnd.nextGaussian();
        double s = with.score(x, 0.5 * SIGMA, SIGMA);
        double plain = without.score(x, 0.5 * SIGMA, SIGMA);
        if (i > 2000 && s >= 0.7) {
          assertTrue(plain >= 0.7, "seed " + seed + " point " + i + ": long mean alone " + s);
        }
      }
    }
  }

  @Test
  void weightZeroTurnsTheLongMeanOff() {
    double off = maxScoreAfterDrift(new NoveltyScorer(200, 8, 24, 0), 1.5, 21);
    double none = maxScoreAfterDrift(new NoveltyScorer(200, 8), 1.5, 21);
    assertEquals(none, off, 0);
  }
}
