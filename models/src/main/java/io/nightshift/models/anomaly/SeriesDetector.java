package io.nightshift.models.anomaly;

import java.io.Serializable;

/**
 * The plain-Java streaming detector for one series: feed points in time order with {@link
 * #update(long, double)}; each point is scored against a baseline learned from earlier points only
 * (causal), then learned. The baseline is a robust level plus hour-of-day and hour-of-week seasonal
 * profiles; the noise scale is a clipped mean absolute residual (expected, lower, upper, sigmas).
 * The score in [0, 1] is the largest of four views: novelty ({@link NoveltyScorer}: is the value,
 * its short or long mean, or the value after similar recent values beyond anything this series has
 * done?), context ({@link ContextScorer}: did the series land, by a step it never took, in a part
 * of its range it never visited?), the residual's surprise ({@link DeviationScorer}: the deviation
 * compared with the deviations seen so far), weighted by {@code residualWeight}, and the residual's
 * likelihood ({@link LikelihoodScorer}: is the recent stretch of deviations, together, far beyond
 * what this series usually shows?), weighted by {@code likelihoodWeight}. After an alert, scores
 * are damped for {@code suppressPoints} points so one incident alerts once. Monotonic counters are
 * detected during warm-up and scored as rates, with resets treated as restarts from zero; a
 * counter's rate is scored by the residual views only (a rate over one interval is the difference
 * of two readings: its noise sets new records and new contexts too often for "never seen before" to
 * mean trouble). The whole state is {@link Serializable}: it is the fitted model.
 */
public final class SeriesDetector implements Serializable {
  /**
   * Version of the serialised state: raised whenever a field is added, removed or changes meaning,
   * so a detector saved by other code is refitted rather than misread (the nightly model store
   * keeps it in the model's fingerprint).
   */
  public static final long STATE_VERSION = 5L;

  private static final long serialVersionUID = STATE_VERSION;
  private static final double MAD_TO_SIGMA = 1.2533;
  private static final double MAX_SIGMAS = 50;
  private static final double SUPPRESSED = 0.5;

  private final DetectorSettings s;
  private final double[] daily = new double[24];
  private final double[] weekly = new double[168];
  private final int[] dailyN = new int[24];
  private final int[] weeklyN = new int[168];
  private final double[] warmTs;
  private final double[] warmVal;

  private long n;
  private boolean counter;
  private double lastRaw = Double.NaN;
  private long lastTs = Long.MIN_VALUE;
  private long prevTs = Long.MIN_VALUE;
  private double step = Double.NaN;
  private double level = Double.NaN;
  private double mad = Double.NaN;
  private double magnitude;
  private int shiftRun;
  private double shiftSum;
  private final DeviationScorer scorer;
  private final NoveltyScorer novelty;
  private final LikelihoodScorer likelihood;
  private final ContextScorer context;
  private int suppress;

  public SeriesDetector(DetectorSettings settings) {
    this.s = settings;
    this.scorer = new DeviationScorer(settings.shortWindow(), settings.historyPoints());
    this.novelty =
        new NoveltyScorer(
            settings.noveltyWarmupPoints(),
            settings.contextBins(),
            settings.longMeanPoints(),
            settings.longMeanWeight());
    this.likelihood = new LikelihoodScorer(settings.likelihoodWindow(), settings.historyPoints());
    this.context = new ContextScorer(settings.noveltyWarmupPoints());
    this.warmTs = new double[settings.warmupPoints()];
    this.warmVal = new double[settings.warmupPoints()];
  }

  /** The settings this detector was built with. */
  public DetectorSettings settings() {
    return s;
  }

  /** Points seen so far. */
  public long count() {
    return n;
  }

  /** Time (epoch ms) of the last point learned, or {@link Long#MIN_VALUE} before any. */
  public long lastTimestamp() {
    return lastTs;
  }

  /** Whether the series was recognised as a monotonic counter (and is scored as a rate). */
  public boolean isCounter() {
    return counter;
  }

