package io.nightshift.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settings of the {@code nightshift.risk} section (see reference.conf): horizons, the classifier,
 * the time split, feature building, the nightly retraining cadence and the backtest.
 *
 * @param horizonsHours horizons scored, in hours (the first is the backtest's headline)
 * @param classifier "gbt" or "logistic"
 * @param maxIter trees (gbt) or iterations (logistic)
 * @param maxDepth tree depth (gbt)
 * @param regParam regularisation strength (logistic) by horizon in hours
 * @param elasticNetParam L1 share of the regularisation (logistic, 0 to 1) by horizon in hours
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
    Map<Integer, Double> regParam,
    Map<Integer, Double> elasticNetParam,
    int calibrationDays,
    int maxMetrics,
    double zThreshold,
    List<String> failedChangeStatuses,
    int retrainEveryDays,
    int topK,
    int evalTestDays,
    int evalRetrainEveryDays) {

  /**
   * A value for every horizon: the key is a number (all horizons) or an object with a {@code
   * default} and optional entries by horizon in hours ({@code "168" = 0.5}); each in [0, max].
   */
  private static Map<Integer, Double> byHorizon(
      Config c, String key, List<Integer> horizons, double max) {
    Map<Integer, Double> out = new TreeMap<>();
    boolean object = c.getValue(key).valueType() == ConfigValueType.OBJECT;
    for (int h : horizons) {
      String path = key + "." + h;
      double v =
          !object
              ? c.getDouble(key)
              : c.hasPath(path) ? c.getDouble(path) : c.getDouble(key + ".default");
      if (v < 0 || v > max) {
        throw new BadConfigException(
            Checks.where(c, key) + " must be between 0 and " + max + ", was " + v + " for " + h);
      }
      out.put(h, v);
    }
    return Map.copyOf(out);
  }

  /** The value of a by-horizon setting for one horizon. */
  public static double forHorizon(Map<Integer, Double> values, int horizonHours) {
    return values.get(horizonHours);
  }

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
        byHorizon(c, "regParam", horizons, Double.MAX_VALUE),
        byHorizon(c, "elasticNetParam", horizons, 1),
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
