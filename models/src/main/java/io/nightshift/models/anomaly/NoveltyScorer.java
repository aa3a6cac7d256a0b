package io.nightshift.models.anomaly;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Scores how new a value is for its series: has the series ever been here before? Three views, each
 * measured as the distance beyond the range seen so far, relative to the series' whole range:
 *
 * <ul>
 *   <li>the value itself beyond the lowest and highest values seen (a new extreme);
 *   <li>the mean of the last {@link #MEAN_POINTS} values beyond the range of such means (a new
 *       sustained level, even when no single point is extreme);
 *   <li>the mean of the last {@code longPoints} values beyond the range of such means, measured
 *       against that (narrower) range and weighted by {@code longWeight}: a slower, smaller change
 *       of level that the short mean's noise hides (the range of long means counts as at least the
 *       value range, or {@link #MIN_RANGE_SIGMAS} noise sigmas, over {@code sqrt(longPoints)}, the
 *       spread of a long mean of noise; the noise allowance shrinks by the same factor);
 *   <li>the value beyond the range seen <em>after similar recent values</em>: the mean of the
 *       previous {@link #CONTEXT_POINTS} values falls into a bin of a grid over the series' values,
 *       and each bin remembers which values followed it (a sudden drop or jump never seen from this
 *       level, at half weight).
 * </ul>
 *
 * The grid is laid over the range learned in the warm-up ({@code contextBins} bins, the warm-up's
 * contexts replayed onto it) and stays anchored: when the range grows past twice the grid, pairs of
 * bins merge (width doubles), so a bin always means the same values and a new level (after a level
 * shift) gets bins of its own, which become known as the level is seen, instead of inheriting what
 * followed other values that once had the same position in the range.
 *
 * <p>The largest distance, less a noise allowance, {@code e} becomes {@code 0.5 + 0.5 (1 - exp(-e /
 * 0.03))}: any new extreme scores above 0.5, one 3% of the range beyond scores 0.82. A value inside
 * every range scores 0. Memory is everything learned since the series started (a nightly refit
 * therefore remembers the look-back window). Scores start after {@code warmupPoints}, so the ranges
 * are first learned.
 */
final class NoveltyScorer implements Serializable {
  private static final long serialVersionUID = 3L;

  /** Points in the short mean (the sustained-level view). */
  static final int MEAN_POINTS = 6;

  /** Previous points whose mean is the context of the conditional view. */
  static final int CONTEXT_POINTS = 2;

  /** Visits of a context bin before its range is trusted. */
  static final int MIN_CONTEXT_VISITS = 5;

  /** Weight of the conditional view's distance. */
  static final double CONTEXT_WEIGHT = 0.5;

  /**
   * The range a distance is measured against is at least this many noise sigmas: on a series whose
   * whole range is a few sigmas of noise, a record by a fraction of a sigma is not new behaviour.
   */
  static final double MIN_RANGE_SIGMAS = 20;

  /** Distance (share of the range) at which the score reaches 0.5 + 0.5 (1 - 1/e). */
  static final double SCALE = 0.03;

  private final int warmup;
  private final int bins;
  private final double[] recent = new double[MEAN_POINTS];
  private final double[] longRecent;
  private final double longWeight;
  private double longSum;
  private double longLo = Double.POSITIVE_INFINITY;
  private double longHi = Double.NEGATIVE_INFINITY;
  private double[] warm;
  private final Map<Integer, double[]> contexts = new HashMap<>();
  private double origin = Double.NaN;
  private double width = Double.NaN;
  private long count;
  private long lastExtreme = -1;
  private double lo = Double.POSITIVE_INFINITY;
  private double hi = Double.NEGATIVE_INFINITY;
  private double meanLo = Double.POSITIVE_INFINITY;
  private double meanHi = Double.NEGATIVE_INFINITY;

  /** A scorer without the long-mean view. */
  NoveltyScorer(int warmupPoints, int contextBins) {
    this(warmupPoints, contextBins, 1, 0);
  }

  /**
   * @param warmupPoints points learned before scoring
   * @param contextBins bins of the context grid
   * @param longPoints points in the long mean (1 or a weight of 0: no long-mean view)
   * @param longWeight weight of the long mean's distance, a share of the range of long means
   */
  NoveltyScorer(int warmupPoints, int contextBins, int longPoints, double longWeight) {
    this.warmup = warmupPoints;
    this.bins = contextBins;
    this.warm = new double[warmupPoints];
    this.longRecent = new double[longPoints];
    this.longWeight = longPoints > 1 ? longWeight : 0;
  }

  /** {@link #score(double, double, double)} without a noise scale (no range floor). */
  double score(double x, double slack) {
    return score(x, slack, 0);
  }

  /**
   * Scores a value against everything learned so far, then learns it. Distances up to {@code slack}
   * (the noise allowance, in the value's unit) do not count: a noisy series setting a new record by
   * a hair is not new behaviour. Distances are shares of the range, which counts as at least {@link
   * #MIN_RANGE_SIGMAS} times {@code sigma} (the noise scale).
   */
  double score(double x, double slack, double sigma) {
    double[] context = count - lastExtreme >= CONTEXT_POINTS ? context() : null;
    recent[(int) (count % MEAN_POINTS)] = x;
    if (count < warmup) {
      warm[(int) count] = x;
    }
    count++;
    double mean = recentMean();
    double longMean = longMean(x);
    double out = 0;
    if (count > warmup) {
      double range =
          Math.max(Math.max(hi - lo, 1e-9 + 1e-3 * Math.abs(hi)), MIN_RANGE_SIGMAS * sigma);
      double e = Math.max(beyond(x, lo, hi), beyond(mean, meanLo, meanHi));
      if (context != null && context[2] >= MIN_CONTEXT_VISITS) {
        e = Math.max(e, CONTEXT_WEIGHT * beyond(x, context[0], context[1]));
      }
      e = Math.max(0, e - slack) / range;
      e = Math.max(e, longDistance(longMean, slack, sigma));
      out = e > 0 ? 0.5 + 0.5 * (1 - Math.exp(-e / SCALE)) : 0;
    }
    if (context != null) {
      learnContext(context, x);
    }
    if (count > warmup && (x < lo || x > hi)) {
      lastExtreme = count;
    }
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
    meanLo = Math.min(meanLo, mean);
    meanHi = Math.max(meanHi, mean);
    if (!Double.isNaN(longMean)) {
      longLo = Math.min(longLo, longMean);
      longHi = Math.max(longHi, longMean);
    }
    if (Double.isNaN(width) && count >= warmup && hi > lo) {
      startGrid();
    } else if (hi - lo > 2 * bins * width) {
      coarsen();
    }
    return out;
  }

  private double recentMean() {
    int m = (int) Math.min(count, MEAN_POINTS);
    double sum = 0;
    for (int i = 0; i < m; i++) {
      sum += recent[i];
    }
    return sum / m;
  }

  /** Learns {@code x} into the long mean; returns the mean once it is full, else NaN. */
  private double longMean(double x) {
    int k = longRecent.length;
    int slot = (int) ((count - 1) % k);
    longSum += x - longRecent[slot];
    longRecent[slot] = x;
    return longWeight > 0 && count >= k ? longSum / k : Double.NaN;
  }

  /**
   * The long mean's distance beyond the range of long means, less the noise allowance, as a share
   * of that range (floored at the spread of a long mean of noise), times the weight; 0 when the
   * view is off or not yet learned.
   */
  private double longDistance(double longMean, double slack, double sigma) {
    if (Double.isNaN(longMean) || longLo > longHi) {
      return 0;
    }
    double root = Math.sqrt(longRecent.length);
    double floor = Math.max(hi - lo, MIN_RANGE_SIGMAS * sigma) / root;
    double range = Math.max(Math.max(longHi - longLo, floor), 1e-9 + 1e-3 * Math.abs(hi));
    return longWeight * Math.max(0, beyond(longMean, longLo, longHi) - slack / root) / range;
  }

  private static double beyond(double v, double low, double high) {
    return Math.max(v - high, low - v);
  }

  private static void learnContext(double[] c, double x) {
    c[0] = Math.min(c[0], x);
    c[1] = Math.max(c[1], x);
    c[2]++;
  }

  /** The grid over the warm-up range, then the warm-up's contexts learned on it. */
  private void startGrid() {
    origin = lo;
    width = (hi - lo) / bins;
    int m = (int) Math.min(count, warm.length);
    for (int i = CONTEXT_POINTS; i < m; i++) {
      double sum = 0;
      for (int k = 1; k <= CONTEXT_POINTS; k++) {
        sum += warm[i - k];
      }
      learnContext(bin(sum / CONTEXT_POINTS), warm[i]);
    }
    warm = null;
    while (hi - lo > 2 * bins * width) {
      coarsen();
    }
  }

  /** Doubles the bin width, merging pairs of bins (the grid keeps about contextBins bins). */
  private void coarsen() {
    width *= 2;
    Map<Integer, double[]> merged = new HashMap<>();
    for (Map.Entry<Integer, double[]> b : contexts.entrySet()) {
      double[] c = b.getValue();
      merged.merge(
          Math.floorDiv(b.getKey(), 2),
          c,
          (p, q) -> new double[] {Math.min(p[0], q[0]), Math.max(p[1], q[1]), p[2] + q[2]});
    }
    contexts.clear();
    contexts.putAll(merged);
  }

  private double[] bin(double prev) {
    int k = (int) Math.floor((prev - origin) / width);
    return contexts.computeIfAbsent(
        k, key -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0});
  }

  /** The context bin of the previous points (its lowest, highest value and visits), or null. */
  private double[] context() {
    if (Double.isNaN(width) || count < CONTEXT_POINTS) {
      return null;
    }
    double sum = 0;
    for (int k = 1; k <= CONTEXT_POINTS; k++) {
      sum += recent[(int) ((count - k) % MEAN_POINTS)];
    }
    return bin(sum / CONTEXT_POINTS);
  }
}
