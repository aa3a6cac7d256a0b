package io.nightshift.models.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlattCalibrationTest {

  @Test
  void identityReturnsTheScore() {
    assertEquals(0.3, PlattCalibration.identity().apply(0.3), 1e-9);
  }

  @Test
  void aPositiveSlopeIsStrictlyIncreasing() {
    PlattCalibration c = new PlattCalibration(0.7, -1.2);
    double previous = -1;
    for (double s = 0.001; s < 1; s += 0.001) {
      double p = c.apply(s);
      assertTrue(p > previous, "at " + s);
      previous = p;
    }
  }

  @Test
  void constantGivesTheSameProbabilityToEveryScore() {
    PlattCalibration c = PlattCalibration.constant(0.04);
    assertEquals(0.04, c.apply(0.001), 1e-9);
    assertEquals(0.04, c.apply(0.99), 1e-9);
  }
}
