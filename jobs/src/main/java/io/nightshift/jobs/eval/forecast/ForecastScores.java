package io.nightshift.jobs.eval.forecast;

/**
 * Accumulates the M4 accuracy measures over series: sMAPE (percent), MASE (scaled by the in-sample
 * seasonal-naive error), the 95% interval coverage and MSIS (mean scaled interval score, alpha =
 * 0.05). Each is averaged per series, then over series, as in the M4 competition.
 */
public final class ForecastScores {
  private final int season;
  private double smape;
  private double mase;
  private double msis;
  private long covered;
  private long points;
  private int series;
  private int intervalSeries;

  public ForecastScores(int season) {
    this.season = season;
  }

  /** Adds one series' forecast (and optionally its 95% interval) against the actual tail. */
  public void add(double[] insample, double[] actual, double[] f, double[] lo, double[] hi) {
    int h = actual.length;
    double scale = 0;
    int k = 0;
    for (int t = season; t < insample.length; t++) {
      scale += Math.abs(insample[t] - insample[t - season]);
      k++;
    }
    scale = k > 0 ? scale / k : Double.NaN;
    double s = 0;
    double a = 0;
    for (int i = 0; i < h; i++) {
      double den = Math.abs(actual[i]) + Math.abs(f[i]);
      s += den == 0 ? 0 : 200 * Math.abs(actual[i] - f[i]) / den;
      a += Math.abs(actual[i] - f[i]);
    }
    smape += s / h;
    mase += a / h / scale;
    series++;
    if (lo != null) {
      double is = 0;
      for (int i = 0; i < h; i++) {
        is += hi[i] - lo[i];
        if (actual[i] < lo[i]) {
          is += 2 / 0.05 * (lo[i] - actual[i]);
        } else if (actual[i] > hi[i]) {
          is += 2 / 0.05 * (actual[i] - hi[i]);
        } else {
          covered++;
        }
        points++;
      }
      msis += is / h / scale;
      intervalSeries++;
    }
  }

  public double smape() {
    return smape / series;
  }

  public double mase() {
    return mase / series;
  }

  public double coverage() {
    return points == 0 ? Double.NaN : (double) covered / points;
  }

  public double msis() {
    return intervalSeries == 0 ? Double.NaN : msis / intervalSeries;
  }

  public int series() {
    return series;
  }
}
