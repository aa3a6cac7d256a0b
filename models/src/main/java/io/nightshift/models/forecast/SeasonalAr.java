package io.nightshift.models.forecast;

/**
 * A linear autoregression on the recent hours and the same hours one and more days and one week
 * back, fitted by ridge-regularised least squares on the recent window, forecasting recursively.
 * Between a seasonal naive (which copies one past cycle) and Holt-Winters (which smooths them), it
 * learns per series how much of yesterday, last week and the last hours carry forward. Forecasts
 * stay within the fit window's range widened by that range on each side, so a recursion that is not
 * stable cannot run away over a long horizon. On the log of a positive series it is a
 * multiplicative model: the daily swing scales with the level.
 */
final class SeasonalAr implements Candidate {
  private final int[] lags;
  private final int maxFit;
  private final boolean log;

  SeasonalAr(int season, int longSeason, int maxFit, boolean log) {
    this.lags = lags(season, longSeason);
    this.maxFit = maxFit;
    this.log = log;
  }

  private static int[] lags(int m, int lm) {
    java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
    for (int l = 1; l <= 3; l++) {
      s.add(l);
    }
    if (m > 1) {
      for (int k = 1; k <= 3; k++) {
        s.add(k * m - 1);
        s.add(k * m);
        s.add(k * m + 1);
      }
      for (int k = 4; k * m < lm; k++) {
        s.add(k * m);
      }
    }
    if (lm > m) {
      s.add(lm - 1);
      s.add(lm);
      s.add(lm + 1);
    }
    return s.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String name() {
    return log ? "ar_log" : "ar";
  }

  @Override
  public int minLength() {
    return lags[lags.length - 1] + 4 * (lags.length + 1);
  }

  @Override
  public double[] fit(double[] series, int n) {
    int p = lags.length;
    int maxLag = lags[p - 1];
    int offset = Math.max(0, n - maxFit - maxLag);
    double[] y = window(series, offset, n);
    if (y == null) {
      return null;
    }
    n -= offset;
    int start = Math.max(maxLag, n - maxFit);
    double mean = SeriesMath.mean(y, Math.max(0, n - maxFit), n);
    int d = p + 1;
    double[][] a = new double[d][d + 1];
    double[] x = new double[d];
    for (int t = start; t < n; t++) {
      x[0] = 1;
      for (int j = 0; j < p; j++) {
        x[j + 1] = y[t - lags[j]] - mean;
      }
      double v = y[t] - mean;
      for (int r = 0; r < d; r++) {
        for (int c = 0; c <= r; c++) {
          a[r][c] += x[r] * x[c];
        }
        a[r][d] += x[r] * v;
      }
    }
    for (int r = 0; r < d; r++) {
      for (int c = r + 1; c < d; c++) {
        a[r][c] = a[c][r];
      }
    }
    double trace = 0;
    for (int r = 1; r < d; r++) {
      trace += a[r][r];
    }
    for (int r = 1; r < d; r++) {
      a[r][r] += RIDGE * trace / p;
    }
    double[] beta = solve(a, d);
    if (beta == null) {
      return null;
    }
    double[] out = new double[d + 1];
    out[0] = mean;
    System.arraycopy(beta, 0, out, 1, d);
    return out;
  }

  /** Ridge penalty relative to the mean variance of the lags: only to keep the solve stable. */
  private static final double RIDGE = 1e-6;

  @Override
  public void forecast(double[] series, int o, int h, double[] params, double[] out) {
    int p = lags.length;
    int offset = Math.max(0, o - maxFit - lags[p - 1]);
    double[] y = window(series, offset, o);
    if (y == null) {
      throw new IllegalStateException(name() + " needs a positive series");
    }
    o -= offset;
    double mean = params[0];
    int from = Math.max(0, o - maxFit);
    double lo = SeriesMath.min(y, from, o);
    double hi = SeriesMath.max(y, from, o);
    double room = hi - lo;
    for (int i = 0; i < h; i++) {
      double f = params[1];
      for (int j = 0; j < p; j++) {
        int back = i - lags[j];
        double v = back >= 0 ? out[back] : y[o + back];
        f += params[j + 2] * (v - mean);
      }
      out[i] = Math.min(hi + room, Math.max(lo - room, f + mean));
    }
    if (log) {
      for (int i = 0; i < h; i++) {
        out[i] = Math.exp(out[i]);
      }
    }
  }

  /** {@code series[from..to)}, as logs for the log model (null if a value is not positive). */
  private double[] window(double[] series, int from, int to) {
    double[] y = java.util.Arrays.copyOfRange(series, from, to);
    if (log) {
      for (int i = 0; i < y.length; i++) {
        if (!(y[i] > 0)) {
          return null;
        }
        y[i] = Math.log(y[i]);
      }
    }
    return y;
  }

  private static double[] solve(double[][] m, int d) {
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
    double[] b = new double[d];
    for (int r = 0; r < d; r++) {
      b[r] = m[r][d] / m[r][r];
    }
    return b;
  }
}
