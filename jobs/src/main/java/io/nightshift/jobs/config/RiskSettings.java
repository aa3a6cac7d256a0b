package io.nightshift.jobs.config;

import com.typesafe.config.Config;
import java.util.List;

/**
 * Settings of the {@code nightshift.risk} section (see reference.conf): horizons, the classifier,
 * the time split, feature building, the nightly retraining cadence and the backtest.
 *
 * @param horizonsHours horizons scored, in hours (the first is the backtest's headline)
 * @param classifier "gbt" or "logistic"
 * @param maxIter trees (gbt) or iterations (logistic)
 * @param maxDepth tree depth (gbt)
 * @param regParam L2 regularisation strength (logistic) per day of the horizon
 * @param calibrationDays latest training days held out to fit the calibrator
 * @param maxMetrics most common metrics that get their own feature columns
 * @param zThreshold |z| above which an hour counts as anomalous
 * @param failedChangeStatuses change statuses that count as failed
 * @param retrainEveryDays the nightly run retrains when its latest model is this old or older
 * @param topK how many of the ranked entities the report's headline and precision@k use
 * @param evalTestDays days the backtest replays
 * @param evalRetrainEveryDays how often the backtest retrains while replaying
 */
public record RiskSettings(
    List<Integer> horizonsHours,
    String classifier,
    int maxIter,
    int maxDepth,
    double regParam,
    int calibrationDays,
    int maxMetrics,
    double zThreshold,
    List<String> failedChangeStatuses,
    int retrainEveryDays,
    int topK,
    int evalTestDays,
    int evalRetrainEveryDays) {

  static RiskSettings from(Config c) {
    List<Integer> horizons = List.copyOf(c.getIntList("horizonsHours"));
    if (horizons.isEmpty() || horizons.stream().anyMatch(h -> h <= 0 || h % 24 != 0)) {
      throw new BadConfigException(
          Checks.where(c, "horizonsHours")
              + " must be a non-empty list of whole days in hours (24, 168, ...), was "
              + horizons);
    }
    return new RiskSettings(
        horizons,
        Checks.oneOf(c, "classifier", List.of("gbt", "logistic")),
        Checks.positiveInt(c, "maxIter"),
        Checks.positiveInt(c, "maxDepth"),
        Checks.positiveDouble(c, "regParam"),
        Checks.positiveInt(c, "calibrationDays"),
        Checks.positiveInt(c, "maxMetrics"),
        Checks.positiveDouble(c, "zThreshold"),
        List.copyOf(c.getStringList("failedChangeStatuses")),
        Checks.positiveInt(c, "retrainEveryDays"),
        Checks.positiveInt(c, "topK"),
        Checks.positiveInt(c, "eval.testDays"),
        Checks.positiveInt(c, "eval.retrainEveryDays"));
  }
}
