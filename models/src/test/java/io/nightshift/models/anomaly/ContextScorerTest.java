package io.nightshift.models.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The context view alone: a never-visited part of the range reached by a never-taken step. */
class ContextScorerTest {

  /** A series that switches between two levels, 0 and 10, every 20 points. */
  private static ContextScorer learnedTwoLevels(int points) {
    ContextScorer c = new ContextScorer(50);
    for (int i = 0; i < points; i++) {
      assertEquals(0, c.score((i / 20) % 2 == 0 ? 0 : 10), "known contexts score 0 at " + i);
    }
    return c;
  }

  @Test
  void scoresNothingDuringWarmup() {
    ContextScorer c = new ContextScorer(50);
    for (int i = 0; i < 50; i++) {
      assertEquals(0, c.score(i % 7 * 3.0), "warm-up at " + i);
    }
  }

  @Test
  void aDropIntoTheGapBetweenTwoLevelsScoresOnceThenIsKnown() {
    ContextScorer c = learnedTwoLevels(400);
    assertEquals(1, c.score(5), "a value between the levels, reached by a new step");
    assertEquals(0, c.score(0), "back to a level: the bin was seen");
    c.score(0);
    assertEquals(0, c.score(5), "the same step into the same bin again");
  }

  @Test
  void aNewSequenceInsideKnownBinsDoesNotScore() {
    ContextScorer c = learnedTwoLevels(400);
    c.score(10);
    c.score(10);
    assertEquals(0, c.score(0), "known bins, known step");
    assertEquals(0, c.score(10), "a level held one point: new sequence, known bins and steps");
  }

  @Test
  void plainNoiseNeverScores() {
    for (int seed = 0; seed < 5; seed++) {
      ContextScorer c = new ContextScorer(200);
      Random rnd = new Random(seed);
      for (int i = 0; i < 20_000; i++) {
        assertEquals(0, c.score(50 + rnd.nextGaussian()), "noise, seed " + seed + ", point " + i);
      }
    }
  }
}
