package io.nightshift.models.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Gap filling and level-shift detection. */
class SeriesPrepTest {

  @Test
  void alignsHistoryBeforeAResetToTheNewLevel() {
    double[] y = new double[200];
    for (int t = 0; t < 200; t++) {
      y[t] = t < 150 ? 40 + 0.2 * t : 10 + 0.2 * (t - 150) + (t % 2) * 0.05;
    }
    assertEquals(1, SeriesPrep.adjustLevelShifts(y, 24, 168));
    assertEquals(y[150] - 0.2, y[149], 0.1);
  }

  @Test
  void keepsARegularSharpDailyEdge() {
    double[] y = new double[24 * 20];
    for (int t = 0; t < y.length; t++) {
      int hour = t % 24;
      y[t] = (hour >= 8 && hour < 18 ? 500 : 100) + (t * 7 % 5);
    }
    assertEquals(0, SeriesPrep.adjustLevelShifts(y, 24, 168));
  }

  @Test
  void interpolatesShortGapsLinearly() {
    double[] y = {1, 2, Double.NaN, Double.NaN, 5, 6};
    double[] f = SeriesPrep.fillGaps(y, 24);
    assertEquals(3, f[2], 1e-9);
    assertEquals(4, f[3], 1e-9);
  }
}
