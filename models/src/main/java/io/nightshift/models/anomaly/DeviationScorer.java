package io.nightshift.models.anomaly;

import java.io.Serializable;

/**
 * Turns a series' stream of deviations (residuals in sigmas) into anomaly scores in [0, 1] by
 * asking how unusual each one is compared with the deviations this series has shown so far. Three
 * views, each a two-sided or upper tail probability under a Gaussian with a variance learned from
 * the series itself (robust: learned values are capped at {@link #CAP} times the current estimate):
 *
 * <ul>
 *   <li>the point's own deviation (spikes and dips);
 *   <li>the mean deviation over the last {@code shortWindow} points (sustained shifts too small to
 *       stand out point by point);
 *   <li>the mean squared deviation over the last {@link #VARIANCE_WINDOW} points (the series became
 *       noisier).
 * </ul>
 *
 * The smallest probability (Bonferroni-corrected for three looks) becomes a surprise {@code s =
 * -log10(p) / 5} and the score is {@code s / (1 + s)}: 0.5 at p = 1e-5, 0.6 at p = 1e-7.5.
 */
final class DeviationScorer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Learned squared deviations are capped at CAP^2 times the current mean square. */
  static final double CAP = 6;

  /** In the noise-level view a squared deviation counts at most SQUARE_CAP^2 mean squares. */
  static final double SQUARE_CAP = 3;

  /** Points in the noise-level (mean squared deviation) view. */
  static final int VARIANCE_WINDOW = 20;

  /** log10 of the tail probability that gives a surprise of 1. */
  static final double SURPRISE_SCALE = 5;

  private final double decay;
  private final double[] recent;
  private int recentPos;
  private double recentSum;
  private final double[] squares = new double[VARIANCE_WINDOW];
  private int squaresPos;
  private double squaresSum;
  private double pointSq;
  private double shortSq;
  private long count;
  private final GaussianTail varianceTail = new GaussianTail();
  private final int history;

  DeviationScorer(int shortWindow, int historyPoints) {
    this.recent = new double[shortWindow];
    this.history = historyPoints;
    this.decay = Math.pow(0.5, 1.0 / historyPoints);
  }

  /** Scores a signed deviation (in sigmas), then learns it. */
  double score(double z) {
    double a = Math.abs(z);
    recentSum += z - recent[recentPos];
    recent[recentPos] = z;
    recentPos = (recentPos + 1) % recent.length;
    double shortMean = recentSum / recent.length;
    double square = pointSq > 0 ? Math.min(z * z, SQUARE_CAP * SQUARE_CAP * pointSq) : z * z;
    squaresSum += square - squares[squaresPos];
    squares[squaresPos] = square;
    squaresPos = (squaresPos + 1) % squares.length;
    double meanSquare = squaresSum / squares.length;

    double lp = pointSq > 0 ? log10TwoSided(a / Math.sqrt(pointSq)) : 0;
    double ls = shortSq > 0 ? log10TwoSided(Math.abs(shortMean) / Math.sqrt(shortSq)) : 0;
    double lv = varianceTail.log10P(meanSquare);

    double rate = Math.max(1.0 / (count + 1), 1 - decay);
    count++;
    double capP = pointSq > 0 ? CAP * CAP * pointSq : a * a;
    double capS = shortSq > 0 ? CAP * CAP * shortSq : shortMean * shortMean;
    pointSq += rate * (Math.min(a * a, capP) - pointSq);
    shortSq += rate * (Math.min(shortMean * shortMean, capS) - shortSq);
    varianceTail.learn(meanSquare, history);

    double log10P = Math.min(0, Math.log10(3) + Math.min(lp, Math.min(ls, lv)));
    double surprise = -log10P / SURPRISE_SCALE;
    return surprise / (1 + surprise);
  }

  /** log10 of the two-sided Gaussian tail probability of a standardised deviation. */
  static double log10TwoSided(double zz) {
    if (zz < 8) {
      return Math.log10(Erf.erfc(zz / Math.sqrt(2)));
    }
    return (-zz * zz / 2 - Math.log(zz * Math.sqrt(2 * Math.PI)) + Math.log(2)) / Math.log(10);
  }

  /** Running mean and variance of a measure, with its Gaussian upper tail probability. */
  private static final class GaussianTail implements Serializable {
    private static final long serialVersionUID = 1L;
    private double mean;
    private double var;
    private long count;

    /** log10 of the upper tail probability of {@code a}; 0 when not above the mean. */
    double log10P(double a) {
      if (count < 2) {
        return 0;
      }
      double sd = Math.sqrt(Math.max(var, 1e-4));
      double zz = (a - mean) / sd;
      if (zz <= 0) {
        return 0;
      }
      return log10TwoSided(zz) - Math.log10(2);
    }

    void learn(double a, int history) {
      count++;
      double rate = Math.max(1.0 / count, 1.0 / history);
      double capped = count > 10 ? Math.min(a, mean + 6 * Math.sqrt(Math.max(var, 1e-4))) : a;
      double d = capped - mean;
      mean += rate * d;
      var = (1 - rate) * (var + rate * d * d);
    }
  }
}
