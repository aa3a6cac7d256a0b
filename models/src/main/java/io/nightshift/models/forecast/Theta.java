package io.nightshift.models.forecast;

/**
 * The Theta method with classical seasonal adjustment (the M4 benchmark form): deseasonalise
 * (multiplicatively for positive series), average the extrapolated linear trend (theta = 0) with
 * simple exponential smoothing of the theta = 2 line, reseasonalise. The smoothing constant is
 * chosen by a small grid search on one-step errors.
 */
final class Theta implements Candidate {
  private static final double[] GRID = {0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0};
  private final int period;
  private final int maxFit;

  Theta(int period, int maxFit) {
    this.period = period;
    this.maxFit = maxFit;
  }

  @Override
  public String name() {
    return period > 1 ? "theta" : "theta_noseason";
  }

  @Override
  public int minLength() {
    return Math.max(8, 2 * period);
  }

  @Override
  public double[] fit(double[] y, int n) {
    Prepared p = prepare(y, n);
    double best = Double.MAX_VALUE;
    double bestAlpha = 0.5;
    for (double a : GRID) {
      double sse = ses(p.z, a, true);
      if (sse < best) {
        best = sse;
        bestAlpha = a;
      }
    }
    return new double[] {bestAlpha};
  }

  @Override
  public void forecast(double[] y, int o, int h, double[] params, double[] out) {
    Prepared p = prepare(y, o);
    double level = ses(p.z, params[0], false);
    int n = p.z.length;
    for (int i = 0; i < h; i++) {
      double f = 0.5 * (p.a + p.b * (n + i)) + 0.5 * level;
      double s = p.idx[(n + i) % p.idx.length];
      out[i] = p.mult ? f * s : f + s;
    }
  }

  private record Prepared(double[] z, double[] idx, boolean mult, double a, double b) {}

  private Prepared prepare(double[] y, int end) {
    int start = Math.max(0, end - maxFit);
    int n = end - start;
    boolean mult = SeriesMath.min(y, start, end) > 0;
    double[] idx = Decomposition.indices(y, start, end, period, mult);
    double[] x = new double[n];
    double st = 0;
    double sx = 0;
    for (int t = 0; t < n; t++) {
      double s = idx[t % period];
      x[t] = mult ? y[start + t] / s : y[start + t] - s;
      st += t;
      sx += x[t];
    }
    double tm = st / n;
    double xm = sx / n;
    double num = 0;
    double den = 0;
    for (int t = 0; t < n; t++) {
      num += (t - tm) * (x[t] - xm);
      den += (t - tm) * (t - tm);
    }
    double b = den > 0 ? num / den : 0;
    double a = xm - b * tm;
    for (int t = 0; t < n; t++) {
      x[t] = 2 * x[t] - (a + b * t);
    }
    return new Prepared(x, idx, mult, a, b);
  }

  /** Simple exponential smoothing: returns the SSE (if {@code sse}) or the final level. */
  private static double ses(double[] z, double alpha, boolean sse) {
    double level = z[0];
    double s = 0;
    for (int t = 1; t < z.length; t++) {
      double e = z[t] - level;
      s += e * e;
      level += alpha * e;
    }
    return sse ? s : level;
  }
}
