package io.nightshift.models.anomaly;

import java.io.Serializable;

/**
 * Scores how new a value is for its series: has the series ever been here before? Three views, each
 * measured as the distance beyond the range seen so far, relative to the series' whole range:
 *
 * <ul>
 *   <li>the value itself beyond the lowest and highest values seen (a new extreme);
 *   <li>the mean of the last {@link #MEAN_POINTS} values beyond the range of such means (a new
 *       sustained level, even when no single point is extreme);
 *   <li>the value beyond the range seen <em>after similar recent values</em>: the mean of the
 *       previous {@link #CONTEXT_POINTS} values is quantised into {@code contextBins} bins of the
 *       series' range, and each bin remembers which values followed it (a sudden drop or jump never
 *       seen from this level, at half weight).
 * </ul>
 *
 * The largest distance, less a noise allowance, {@code e} becomes {@code 0.5 + 0.5 (1 - exp(-e /
 * 0.03))}: any new extreme scores above 0.5, one 3% of the range beyond scores 0.82. A value inside
 * every range scores 0. Memory is everything learned since the series started (a nightly refit
 * therefore remembers the look-back window). Scores start after {@code warmupPoints}, so the ranges
 * are first learned.
 */
final class NoveltyScorer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Points in the short mean (the sustained-level view). */
  static final int MEAN_POINTS = 6;

  /** Previous points whose mean is the context of the conditional view. */
  static final int CONTEXT_POINTS = 2;

  /** Visits of a context bin before its range is trusted. */
  static final int MIN_CONTEXT_VISITS = 5;

  /** Weight of the conditional view's distance. */
  static final double CONTEXT_WEIGHT = 0.5;

  /** Distance (share of the range) at which the score reaches 0.5 + 0.5 (1 - 1/e). */
  static final double SCALE = 0.03;

  private final int warmup;
  private final int bins;
  private final double[] recent = new double[MEAN_POINTS];
  private final double[] contextLo;
  private final double[] contextHi;
  private final int[] contextVisits;
  private long count;
  private double lo = Double.POSITIVE_INFINITY;
  private double hi = Double.NEGATIVE_INFINITY;
  private double meanLo = Double.POSITIVE_INFINITY;
  private double meanHi = Double.NEGATIVE_INFINITY;

  NoveltyScorer(int warmupPoints, int contextBins) {
    this.warmup = warmupPoints;
    this.bins = contextBins;
    this.contextLo = new double[contextBins + 2];
    this.contextHi = new double[contextBins + 2];
    this.contextVisits = new int[contextBins + 2];
    java.util.Arrays.fill(contextLo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(contextHi, Double.NEGATIVE_INFINITY);
  }

  /**
   * Scores a value against everything learned so far, then learns it. Distances up to {@code slack}
   * (the noise allowance, in the value's unit) do not count: a noisy series setting a new record by
   * a hair is not new behaviour.
   */
  double score(double x, double slack) {
    int context = context();
    recent[(int) (count % MEAN_POINTS)] = x;
    count++;
    int m = (int) Math.min(count, MEAN_POINTS);
    double sum = 0;
    for (int i = 0; i < m; i++) {
      sum += recent[i];
    }
    double mean = sum / m;
    double out = 0;
    if (count > warmup) {
      double range = Math.max(hi - lo, 1e-9 + 1e-3 * Math.abs(hi));
      double e = Math.max(beyond(x, lo, hi), beyond(mean, meanLo, meanHi));
      if (context >= 0 && contextVisits[context] >= MIN_CONTEXT_VISITS) {
        e = Math.max(e, CONTEXT_WEIGHT * beyond(x, contextLo[context], contextHi[context]));
      }
      e = Math.max(0, e - slack) / range;
      out = e > 0 ? 0.5 + 0.5 * (1 - Math.exp(-e / SCALE)) : 0;
    }
    if (context >= 0) {
      contextLo[context] = Math.min(contextLo[context], x);
      contextHi[context] = Math.max(contextHi[context], x);
      contextVisits[context]++;
    }
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
    meanLo = Math.min(meanLo, mean);
    meanHi = Math.max(meanHi, mean);
    return out;
  }

  private static double beyond(double v, double low, double high) {
    return Math.max(v - high, low - v);
  }

  /** The context bin of the previous points (0 below the range, bins + 1 above), -1 if none. */
  private int context() {
    if (count < CONTEXT_POINTS || !(hi > lo)) {
      return -1;
    }
    double sum = 0;
    for (int k = 1; k <= CONTEXT_POINTS; k++) {
      sum += recent[(int) ((count - k) % MEAN_POINTS)];
    }
    double prev = sum / CONTEXT_POINTS;
    int b = (int) Math.floor((prev - lo) / (hi - lo) * bins);
    return Math.max(-1, Math.min(bins, b)) + 1;
  }
}
