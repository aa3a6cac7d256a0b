package io.nightshift.models.forecast;

import java.util.Arrays;

/**
 * Cleans one series before modelling: trims missing ends, fills gaps (linearly when short,
 * seasonally when longer than half a season), finds the last level reset (a sharp, persistent drop:
 * a restart, a cleanup, an incident's fix that killed a leaking process) so that the forecast uses
 * only the data since it ({@link #sinceLastReset}), and removes the remaining persistent level
 * shifts by aligning everything before a shift to the level after it, so every candidate sees one
 * continuous series ending at the current level.
 */
final class SeriesPrep {
  /** A shift must exceed this many robust standard deviations of the one-step differences. */
  static final double SHIFT_SIGMAS = 8;

  /**
   * Steps a series needs after its last reset for the forecast to start there; a reset more recent
   * than this is reported ({@link #lastReset}) but the history before it is kept (aligned).
   */
  static final int MIN_STEPS_AFTER_RESET = 12;

  private SeriesPrep() {}

  /** The observed span of {@code raw} (first to last finite value) with gaps filled. */
  static double[] fillGaps(double[] raw, int season) {
    int first = 0;
    while (first < raw.length && !Double.isFinite(raw[first])) {
      first++;
    }
    int last = raw.length - 1;
    while (last >= first && !Double.isFinite(raw[last])) {
      last--;
    }
    if (first > last) {
      return new double[0];
    }
    double[] y = Arrays.copyOfRange(raw, first, last + 1);
    int t = 0;
    while (t < y.length) {
      if (Double.isFinite(y[t])) {
        t++;
        continue;
      }
      int a = t;
      while (!Double.isFinite(y[t])) {
        t++;
      }
      fill(y, a, t - 1, season);
    }
    return y;
  }

  private static void fill(double[] y, int a, int b, int m) {
    double left = y[a - 1];
    double right = y[b + 1];
    int len = b - a + 1;
    boolean seasonal = m > 1 && len > m / 2 && a - 1 - m >= 0;
    if (!seasonal) {
      for (int t = a; t <= b; t++) {
        double w = (t - a + 1.0) / (len + 1.0);
        y[t] = left + w * (right - left);
      }
      return;
    }
    for (int t = a; t <= b; t++) {
      y[t] = y[t - m];
    }
    double offLeft = left - y[a - 1 - m];
    double offRight = right - y[b + 1 - m];
    for (int t = a; t <= b; t++) {
      double w = (t - a + 1.0) / (len + 1.0);
      y[t] += offLeft + w * (offRight - offLeft);
    }
  }

  /**
   * The index of the first step after the last level reset of {@code y} (gaps filled), or -1 if
   * there is none. A reset is a one-step drop larger than {@link #SHIFT_SIGMAS} robust standard
   * deviations of the differences and than a typical seasonal cycle's range, whose following window
   * (up to one season) stays down by at least half the drop against the window before it, and which
   * does not repeat at the same phase one season or one long season earlier (a regular nightly drop
   * is a seasonal edge, not a reset). Rises are never resets.
   */
  static int lastReset(double[] y, int season, int longSeason) {
    int n = y.length;
    if (n < 12) {
      return -1;
    }
    double[] d = new double[n - 1];
    for (int t = 1; t < n; t++) {
      d[t - 1] = y[t] - y[t - 1];
    }
    double[] sorted = d.clone();
    Arrays.sort(sorted);
    double medDiff = SeriesMath.medianSorted(sorted, sorted.length);
    double sigma = robustSigma(d, medDiff);
    if (!(sigma > 0)) {
      return -1;
    }
    double minStep = Math.max(SHIFT_SIGMAS * sigma, typicalCycleRange(y, season));
    int wMax = Math.max(6, season);
    for (int t = n - 1; t >= 1; t--) {
      double step = d[t - 1] - medDiff;
      if (step < -minStep) {
        int w = Math.min(wMax, n - t);
        int back = Math.min(w, t);
        if (w >= 3
            && back >= 3
            && droppedAndStayed(y, t, w, back, step)
            && !recurs(d, t, season, step)
            && (longSeason <= season || !recurs(d, t, longSeason, step))) {
          return t;
        }
      }
    }
    return -1;
  }

  /**
   * The part of {@code y} (gaps filled) the forecast uses: the data since the last level reset
   * ({@link #lastReset}) when at least {@link #MIN_STEPS_AFTER_RESET} steps follow it, else all.
   */
  static double[] sinceLastReset(double[] y, int season, int longSeason) {
    int r = lastReset(y, season, longSeason);
    if (r < 0 || y.length - r < MIN_STEPS_AFTER_RESET) {
      return y;
    }
    return Arrays.copyOfRange(y, r, y.length);
  }

