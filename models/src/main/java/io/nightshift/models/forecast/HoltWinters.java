package io.nightshift.models.forecast;

/**
 * Additive Holt-Winters with damped trend (ETS(A,Ad,A) in error-correction form), optionally on the
 * log of a positive series (a multiplicative model). The four smoothing parameters are fitted by
 * Nelder-Mead on the one-step squared errors over the most recent {@code maxFit} steps.
 */
final class HoltWinters implements Candidate {
  private final int period;
  private final boolean log;
  private final int maxFit;
  private final int maxEvals;

  HoltWinters(int period, boolean log, int maxFit, int maxEvals) {
    this.period = period;
    this.log = log;
    this.maxFit = Math.max(maxFit, 3 * period);
    this.maxEvals = maxEvals;
  }

  @Override
  public String name() {
    return (log ? "hw_damped_log" : "hw_damped") + (period == 24 ? "" : String.valueOf(period));
  }

  @Override
  public int minLength() {
    return 3 * period;
  }

  @Override
  public double[] fit(double[] y, int n) {
    int start = Math.max(0, n - maxFit);
    double[] x = window(y, start, n);
    if (x == null) {
      return null;
    }
    double[] seas = new double[period];
    double[] best =
        NelderMead.minimize(
            p -> run(x, x.length, p, seas, null), new double[] {-1, -1, -2, 1}, 1.0, maxEvals);
    return best;
  }

  @Override
  public void forecast(double[] y, int o, int h, double[] params, double[] out) {
    int start = Math.max(0, o - maxFit);
    double[] x = window(y, start, o);
    if (x == null) {
      throw new IllegalStateException(name() + " needs a positive series");
    }
    double[] seas = new double[period];
    double[] state = new double[2];
    run(x, x.length, params, seas, state);
    double phi = phi(params);
    double level = state[0];
    double trend = state[1];
    double damp = 0;
    double pk = 1;
    int len = x.length;
    for (int i = 0; i < h; i++) {
      pk *= phi;
      damp += pk;
      double f = level + damp * trend + seas[(len + i) % period];
      out[i] = log ? Math.exp(f) : f;
    }
  }

  private double[] window(double[] y, int start, int end) {
    double[] x = new double[end - start];
    for (int i = start; i < end; i++) {
      double v = y[i];
      if (log) {
        if (!(v > 0)) {
          return null;
        }
        v = Math.log(v);
      }
      x[i - start] = v;
    }
    return x;
  }

  private static double phi(double[] p) {
    return 0.80 + 0.18 * SeriesMath.sigmoid(p[3]);
  }

  /**
   * Runs the filter over {@code x[0..n)}; returns the one-step SSE; leaves the seasonal states
   * (indexed by position mod period) in {@code seas} and level/trend in {@code state} if given.
   */
  private double run(double[] x, int n, double[] p, double[] seas, double[] state) {
    double alpha = 0.001 + 0.998 * SeriesMath.sigmoid(p[0]);
    double beta = alpha * SeriesMath.sigmoid(p[1]);
    double gamma = (1 - alpha) * SeriesMath.sigmoid(p[2]);
    double phi = phi(p);
    int m = period;
    double l0 = SeriesMath.mean(x, 0, m);
    double b0 = (SeriesMath.mean(x, m, 2 * m) - l0) / m;
    double centre = (m - 1) / 2.0;
    for (int i = 0; i < m; i++) {
      seas[i] = x[i] - (l0 + b0 * (i - centre));
    }
    double level = l0 + b0 * centre;
    double trend = b0;
    double sse = 0;
    for (int t = m; t < n; t++) {
      int k = t % m;
      double yhat = level + phi * trend + seas[k];
      double e = x[t] - yhat;
      double newLevel = level + phi * trend + alpha * e;
      trend = phi * trend + beta * e;
      seas[k] += gamma * e;
      level = newLevel;
      sse += e * e;
    }
    if (state != null) {
      state[0] = level;
      state[1] = trend;
    }
    return Double.isFinite(sse) ? sse : Double.MAX_VALUE;
  }
}
