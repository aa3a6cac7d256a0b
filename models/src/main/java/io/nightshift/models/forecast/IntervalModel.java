package io.nightshift.models.forecast;

import java.util.Arrays;

/**
 * Prediction intervals from the empirical distribution of rolling-origin backtest errors. The error
 * scale per horizon step is modelled as {@code s(h)^2 = a + b h + c h^2} with non-negative terms
 * (noise, random-walk drift, trend-slope uncertainty), fitted to the mean squared backtest error of
 * each step, so it extends beyond the backtest horizon; the errors divided by {@code s(h)}, pooled
 * over steps and origins, give the quantiles.
 *
 * <p>The quantiles are those of the <em>absolute</em> standardised errors, so every interval is
 * symmetric about the point forecast and the median path is the point forecast. The backtest's mean
 * error (a bias over its dozen overlapping origins) does not carry over to the next days: the
 * choice is refitted on the whole series and the level moves (on M4 hourly, the mean standardised
 * error of the 48 held-out points correlates 0.07 with the backtest's). Signed quantiles moved each
 * interval by that passing bias, towards where the errors had been, and the interval missed on the
 * other side; the bias still widens the interval, since {@code s(h)} is a root mean square.
 *
 * @param a constant variance term
 * @param b variance growing linearly with the step
 * @param c variance growing with the square of the step
 * @param z standardised error quantiles at {@link #LEVELS}
 */
