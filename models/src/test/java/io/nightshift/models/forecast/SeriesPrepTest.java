package io.nightshift.models.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void alignsEveryCleanupOfASawtoothDiskWithAboutWeeklyCycles() {
    // Fills 6 points a day from 40% and is cleaned up at 97%: a cycle of 9.5 days, 30 days hourly.
    double[] y = new double[30 * 24];
    double level = 40;
    int resets = 0;
    for (int t = 0; t < y.length; t++) {
      if (level >= 97) {
        level = 40;
        resets++;
      }
      y[t] = level + 0.2 * Math.sin(t * 1.7);
      level += 6.0 / 24;
    }
    assertEquals(resets, SeriesPrep.adjustLevelShifts(y, 24, 168));
    assertEquals(y[y.length - 1] - 6.0 / 24 * (y.length - 1), y[0], 1.0);
  }

  /** Daily memory around 40% for 12 days, a leak for a day to 85%, then a fix at {@code fixAt}. */
  static double[] leakEndedByAFix(int fixAt, int length) {
    double[] y = new double[length];
    for (int t = 0; t < length; t++) {
      double base = 40 + 3 * Math.sin(2 * Math.PI * (t % 24) / 24) + 0.3 * Math.sin(t * 1.7);
      int leakStart = fixAt - 30;
      y[t] = t >= leakStart && t < fixAt ? base + 45.0 * (t - leakStart) / 30 : base;
    }
    return y;
  }

  @Test
  void findsTheFixThatEndedALeakAsTheLastReset() {
    double[] y = leakEndedByAFix(300, 322);
    assertEquals(300, SeriesPrep.lastReset(y, 24, 168));
    assertEquals(22, SeriesPrep.sinceLastReset(y, 24, 168).length);
  }

  @Test
  void keepsTheWholeHistoryWhenTheResetIsTooRecentToForecastFrom() {
    double[] y = leakEndedByAFix(300, 305);
    assertEquals(300, SeriesPrep.lastReset(y, 24, 168));
    assertEquals(305, SeriesPrep.sinceLastReset(y, 24, 168).length);
  }

  @Test
  void aSharpRiseIsNotAReset() {
    double[] y = new double[200];
    for (int t = 0; t < 200; t++) {
      y[t] = (t < 150 ? 20 : 70) + 0.3 * Math.sin(t * 1.7);
    }
    assertEquals(-1, SeriesPrep.lastReset(y, 24, 168));
  }

  @Test
  void aRegularNightlyDropIsNotAReset() {
    double[] y = new double[24 * 20];
    for (int t = 0; t < y.length; t++) {
      int hour = t % 24;
      y[t] = (hour < 2 ? 30 : 30 + 3 * hour) + 0.2 * Math.sin(t * 1.3);
    }
    assertEquals(-1, SeriesPrep.lastReset(y, 24, 168));
  }

  @Test
  void findsTheLastCleanupOfASawtoothDisk() {
    double[] y = new double[30 * 24];
    double level = 40;
    int last = -1;
    for (int t = 0; t < y.length; t++) {
      if (level >= 97) {
        level = 40;
        last = t;
      }
      y[t] = level + 0.2 * Math.sin(t * 1.7);
      level += 6.0 / 24;
    }
    assertTrue(last > 0);
    assertEquals(last, SeriesPrep.lastReset(y, 24, 168));
  }
}