  private static double robustSigma(double[] d, double medDiff) {
    double sigma = SeriesMath.madSigma(d, d.length);
    if (sigma > 0) {
      return sigma;
    }
    double meanAbs = 0;
    for (double v : d) {
      meanAbs += Math.abs(v - medDiff);
    }
    return meanAbs / d.length;
  }

  /** Whether the median of the {@code w} steps from {@code t} is below the {@code back} before. */
  private static boolean droppedAndStayed(double[] y, int t, int w, int back, double step) {
    double before = SeriesMath.median(y, t - back, t);
    double after = SeriesMath.median(y, t, t + w);
    return after - before <= 0.5 * step;
  }

  /**
   * Detects persistent level shifts in {@code y} and aligns the data before each to the level after
   * it, in place. A shift at {@code t} is a one-step change larger than {@link #SHIFT_SIGMAS}
   * robust standard deviations of the differences and than a typical seasonal cycle's range, whose
   * following window (up to one season) moved the same way by at least half of it against the same
   * phases one season earlier, and which does not repeat a similar step at the same phase one
   * season or one long season earlier (so a steep but regular daily or weekly edge is not a shift,
   * while the irregular cleanups of a sawtooth disk are).
   *
   * @return the number of shifts removed
   */
  static int adjustLevelShifts(double[] y, int season, int longSeason) {
    int n = y.length;
    if (n < 12) {
      return 0;
    }
    double[] d = new double[n - 1];
    for (int t = 1; t < n; t++) {
      d[t - 1] = y[t] - y[t - 1];
    }
    double[] sorted = d.clone();
    Arrays.sort(sorted);
    double medDiff = SeriesMath.medianSorted(sorted, sorted.length);
    double sigma = SeriesMath.madSigma(d, d.length);
    if (!(sigma > 0)) {
      double meanAbs = 0;
      for (double v : d) {
        meanAbs += Math.abs(v - medDiff);
      }
      sigma = meanAbs / d.length;
      if (!(sigma > 0)) {
        return 0;
      }
    }
    double[] orig = y.clone();
    double minStep = Math.max(SHIFT_SIGMAS * sigma, typicalCycleRange(y, season));
    int count = 0;
    double shift = 0;
    int wMax = Math.max(6, season);
    for (int t = n - 1; t >= 1; t--) {
      double jumpStep = d[t - 1] - medDiff;
      if (Math.abs(jumpStep) > minStep) {
        int w = Math.min(wMax, n - t);
        if (w >= 3
            && confirmed(orig, t, w, season > 1 && t >= season ? season : w, jumpStep)
            && !recurs(d, t, season, jumpStep)
            && (longSeason <= season || !recurs(d, t, longSeason, jumpStep))) {
          shift += jumpStep;
          count++;
        }
      }
      if (shift != 0) {
        y[t - 1] += shift;
      }
    }
    return count;
  }

  /**
   * Whether a step of at least half the size, in the same direction, happened at about the same
   * phase one {@code period} earlier (within two steps): then it is a seasonal edge, not a shift.
   */
  private static boolean recurs(double[] d, int t, int period, double step) {
    if (period <= 1 || t - period - 2 < 1) {
      return false;
    }
    for (int u = t - period - 2; u <= t - period + 2; u++) {
      double prev = d[u - 1];
      if (Math.signum(prev) == Math.signum(step) && Math.abs(prev) >= 0.5 * Math.abs(step)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The median range (max - min) of the complete seasonal cycles: a regular daily swing is not a
   * shift, so a shift must step further than a typical cycle spans. Zero without seasonality.
   */
  static double typicalCycleRange(double[] y, int season) {
    int cycles = season > 1 ? y.length / season : 0;
    if (cycles < 1) {
      return 0;
    }
    double[] ranges = new double[cycles];
    for (int c = 0; c < cycles; c++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int t = c * season; t < (c + 1) * season; t++) {
        lo = Math.min(lo, y[t]);
        hi = Math.max(hi, y[t]);
      }
      ranges[c] = hi - lo;
    }
    java.util.Arrays.sort(ranges);
    return SeriesMath.medianSorted(ranges, cycles);
  }

  /**
   * Whether the median after {@code t} moved by at least half the step against {@code back} ago.
   */
  private static boolean confirmed(double[] y, int t, int w, int back, double step) {
    if (t - back < 0) {
      return false;
    }
    double before = SeriesMath.median(y, t - back, t - back + w);
    double after = SeriesMath.median(y, t, t + w);
    double jump = after - before;
    return Math.signum(jump) == Math.signum(step) && Math.abs(jump) >= 0.5 * Math.abs(step);
  }
}
