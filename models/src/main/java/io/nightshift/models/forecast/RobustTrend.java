package io.nightshift.models.forecast;

import java.util.Arrays;

/**
 * A robust linear trend plus a seasonal profile: a Huber-weighted least-squares line through the
 * deseasonalised recent window, and the median residual of each phase as the profile. Suited to
 * resources that fill steadily (disks), where it extrapolates the fill rate without damping.
 */
final class RobustTrend implements Candidate {
  private final int period;
  private final int maxFit;

  RobustTrend(int period, int maxFit) {
    this.period = period;
    this.maxFit = maxFit;
  }

  @Override
  public String name() {
    return period > 1 ? "robust_trend" : "robust_trend_noseason";
  }

  @Override
  public int minLength() {
    return period > 1 ? 2 * period : 6;
  }

  @Override
  public double[] fit(double[] y, int n) {
    return new double[0];
  }

  @Override
  public void forecast(double[] y, int o, int h, double[] params, double[] out) {
    int start = Math.max(0, o - maxFit);
    int n = o - start;
    double[] w = new double[n];
    Arrays.fill(w, 1);
    double[] line = wls(y, start, n, null, w);
    double[] profile = new double[Math.max(1, period)];
    if (period > 1 && n >= 2 * period) {
      int cycles = (n + period - 1) / period;
      double[] buf = new double[cycles];
      for (int k = 0; k < period; k++) {
        int c = 0;
        for (int t = k; t < n; t += period) {
          buf[c++] = y[start + t] - (line[0] + line[1] * t);
        }
        Arrays.sort(buf, 0, c);
        profile[k] = SeriesMath.medianSorted(buf, c);
      }
      double mean = SeriesMath.mean(profile, 0, period);
      for (int k = 0; k < period; k++) {
        profile[k] -= mean;
      }
    }
    double[] res = new double[n];
    for (int iter = 0; iter < 3; iter++) {
      for (int t = 0; t < n; t++) {
        res[t] = y[start + t] - profile[t % profile.length] - (line[0] + line[1] * t);
      }
      double sigma = SeriesMath.madSigma(res, n);
      double c = 1.345 * Math.max(sigma, 1e-12);
      for (int t = 0; t < n; t++) {
        double a = Math.abs(res[t]);
        w[t] = a <= c ? 1 : c / a;
      }
      line = wls(y, start, n, profile, w);
    }
    for (int i = 0; i < h; i++) {
      out[i] = line[0] + line[1] * (n + i) + profile[(n + i) % profile.length];
    }
  }

  /** Weighted least-squares line through {@code y[start + t] - profile}; returns {a, b}. */
  private static double[] wls(double[] y, int start, int n, double[] profile, double[] w) {
    double sw = 0;
    double st = 0;
    double sy = 0;
    for (int t = 0; t < n; t++) {
      double v = y[start + t] - (profile == null ? 0 : profile[t % profile.length]);
      sw += w[t];
      st += w[t] * t;
      sy += w[t] * v;
    }
    double tm = st / sw;
    double ym = sy / sw;
    double num = 0;
    double den = 0;
    for (int t = 0; t < n; t++) {
      double v = y[start + t] - (profile == null ? 0 : profile[t % profile.length]);
      num += w[t] * (t - tm) * (v - ym);
      den += w[t] * (t - tm) * (t - tm);
    }
    double b = den > 0 ? num / den : 0;
    return new double[] {ym - b * tm, b};
  }
}
