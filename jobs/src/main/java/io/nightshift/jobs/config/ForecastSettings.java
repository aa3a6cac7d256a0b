package io.nightshift.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the {@code nightshift.forecast} section: which resources are forecast, the saturation
 * thresholds, the horizon and the forecaster's backtest options (see reference.conf).
 *
 * @param horizonDays days forecast ahead and checked for saturation
 * @param thresholdsPct utilisation thresholds (percent of capacity) checked for every resource
 * @param metricThresholdsPct per-metric thresholds replacing {@code thresholdsPct}
 * @param capacities metrics forecast even without a capacity column, with their capacity
 * @param minHistoryHours hours with data a series needs to be forecast
 * @param season daily seasonal period in hours
 * @param longSeason weekly seasonal period in hours (0: none)
 * @param backtestHorizonHours hours forecast from each backtest origin
 * @param backtestOrigins rolling backtest origins
 * @param originStepHours hours between backtest origins
 * @param combineTop best candidates tried as a combination (1: none)
 * @param adjustLevelShifts whether resets and level shifts are aligned before fitting
 * @param saveModel whether the fitted model is saved with the run's models
 */
public record ForecastSettings(
    int horizonDays,
    List<Double> thresholdsPct,
    Map<String, List<Double>> metricThresholdsPct,
    Map<String, Double> capacities,
    int minHistoryHours,
    int season,
    int longSeason,
    int backtestHorizonHours,
    int backtestOrigins,
    int originStepHours,
    int combineTop,
    boolean adjustLevelShifts,
    boolean saveModel) {

  private static final String P = "nightshift.forecast.";

  static ForecastSettings from(Config c) {
    List<Double> defaults = thresholds(c.getDoubleList("thresholdsPct"), "thresholdsPct");
    Map<String, List<Double>> perMetric = new LinkedHashMap<>();
    Config pm = c.getConfig("metricThresholdsPct");
    for (Map.Entry<String, ConfigValue> e : pm.root().entrySet()) {
      String key = "metricThresholdsPct." + e.getKey();
      perMetric.put(e.getKey(), thresholds(pm.getDoubleList(quote(e.getKey())), key));
    }
    Map<String, Double> caps = new LinkedHashMap<>();
    Config cc = c.getConfig("capacities");
    for (Map.Entry<String, ConfigValue> e : cc.root().entrySet()) {
      double v = cc.getDouble(quote(e.getKey()));
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new BadConfigException(
            "config key '" + P + "capacities." + e.getKey() + "' must be a number > 0, was " + v);
      }
      caps.put(e.getKey(), v);
    }
    int season = Checks.positiveInt(c, "season");
    int longSeason = c.getInt("longSeason");
    if (longSeason < 0) {
      throw new BadConfigException(
          "config key '" + P + "longSeason' must be >= 0, was " + longSeason);
    }
    int combineTop = Checks.positiveInt(c, "combineTop");
    return new ForecastSettings(
        Checks.positiveInt(c, "horizonDays"),
        defaults,
        Map.copyOf(perMetric),
        Map.copyOf(caps),
        Checks.positiveInt(c, "minHistoryHours"),
        season,
        longSeason,
        Checks.positiveInt(c, "backtestHorizonHours"),
        Checks.positiveInt(c, "backtestOrigins"),
        Checks.positiveInt(c, "originStepHours"),
        combineTop,
        c.getBoolean("adjustLevelShifts"),
        c.getBoolean("saveModel"));
  }

  /** Thresholds for a metric: its own list if configured, else the default list. */
  public List<Double> thresholdsFor(String metric) {
    return metricThresholdsPct.getOrDefault(metric, thresholdsPct);
  }

  private static List<Double> thresholds(List<Double> v, String key) {
    if (v.isEmpty()) {
      throw new BadConfigException("config key '" + P + key + "' must list at least one threshold");
    }
    for (double d : v) {
      if (!(d > 0) || Double.isInfinite(d)) {
        throw new BadConfigException(
            "config key '" + P + key + "' thresholds must be numbers > 0 (percent), was " + v);
      }
    }
    return List.copyOf(v);
  }

  private static String quote(String key) {
    return "\"" + key.replace("\"", "\\\"") + "\"";
  }
}
