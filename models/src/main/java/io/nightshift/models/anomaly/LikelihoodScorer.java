package io.nightshift.models.anomaly;

import java.io.Serializable;

/**
 * An anomaly-likelihood view in the style of Numenta's HTM post-processing, applied to the
 * residual: the mean absolute deviation (in sigmas) over the last {@code window} points is compared
 * with the distribution of that same short mean over this series' history (a running mean and
 * variance with a memory of {@code historyPoints}). Its Gaussian upper tail probability {@code q}
 * becomes the log-scaled likelihood {@code min(1, -log10(q + 1e-10) / 10)}: 0.5 at q = 1e-5, 0.7 at
 * q = 1e-7.
 *
 * <p>It finds a stretch of points that are each only moderately off the baseline but, together, far
 * more off than this series usually is (a regime of larger deviations or higher volatility),
 * relative to the series' own history rather than to a fixed Gaussian. Everything is causal: a
 * point is scored against the history, then learned. Scores start after {@link #MIN_POINTS} learned
 * points.
 */
final class LikelihoodScorer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Short means learned before the view scores (its distribution is estimated first). */
  static final int MIN_POINTS = 100;

  /** The tail probability is floored here, so the score saturates at 1. */
  static final double MIN_TAIL = 1e-10;

  private final double[] recent;
  private final double memory;
  private int pos;
  private double sum;
  private long count;
  private double mean;
  private double var;

  LikelihoodScorer(int window, int historyPoints) {
    this.recent = new double[window];
    this.memory = historyPoints;
  }

  /** Scores a signed deviation (in sigmas) against the history of short means, then learns it. */
  double score(double z) {
    double a = Math.abs(z);
    sum += a - recent[pos];
    recent[pos] = a;
    pos = (pos + 1) % recent.length;
    count++;
    double avg = sum / Math.min(count, recent.length);
    double out = 0;
    if (count > MIN_POINTS) {
      double sd = Math.sqrt(Math.max(var, 1e-6));
      double q = 0.5 * Erf.erfc((avg - mean) / (sd * Math.sqrt(2)));
      out = Math.min(1, -Math.log10(q + MIN_TAIL) / 10);
    }
    double rate = Math.max(1.0 / count, 1.0 / memory);
    double d = avg - mean;
    mean += rate * d;
    var = (1 - rate) * (var + rate * d * d);
    return out;
  }
}
