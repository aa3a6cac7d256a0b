package io.nightshift.models.anomaly;

import java.io.Serializable;

/**
 * The tuning knobs of the streaming detector ({@link SeriesDetector}); one set serves every series.
 * Rates are per observed point.
 *
 * @param levelRate how fast the level follows the data (exponential smoothing weight)
 * @param seasonRate how fast each hour-of-day (and hour-of-week) slot of the seasonal profile
 *     learns
 * @param scaleRate how fast the robust noise scale (mean absolute residual) follows the data
 * @param clipSigmas residuals are clipped to this many sigmas before they update level, season and
 *     scale, so outliers in the history do not drag the baseline
 * @param shiftPoints after this many consecutive points on the same side beyond {@code clipSigmas},
 *     the level jumps to the new regime (a level shift is reported once, then learned)
 * @param shortWindow points averaged into the short-term anomaly measure (multi-point deviations)
 * @param historyPoints effective memory (points) of the distribution the anomaly measure is
 *     compared against ("how unusual compared to everything seen so far")
 * @param warmupPoints points learned before any score above zero is emitted
 * @param alertScore score at or above which a point is an alert (events, suppression)
 * @param suppressPoints after an alert, scores are damped for this many points so one incident
 *     alerts once
 * @param noveltyWarmupPoints points whose range is learned before the novelty view scores (it asks
 *     "has this series been here before?", so it needs a history first)
 * @param contextBins bins of the series' range used as the context of the conditional novelty view
 *     (which values followed a similar recent level)
 * @param residualWeight weight of the residual (seasonal-baseline deviation) score against the
 *     novelty score; the point's score is the larger of the two
 * @param noveltyMarginSigmas novelty distances up to this many noise sigmas do not count (a noisy
 *     series setting a new record by a hair is not new behaviour)
 * @param likelihoodWindow points in the short mean absolute deviation of the likelihood view
 *     ({@link LikelihoodScorer}: is this stretch of points, together, far more off the baseline
 *     than this series usually is?)
 * @param likelihoodWeight weight of the likelihood view's score (0 turns the view off)
 * @param longMeanPoints points in the long mean of the novelty view's slow-level check (a mean over
 *     this many points beyond the range of such means; 1 turns the check off)
 * @param longMeanWeight weight of that check's distance, a share of the range of long means (0
 *     turns it off)
 */
public record DetectorSettings(
    double levelRate,
    double seasonRate,
    double scaleRate,
    double clipSigmas,
    int shiftPoints,
    int shortWindow,
    int historyPoints,
    int warmupPoints,
    double alertScore,
    int suppressPoints,
    int noveltyWarmupPoints,
    int contextBins,
    double residualWeight,
    double noveltyMarginSigmas,
    int likelihoodWindow,
    double likelihoodWeight,
    int longMeanPoints,
    double longMeanWeight)
    implements Serializable {

  /** The defaults (chosen on a fixed half of the NAB files; see docs/anomaly.md). */
  public static DetectorSettings defaults() {
    return new DetectorSettings(
        0.05, 0.1, 0.02, 3.0, 12, 6, 3000, 50, 0.7, 70, 200, 8, 0.75, 0.5, 15, 1.0, 24, 5.0);
  }

  /** Fails with a message naming the setting when a value is out of range. */
  public DetectorSettings {
    check(levelRate > 0 && levelRate <= 1, "levelRate", levelRate);
    check(seasonRate >= 0 && seasonRate <= 1, "seasonRate", seasonRate);
    check(scaleRate > 0 && scaleRate <= 1, "scaleRate", scaleRate);
    check(clipSigmas > 0, "clipSigmas", clipSigmas);
    check(shiftPoints > 0, "shiftPoints", shiftPoints);
    check(shortWindow > 0, "shortWindow", shortWindow);
    check(historyPoints > 1, "historyPoints", historyPoints);
    check(warmupPoints >= 10, "warmupPoints", warmupPoints);
    check(alertScore > 0 && alertScore <= 1, "alertScore", alertScore);
    check(suppressPoints >= 0, "suppressPoints", suppressPoints);
    check(noveltyWarmupPoints >= 10, "noveltyWarmupPoints", noveltyWarmupPoints);
    check(contextBins >= 1, "contextBins", contextBins);
    check(residualWeight >= 0 && residualWeight <= 1, "residualWeight", residualWeight);
    check(noveltyMarginSigmas >= 0, "noveltyMarginSigmas", noveltyMarginSigmas);
    check(likelihoodWindow >= 1, "likelihoodWindow", likelihoodWindow);
    check(likelihoodWeight >= 0 && likelihoodWeight <= 1, "likelihoodWeight", likelihoodWeight);
    check(longMeanPoints >= 1, "longMeanPoints", longMeanPoints);
    check(longMeanWeight >= 0, "longMeanWeight", longMeanWeight);
  }

  private static void check(boolean ok, String name, double v) {
    if (!ok) {
      throw new IllegalArgumentException("detector setting " + name + " out of range: " + v);
    }
  }
}
