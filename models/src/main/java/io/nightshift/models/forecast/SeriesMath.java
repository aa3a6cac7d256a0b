package io.nightshift.models.forecast;

import java.util.Arrays;

/** Small numeric helpers on array ranges, shared by the candidates. */
final class SeriesMath {
  private SeriesMath() {}

  static double mean(double[] y, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += y[i];
    }
    return s / Math.max(1, to - from);
  }

  /** Median of {@code y[from..to)} (copies the range). */
  static double median(double[] y, int from, int to) {
    double[] c = Arrays.copyOfRange(y, from, to);
    Arrays.sort(c);
    return medianSorted(c, c.length);
  }

  static double medianSorted(double[] c, int n) {
    if (n == 0) {
      return Double.NaN;
    }
    return (n % 2 == 1) ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
  }

  /** Linear-interpolated quantile of sorted values. */
  static double quantileSorted(double[] c, int n, double q) {
    if (n == 0) {
      return Double.NaN;
    }
    double pos = q * (n - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(n - 1, lo + 1);
    double w = pos - lo;
    return c[lo] * (1 - w) + c[hi] * w;
  }

  /** Robust scale: 1.4826 times the median absolute deviation from the median. */
  static double madSigma(double[] v, int n) {
    double[] c = Arrays.copyOf(v, n);
    double med = medianInPlace(c, n);
    for (int i = 0; i < n; i++) {
      c[i] = Math.abs(v[i] - med);
    }
    return 1.4826 * medianInPlace(c, n);
  }

  /**
   * Median of {@code c[0..n)} by selection in linear expected time (reorders {@code c}); the same
   * value as {@link #medianSorted} on the sorted values.
   */
  static double medianInPlace(double[] c, int n) {
    if (n == 0) {
      return Double.NaN;
    }
    int k = n / 2;
    double upper = select(c, n, k);
    if (n % 2 == 1) {
      return upper;
    }
    double lower = c[0];
    for (int i = 1; i < k; i++) {
      lower = Math.max(lower, c[i]);
    }
    return 0.5 * (lower + upper);
  }

  /**
   * Moves the {@code k}-th smallest of {@code c[0..n)} to {@code c[k]}, smaller or equal values
   * before it, and returns it (Hoare's selection with a middle pivot).
   */
  private static double select(double[] c, int n, int k) {
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      double pivot = c[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (c[i] < pivot) {
          i++;
        }
        while (c[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = c[i];
          c[i] = c[j];
          c[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        break;
      }
    }
    return c[k];
  }

  static double min(double[] y, int from, int to) {
    double m = Double.POSITIVE_INFINITY;
    for (int i = from; i < to; i++) {
      m = Math.min(m, y[i]);
    }
    return m;
  }

  static double max(double[] y, int from, int to) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = from; i < to; i++) {
      m = Math.max(m, y[i]);
    }
    return m;
  }

  /**
   * Mean absolute seasonal difference of {@code y[from..to)} at lag {@code m} (the MASE scale);
   * falls back to lag 1, then to a tiny positive number, for short or constant series.
   */
  static double seasonalScale(double[] y, int from, int to, int m) {
    int lag = (to - from > m) ? m : 1;
    double s = 0;
    int k = 0;
    for (int i = from + lag; i < to; i++) {
      s += Math.abs(y[i] - y[i - lag]);
      k++;
    }
    double scale = k == 0 ? 0 : s / k;
    if (!(scale > 0)) {
      double a = 0;
      for (int i = from; i < to; i++) {
        a += Math.abs(y[i]);
      }
      scale = 1e-3 * a / Math.max(1, to - from) + 1e-9;
    }
    return scale;
  }

  static double sigmoid(double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }
}
