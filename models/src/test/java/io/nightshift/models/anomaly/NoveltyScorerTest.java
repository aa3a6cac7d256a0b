package io.nightshift.models.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The novelty view alone: new extremes, new sustained levels, new values after a level. */
class NoveltyScorerTest {

  private static NoveltyScorer learnedSawtooth() {
    NoveltyScorer n = new NoveltyScorer(20, 8);
    for (int i = 0; i < 200; i++) {
      assertEquals(0, n.score(i % 2 == 0 ? 0 : 10, 0), 0, "warm-up and inside the range score 0");
    }
    return n;
  }

  @Test
  void scoresNothingDuringWarmup() {
    NoveltyScorer n = new NoveltyScorer(50, 8);
    for (int i = 0; i < 50; i++) {
      assertEquals(0, n.score(i * i, 0));
    }
    assertTrue(n.score(1e6, 0) > 0.9);
  }

  @Test
  void newExtremeScoresByDistanceBeyondTheRange() {
    NoveltyScorer a = learnedSawtooth();
    NoveltyScorer b = learnedSawtooth();
    a.score(0, 0);
    b.score(0, 0);
    double small = a.score(10.2, 0);
    double large = b.score(13, 0);
    assertTrue(small > 0.5 && small < large, small + " vs " + large);
    assertTrue(large > 0.99, "a third of the range beyond: " + large);
  }

  @Test
  void slackIgnoresRecordsByAHair() {
    NoveltyScorer n = learnedSawtooth();
    n.score(0, 0);
    assertEquals(0, n.score(10.2, 0.5));
  }

  @Test
  void unseenJumpFromALevelScoresEvenInsideTheGlobalRange() {
    NoveltyScorer n = new NoveltyScorer(20, 8);
    double[] levels = {0, 5, 10, 5};
    for (int i = 0; i < 400; i++) {
      n.score(levels[(i / 20) % 4], 0);
    }
    n.score(10, 0);
    n.score(10, 0);
    double jump = n.score(0, 0); // from 10 the series only ever went to 5
    assertTrue(jump > 0.9, "jump " + jump);
  }
}
