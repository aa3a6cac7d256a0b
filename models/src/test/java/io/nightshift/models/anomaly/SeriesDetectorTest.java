package io.nightshift.models.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plain-Java core on synthetic series, without Spark. */
class SeriesDetectorTest {
  private static final int DAY = 288;
  private static final DetectorSettings S = DetectorSettings.defaults();

  @Test
  void learnsDailySeasonalBaseline() {
    SeriesDetector d = new SeriesDetector(S);
    Random rnd = new Random(1);
    double err = 0;
    int n = 0;
    for (int i = 0; i < 8 * DAY; i++) {
      PointScore p = d.update(Synthetic.ts(i), Synthetic.daily(i, 1, rnd));
      if (i >= 7 * DAY) {
        err += Math.abs(p.expected() - Synthetic.daily(i, 0, rnd));
        n++;
      }
    }
    assertTrue(err / n < 2.5, "mean abs error of the baseline " + err / n);
  }

  @Test
  void robustScaleIgnoresOutliersInTheHistory() {
    SeriesDetector d = new SeriesDetector(S);
    Random rnd = new Random(2);
    PointScore last = null;
    for (int i = 0; i < 5 * DAY; i++) {
      double v = 50 + rnd.nextGaussian() + (i % 97 == 0 ? 60 : 0);
      last = d.update(Synthetic.ts(i), v);
    }
    double sigma = (last.upper() - last.expected()) / 3;
    assertTrue(sigma > 0.7 && sigma < 1.6, "sigma " + sigma);
    assertEquals(50, last.expected(), 1.0);
  }

  @Test
  void doesNotAlarmWhenSeriesResumesAfterGap() {
    SeriesDetector d = new SeriesDetector(S);
    Random rnd = new Random(3);
    for (int i = 0; i < 5 * DAY; i++) {
      d.update(Synthetic.ts(i), Synthetic.daily(i, 2, rnd));
    }
    for (int i = 7 * DAY; i < 9 * DAY; i++) {
      PointScore p = d.update(Synthetic.ts(i), Synthetic.daily(i, 2, rnd));
      assertTrue(p.score() < S.alertScore(), "false alarm after the gap at " + i + ": " + p);
    }
  }

  @Test
  void reportsLevelShiftOnceThenLearnsIt() {
    SeriesDetector d = new SeriesDetector(S);
    Random rnd = new Random(4);
    int shift = 4 * DAY;
    List<Integer> alerts = new ArrayList<>();
    PointScore atShift = null;
    for (int i = 0; i < 6 * DAY; i++) {
      double v = (i < shift ? 50 : 80) + rnd.nextGaussian();
      PointScore p = d.update(Synthetic.ts(i), v);
      if (i == shift) {
        atShift = p;
      }
      if (p.alertScore() >= S.alertScore()) {
        alerts.add(i);
      }
      if (i > shift + 5 * S.shiftPoints()) {
        assertTrue(p.score() < S.alertScore(), "still alarming long after the shift at " + i);
      }
    }
    assertTrue(atShift.score() >= S.alertScore(), "shift not reported: " + atShift);
    assertEquals(List.of(shift), alerts);
  }

  @Test
  void treatsCounterResetAsRestartNotAnomaly() {
    SeriesDetector d = new SeriesDetector(S);
    Random rnd = new Random(5);
    double counter = 1000;
    for (int i = 0; i < 4 * DAY; i++) {
      counter = i == 3 * DAY ? 5 : counter + 300 + 10 * rnd.nextGaussian();
      PointScore p = d.update(Synthetic.ts(i), counter);
      if (i == 3 * DAY) {
        assertEquals(null, p, "a reset is not scored");
      } else if (i > S.warmupPoints()) {
        assertEquals(1.0, p.value(), 0.2, "rate per second at " + i);
        assertTrue(p.score() < S.alertScore(), "counter reset raised an alarm at " + i);
      }
    }
    assertTrue(d.isCounter());
  }

  @Test
  void quietDailySeriesAlertsAtMostOnceAMonth() {
    for (int seed = 0; seed < 5; seed++) {
      SeriesDetector d = new SeriesDetector(S);
      Random rnd = new Random(seed);
      int alerts = 0;
      for (int i = 0; i < 28 * DAY; i++) {
        PointScore p = d.update(Synthetic.ts(i), Synthetic.daily(i, 2, rnd));
        alerts += p.alertScore() >= S.alertScore() ? 1 : 0;
        if (i >= 2 * DAY) {
          assertTrue(p.score() < S.alertScore(), "false alarm after two days at " + i + ": " + p);
        }
      }
      assertTrue(alerts <= 1, "alerts on 28 days of noise: " + alerts);
    }
  }

  @Test
  void newExtremeScoresHighAndRepeatScoresLow() {
    SeriesDetector d = new SeriesDetector(S);
    Random rnd = new Random(7);
    for (int i = 0; i < 3 * DAY; i++) {
      d.update(Synthetic.ts(i), 50 + rnd.nextGaussian());
    }
    PointScore first = d.update(Synthetic.ts(3 * DAY), 58);
    PointScore inside = d.update(Synthetic.ts(3 * DAY + 1), 50);
    assertTrue(first.score() >= S.alertScore(), "a value never seen before: " + first);
    assertTrue(inside.score() < 0.5, "back inside the range: " + inside);
  }

  @Test
  void scoresAreCausal() {
    Random rnd = new Random(6);
    double[] values = new double[3 * DAY];
    for (int i = 0; i < values.length; i++) {
      values[i] = Synthetic.daily(i, 3, rnd) + (i == 2 * DAY ? 30 : 0);
    }
    double[] full = scores(values, values.length);
    double[] prefix = scores(values, 2 * DAY + 1);
    assertArrayEquals(prefix, java.util.Arrays.copyOf(full, prefix.length));
    assertTrue(full[2 * DAY] >= S.alertScore(), "spike score " + full[2 * DAY]);
  }

  @Test
  void ignoresPointsOutOfOrder() {
    SeriesDetector d = new SeriesDetector(S);
    d.update(Synthetic.ts(10), 1);
    assertEquals(null, d.update(Synthetic.ts(5), 1));
    assertFalse(d.isCounter());
  }

  private static double[] scores(double[] values, int n) {
    SeriesDetector d = new SeriesDetector(S);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      PointScore p = d.update(Synthetic.ts(i), values[i]);
      out[i] = p.score();
    }
    return out;
  }
}