public record IntervalModel(double a, double b, double c, double[] z)
    implements java.io.Serializable {

  /** Quantile levels of {@link #z}: 2.5%, 10%, 50%, 90%, 97.5%. */
  public static final double[] LEVELS = {0.025, 0.10, 0.50, 0.90, 0.975};

  /** Error scale at step {@code h} (1-based). */
  public double scale(int h) {
    return Math.sqrt(Math.max(a + b * h + c * (double) h * h, 1e-300));
  }

  /**
   * Calibrates from backtest errors {@code e[origin][step]}, each first divided by the series'
   * phase profile at the time it forecast ({@code phase[t mod phase.length]}, {@code t =
   * first[origin] + step}), so the quantiles are of errors relative to how variable that hour of
   * the day is.
   */
  static IntervalModel calibrate(
      double[][] e, int origins, int steps, double inflation, double[] phase, int[] first) {
    double[][] r = new double[origins][steps];
    for (int j = 0; j < origins; j++) {
      for (int h = 0; h < steps; h++) {
        r[j][h] = e[j][h] / phase[(first[j] + h) % phase.length];
      }
    }
    return calibrate(r, origins, steps, inflation);
  }

  /** Calibrates from backtest errors {@code e[origin][step]}. */
  static IntervalModel calibrate(double[][] e, int origins, int steps, double inflation) {
    double[] ms = new double[steps];
    for (int h = 0; h < steps; h++) {
      double s = 0;
      for (int j = 0; j < origins; j++) {
        s += e[j][h] * e[j][h];
      }
      ms[h] = s / origins;
    }
    double[] coef = fitVariance(ms, steps);
    IntervalModel scaleOnly = new IntervalModel(coef[0], coef[1], coef[2], null);
    double[] zs = new double[origins * steps];
    int k = 0;
    for (int j = 0; j < origins; j++) {
      for (int h = 0; h < steps; h++) {
        zs[k++] = e[j][h] / scaleOnly.scale(h + 1);
      }
    }
    double df = effectiveDf(zs, origins, steps);
    for (int i = 0; i < zs.length; i++) {
      zs[i] = Math.abs(zs[i]);
    }
    Arrays.sort(zs);
    double[] z = new double[LEVELS.length];
    for (int i = 0; i < LEVELS.length; i++) {
      double normal = NORMAL[i];
      double widen = normal == 0 ? 1 : studentT(normal, df) / normal;
      double central = Math.abs(2 * LEVELS[i] - 1);
      z[i] =
          Math.signum(normal)
              * SeriesMath.quantileSorted(zs, zs.length, central)
              * widen
              * inflation;
    }
    return new IntervalModel(coef[0], coef[1], coef[2], z);
  }

  private static final double[] NORMAL = {-1.959964, -1.281552, 0, 1.281552, 1.959964};

  /**
   * Degrees of freedom of the pooled error scale, by the method of moments from how much the mean
   * squared standardised error varies between origins: about {@code origins x steps} for
   * independent, stable noise, far fewer when some periods are much harder than others. The
   * quantiles are widened like a Student t with these degrees of freedom, for the uncertainty of
   * the scale itself.
   */
  static double effectiveDf(double[] zs, int origins, int steps) {
    if (origins < 2) {
      return 1e6;
    }
    double[] ms = new double[origins];
    double mean = 0;
    for (int j = 0; j < origins; j++) {
      double s = 0;
      for (int h = 0; h < steps; h++) {
        s += zs[j * steps + h] * zs[j * steps + h];
      }
      ms[j] = s / steps;
      mean += ms[j] / origins;
    }
    double var = 0;
    for (int j = 0; j < origins; j++) {
      var += (ms[j] - mean) * (ms[j] - mean) / (origins - 1);
    }
    if (!(var > 0)) {
      return 1e6;
    }
    return Math.max(2, 2 * origins * mean * mean / var);
  }

  /** Student t quantile at the normal quantile {@code z} (Cornish-Fisher expansion, Hill 1970). */
  static double studentT(double z, double df) {
    double z2 = z * z;
    double g1 = (z2 + 1) * z / 4;
    double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
    double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
    return z + g1 / df + g2 / (df * df) + g3 / (df * df * df);
  }

  /**
   * How variable each phase of the cycle is, relative to the others (mean 1): the mean absolute
   * {@code m}-step change of {@code y} ending at each phase over the last {@code window} steps
   * before {@code end}, indexed by position mod {@code m}, kept within [1/4, 4]. Hourly load is far
   * more variable in the working day than at night; an interval of one width for every hour is too
   * wide at night and too narrow at the peak. Flat ({@code {1}}) for {@code m <= 1} or fewer than
   * three cycles.
   */
  static double[] phaseProfile(double[] y, int end, int m, int window) {
    int from = Math.max(m, end - window);
    if (m <= 1 || end - from < 2 * m) {
      return new double[] {1};
    }
    double[] sum = new double[m];
    int[] cnt = new int[m];
    double all = 0;
    for (int t = from; t < end; t++) {
      double d = Math.abs(y[t] - y[t - m]);
      sum[t % m] += d;
      cnt[t % m]++;
      all += d;
    }
    all /= end - from;
    double[] p = new double[m];
    for (int k = 0; k < m; k++) {
      double raw = all > 0 && cnt[k] > 0 ? sum[k] / cnt[k] / all : 1;
      p[k] = Math.min(4, Math.max(0.25, raw));
    }
    return p;
  }

  /** A fallback for series too short to backtest: random-walk scale from one-step differences. */
  static IntervalModel randomWalk(double[] y) {
    int n = y.length;
    double s = 0;
    for (int t = 1; t < n; t++) {
      s += (y[t] - y[t - 1]) * (y[t] - y[t - 1]);
    }
    double v = n > 1 ? s / (n - 1) : 0;
    return new IntervalModel(0, v, 0, new double[] {-1.96, -1.2816, 0, 1.2816, 1.96});
  }

  /** Non-negative least squares of {@code ms[h-1] ~ a + b h + c h^2} over all active sets. */
  static double[] fitVariance(double[] ms, int steps) {
    double[] best = {SeriesMath.mean(ms, 0, steps), 0, 0};
    double bestSse = Double.MAX_VALUE;
    for (int mask = 1; mask < 8; mask++) {
      double[] coef = solve(ms, steps, mask);
      if (coef == null) {
        continue;
      }
      boolean ok = coef[0] >= 0 && coef[1] >= 0 && coef[2] >= 0;
      if (!ok) {
        continue;
      }
      double sse = 0;
      for (int h = 1; h <= steps; h++) {
        double r = ms[h - 1] - (coef[0] + coef[1] * h + coef[2] * (double) h * h);
        sse += r * r;
      }
      if (sse < bestSse - 1e-12 * Math.abs(bestSse)) {
        bestSse = sse;
        best = coef;
      }
    }
    return best;
  }

  private static double[] solve(double[] ms, int steps, int mask) {
    int[] idx = new int[3];
    int d = 0;
    for (int i = 0; i < 3; i++) {
      if ((mask & (1 << i)) != 0) {
        idx[d++] = i;
      }
    }
    double[][] m = new double[d][d + 1];
    for (int h = 1; h <= steps; h++) {
      double[] basis = {1, h, (double) h * h};
      for (int r = 0; r < d; r++) {
        for (int c = 0; c < d; c++) {
          m[r][c] += basis[idx[r]] * basis[idx[c]];
        }
        m[r][d] += basis[idx[r]] * ms[h - 1];
      }
    }
    for (int col = 0; col < d; col++) {
      int piv = col;
      for (int r = col + 1; r < d; r++) {
        if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) {
          piv = r;
        }
      }
      double[] tmp = m[col];
      m[col] = m[piv];
      m[piv] = tmp;
      if (Math.abs(m[col][col]) < 1e-300) {
        return null;
      }
      for (int r = 0; r < d; r++) {
        if (r != col) {
          double f = m[r][col] / m[col][col];
          for (int c = col; c <= d; c++) {
            m[r][c] -= f * m[col][c];
          }
        }
      }
    }
    double[] coef = new double[3];
    for (int r = 0; r < d; r++) {
      coef[idx[r]] = m[r][d] / m[r][r];
    }
    return coef;
  }
}
