package io.nightshift.models.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The likelihood view alone: a stretch of deviations judged against the series' own history. */
class LikelihoodScorerTest {

  @Test
  void silentUntilTheHistoryOfShortMeansIsLearned() {
    LikelihoodScorer l = new LikelihoodScorer(10, 3000);
    for (int i = 0; i < LikelihoodScorer.MIN_POINTS; i++) {
      assertEquals(0, l.score(i == 50 ? 40 : 0.5), 0, "point " + i);
    }
  }

  @Test
  void gaussianNoiseStaysFarBelowTheAlertLevel() {
    LikelihoodScorer l = new LikelihoodScorer(15, 3000);
    Random rnd = new Random(11);
    double max = 0;
    for (int i = 0; i < 20_000; i++) {
      double s = l.score(rnd.nextGaussian());
      if (i > 500) {
        max = Math.max(max, s);
      }
    }
    assertTrue(max < 0.7, "largest score on noise " + max);
  }

  @Test
  void stretchOfModerateDeviationsScoresHighThoughNoPointIsExtreme() {
    LikelihoodScorer l = new LikelihoodScorer(15, 3000);
    Random rnd = new Random(12);
    for (int i = 0; i < 3000; i++) {
      l.score(rnd.nextGaussian());
    }
    double peak = 0;
    for (int i = 0; i < 15; i++) {
      peak = Math.max(peak, l.score(2.5 + 0.3 * rnd.nextGaussian()));
    }
    assertTrue(peak > 0.9, "15 points at about 2.5 sigma: " + peak);
  }

  @Test
  void aSeriesThatIsAlwaysThisNoisyIsNotSurprising() {
    LikelihoodScorer calm = new LikelihoodScorer(15, 3000);
    LikelihoodScorer wild = new LikelihoodScorer(15, 3000);
    Random rnd = new Random(13);
    for (int i = 0; i < 3000; i++) {
      double z = rnd.nextGaussian();
      calm.score(z);
      wild.score(i % 200 < 15 ? 2.5 * z + 2 : z);
    }
    double calmPeak = 0;
    double wildPeak = 0;
    for (int i = 0; i < 15; i++) {
      double z = 2.5 + 0.3 * rnd.nextGaussian();
      calmPeak = Math.max(calmPeak, calm.score(z));
      wildPeak = Math.max(wildPeak, wild.score(z));
    }
    assertTrue(wildPeak < calmPeak, "wild " + wildPeak + " vs calm " + calmPeak);
  }
}
