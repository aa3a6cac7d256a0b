package io.nightshift.models.forecast;

/** The benchmark candidates: seasonal naive and the seasonal mean of the last few cycles. */
final class SimpleCandidates {
  private SimpleCandidates() {}

  private static final double[] NO_PARAMS = new double[0];

  /** Repeats the last cycle of {@code period} steps ({@code period = 1}: the last value). */
  static Candidate seasonalNaive(int period) {
    return new Candidate() {
      @Override
      public String name() {
        return period == 1 ? "naive" : "snaive" + period;
      }

      @Override
      public int minLength() {
        return period;
      }

      @Override
      public double[] fit(double[] y, int n) {
        return NO_PARAMS;
      }

      @Override
      public void forecast(double[] y, int o, int h, double[] params, double[] out) {
        for (int i = 0; i < h; i++) {
          out[i] = y[o - period + (i % period)];
        }
      }
    };
  }

  /** The mean of each phase over the last (up to) {@code cycles} cycles of {@code period} steps. */
  static Candidate seasonalMean(int period, int cycles) {
    return new Candidate() {
      @Override
      public String name() {
        return "smean" + period;
      }

      @Override
      public int minLength() {
        return 2 * period;
      }

      @Override
      public double[] fit(double[] y, int n) {
        return NO_PARAMS;
      }

      @Override
      public void forecast(double[] y, int o, int h, double[] params, double[] out) {
        int k = Math.max(1, Math.min(cycles, o / period));
        for (int i = 0; i < h; i++) {
          int phase = i % period;
          double s = 0;
          for (int c = 1; c <= k; c++) {
            s += y[o - c * period + phase];
          }
          out[i] = s / k;
        }
      }
    };
  }
}