  /**
   * Scores a point against what was learned so far, then learns it. Returns null for a point that
   * is not scored: at or before the last learned time (scoring is strictly in time order), not a
   * finite number, or a counter reset.
   */
  public PointScore update(long epochMillis, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value) || epochMillis <= lastTs) {
      return null;
    }
    if (n < s.warmupPoints()) {
      warmTs[(int) n] = epochMillis;
      warmVal[(int) n] = value;
      n++;
      lastTs = epochMillis;
      if (n == s.warmupPoints()) {
        replayWarmup();
      }
      return PointScore.learning(value);
    }
    n++;
    double x = toValue(epochMillis, value);
    if (Double.isNaN(x)) {
      return null;
    }
    return step(epochMillis, x, true);
  }

  private void replayWarmup() {
    int m = s.warmupPoints();
    int up = 0;
    int down = 0;
    for (int i = 1; i < m; i++) {
      if (warmVal[i] > warmVal[i - 1]) {
        up++;
      } else if (warmVal[i] < warmVal[i - 1]) {
        down++;
      }
    }
    counter = m >= 10 && up >= 0.8 * (m - 1) && down <= Math.max(1, m / 20);
    lastTs = Long.MIN_VALUE;
    double[] xs = new double[m];
    long[] ts = new long[m];
    int k = 0;
    for (int i = 0; i < m; i++) {
      double x = toValue((long) warmTs[i], warmVal[i]);
      if (!Double.isNaN(x)) {
        ts[k] = (long) warmTs[i];
        xs[k++] = x;
      }
    }
    if (k == 0) {
      return;
    }
    double[] sorted = java.util.Arrays.copyOf(xs, k);
    java.util.Arrays.sort(sorted);
    level = sorted[k / 2];
    magnitude = Math.abs(level);
    double[] diffs = new double[Math.max(1, k - 1)];
    double sumDiff = 0;
    for (int i = 1; i < k; i++) {
      diffs[i - 1] = Math.abs(xs[i] - xs[i - 1]);
      sumDiff += diffs[i - 1];
    }
    java.util.Arrays.sort(diffs);
    double medDiff = diffs[diffs.length / 2];
    double typical = medDiff > 0 ? medDiff / 0.6745 : sumDiff / Math.max(1, k - 1) / 0.8;
    mad = typical / Math.sqrt(2) * 0.798;
    for (int i = 0; i < k; i++) {
      step(ts[i], xs[i], false);
    }
  }

  /**
   * The modelled value of a raw point: the raw value, or a counter's rate; NaN for a counter's
   * first point and for a counter reset (its rate over the interval is unknown, so it is not
   * scored).
   */
  private double toValue(long ts, double raw) {
    if (lastTs != Long.MIN_VALUE) {
      double dt = ts - lastTs;
      step = Double.isNaN(step) ? dt : step + 0.05 * (Math.min(dt, 10 * step) - step);
    }
    double x = raw;
    if (counter) {
      double prev = lastRaw;
      lastRaw = raw;
      if (Double.isNaN(prev)) {
        x = Double.NaN;
      } else {
        double dtSec = Math.max(1e-3, (ts - lastTs) / 1000.0);
        x = raw >= prev ? (raw - prev) / dtSec : Double.NaN;
      }
    }
    lastTs = ts;
    return x;
  }

  private PointScore step(long ts, double x, boolean score) {
    double dtSteps =
        Double.isNaN(step) || prevTs == Long.MIN_VALUE ? 1 : Math.max(1, (ts - prevTs) / step);
    prevTs = ts;
    int hod = hourOfDay(ts);
    int how = hourOfWeek(ts);
    double noise = Double.isNaN(mad) ? 0 : mad * MAD_TO_SIGMA;
    double novel = novelty.score(x, s.noveltyMarginSigmas() * noise, noise);
    double unseen = context.score(x);
    if (counter) {
      novel = 0;
      unseen = 0;
    }
    if (Double.isNaN(level)) {
      level = x;
      mad = 0;
      magnitude = Math.abs(x);
      return PointScore.learning(x);
    }
    double expected = level + season(hod, how);
    magnitude += 0.01 * (Math.abs(x) - magnitude);
    double sigma = Math.max(mad * MAD_TO_SIGMA, 1e-3 * magnitude + 1e-9);
    double sigmaNow = sigma * Math.min(3, Math.sqrt(1 + s.levelRate() * (dtSteps - 1)));
    double r = x - expected;
    double z = Math.max(-MAX_SIGMAS, Math.min(MAX_SIGMAS, r / sigmaNow));
    double scoreValue = 0;
    double alert = 0;
    if (score) {
      scoreValue =
          Math.max(
              Math.max(Math.max(novel, unseen), s.residualWeight() * scorer.score(z)),
              s.likelihoodWeight() * likelihood.score(z));
      alert = scoreValue;
      if (suppress > 0) {
        suppress--;
        alert *= SUPPRESSED;
      } else if (scoreValue >= s.alertScore()) {
        suppress = s.suppressPoints();
      }
    } else {
      scorer.score(z);
      likelihood.score(z);
    }
    learn(r, sigma, hod, how);
    return new PointScore(
        x, expected, expected - 3 * sigmaNow, expected + 3 * sigmaNow, z, scoreValue, alert);
  }

  private double season(int hod, int how) {
    double d = dailyN[hod] > 0 ? daily[hod] : 0;
    double w = weeklyN[how] > 0 ? weekly[how] : 0;
    return d + w;
  }

  private void learn(double r, double sigma, int hod, int how) {
    double limit = s.clipSigmas() * sigma;
    double rc = Math.max(-limit, Math.min(limit, r));
    if (Math.abs(r) > limit && sigma > 0) {
      int side = r > 0 ? 1 : -1;
      if (shiftRun * side < 0) {
        shiftRun = 0;
        shiftSum = 0;
      }
      shiftRun += side;
      shiftSum += r;
      if (Math.abs(shiftRun) >= s.shiftPoints()) {
        level += shiftSum / Math.abs(shiftRun);
        shiftRun = 0;
        shiftSum = 0;
        return;
      }
    } else {
      shiftRun = 0;
      shiftSum = 0;
    }
    level += s.levelRate() * rc;
    double rest = (1 - s.levelRate()) * rc;
    daily[hod] += s.seasonRate() * rest;
    dailyN[hod]++;
    weekly[how] += s.seasonRate() * 0.5 * (rest - s.seasonRate() * rest);
    weeklyN[how]++;
    double absR = Math.min(Math.abs(r), limit);
    mad = mad + s.scaleRate() * (absR - mad);
  }

  static int hourOfDay(long epochMillis) {
    return (int) Math.floorMod(epochMillis / 3_600_000L, 24L);
  }

  static int hourOfWeek(long epochMillis) {
    // 1970-01-01 was a Thursday; slot 0 is Monday 00:00 UTC.
    return (int) Math.floorMod(epochMillis / 3_600_000L + 3 * 24, 168L);
  }
}
