package io.nightshift.models.forecast;

/** Classical seasonal decomposition helpers: seasonal indices from a centred moving average. */
final class Decomposition {
  private Decomposition() {}

  /**
   * Seasonal indices of {@code y[start..end)} by phase {@code (t - start) mod m}: ratios to a
   * centred moving average (multiplicative, mean 1) or differences from it (additive, mean 0).
   * Returns neutral indices when the range is shorter than two cycles.
   */
  static double[] indices(double[] y, int start, int end, int m, boolean multiplicative) {
    double[] idx = new double[m];
    double neutral = multiplicative ? 1 : 0;
    int n = end - start;
    if (m <= 1 || n < 2 * m) {
      java.util.Arrays.fill(idx, neutral);
      return idx;
    }
    double[] prefix = new double[n + 1];
    for (int i = 0; i < n; i++) {
      prefix[i + 1] = prefix[i] + y[start + i];
    }
    double[] sum = new double[m];
    int[] cnt = new int[m];
    int half = m / 2;
    boolean even = m % 2 == 0;
    for (int t = half; t + half < n; t++) {
      double ma;
      if (even) {
        double inner = prefix[t + half] - prefix[t - half + 1];
        ma = (inner + 0.5 * (y[start + t - half] + y[start + t + half])) / m;
      } else {
        ma = (prefix[t + half + 1] - prefix[t - half]) / m;
      }
      double v = y[start + t];
      double r = multiplicative ? (ma > 0 ? v / ma : 1) : v - ma;
      int k = t % m;
      sum[k] += r;
      cnt[k]++;
    }
    double mean = 0;
    for (int k = 0; k < m; k++) {
      idx[k] = cnt[k] > 0 ? sum[k] / cnt[k] : neutral;
      mean += idx[k] / m;
    }
    for (int k = 0; k < m; k++) {
      if (multiplicative) {
        idx[k] = mean > 0 ? idx[k] / mean : 1;
      } else {
        idx[k] -= mean;
      }
    }
    return idx;
  }
}
