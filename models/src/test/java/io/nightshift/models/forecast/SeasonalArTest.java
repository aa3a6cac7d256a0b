package io.nightshift.models.forecast;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The seasonal autoregression candidate on simulated hourly series; no Spark. */
class SeasonalArTest {

  /** A weekday/weekend daily profile plus AR(1) noise that persists for hours. */
  private static double[] weekly(int n, long seed) {
    Random r = new Random(seed);
    double[] y = new double[n];
    double noise = 0;
    for (int t = 0; t < n; t++) {
      boolean weekend = (t / 24) % 7 >= 5;
      double day = Math.max(0, Math.sin(Math.PI * ((t % 24) - 7) / 12.0));
      noise = 0.8 * noise + r.nextGaussian();
      y[t] = 100 + (weekend ? 10 : 40) * day + 3 * noise;
    }
    return y;
  }

  @Test
  void beatsDailyAndWeeklySeasonalNaiveOnAWeekdayWeekendPattern() {
    double ar = 0;
    double daily = 0;
    double weekly = 0;
    int h = 48;
    for (int s = 0; s < 20; s++) {
      double[] y = weekly(900 + h, s);
      SeasonalAr c = new SeasonalAr(24, 168, 1008, false);
      double[] f = new double[h];
      c.forecast(y, 900, h, c.fit(y, 900), f);
      for (int i = 0; i < h; i++) {
        double a = y[900 + i];
        ar += Math.abs(a - f[i]);
        daily += Math.abs(a - y[900 - 24 + i % 24]);
        weekly += Math.abs(a - y[900 - 168 + i]);
      }
    }
    assertTrue(ar < 0.9 * Math.min(daily, weekly), ar + " vs " + daily + " / " + weekly);
  }

  @Test
  void keepsAnUnstableRecursionWithinTheRangeOfItsWindow() {
    double[] y = weekly(600, 1);
    SeasonalAr c = new SeasonalAr(24, 168, 1008, false);
    double[] params = c.fit(y, 600);
    params[2] = 1.5;
    double[] f = new double[2000];
    c.forecast(y, 600, f.length, params, f);
    double lo = SeriesMath.min(y, 0, 600);
    double hi = SeriesMath.max(y, 0, 600);
    for (double v : f) {
      assertTrue(v >= 2 * lo - hi && v <= 2 * hi - lo, "forecast " + v);
    }
    assertTrue(Math.abs(f[1999] - f[0]) > 0, "the test needs an unstable recursion");
  }
}
