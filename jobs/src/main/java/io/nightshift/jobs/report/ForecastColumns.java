package io.nightshift.jobs.report;

import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The columns of {@code capacity_forecast} the capacity page uses, found by the names it accepts
 * (one row per resource): the series key, the threshold, the crossing time or the time left, and
 * optionally the forecast paths as arrays starting one step after {@code origin}.
 *
 * @param entity entity column (required)
 * @param metric metric column (required)
 * @param service service column
 * @param threshold saturation threshold (numeric)
 * @param crossing predicted crossing time (timestamp)
 * @param daysLeft days until the crossing (numeric), used when there is no crossing time
 * @param hoursLeft hours until the crossing (numeric), likewise
 * @param crossingLow earliest plausible crossing (timestamp)
 * @param crossingHigh latest plausible crossing (timestamp)
 * @param median forecast median path (array)
 * @param lower lower band path (array)
 * @param upper upper band path (array)
 * @param origin time of the last observation the paths start after (timestamp)
 * @param stepSeconds seconds between path steps (numeric)
 */
record ForecastColumns(
    String entity,
    String metric,
    Optional<String> service,
    Optional<String> threshold,
    Optional<String> crossing,
    Optional<String> daysLeft,
    Optional<String> hoursLeft,
    Optional<String> crossingLow,
    Optional<String> crossingHigh,
    Optional<String> median,
    Optional<String> lower,
    Optional<String> upper,
    Optional<String> origin,
    Optional<String> stepSeconds) {

  /** Finds the columns, or explains what is missing. */
  static Optional<ForecastColumns> of(Dataset<Row> t, StringBuilder whyNot) {
    Optional<String> entity = Columns.find(t, "entity", "resource");
    Optional<String> metric = Columns.find(t, "metric");
    if (entity.isEmpty() || metric.isEmpty()) {
      whyNot.append("capacity_forecast has no entity/metric columns");
      return Optional.empty();
    }
    ForecastColumns c =
        new ForecastColumns(
            entity.get(),
            metric.get(),
            Columns.find(t, "service"),
            Columns.findNumeric(t, "threshold", "saturation_threshold", "capacity", "limit"),
            Columns.find(
                t,
                "saturation_at",
                "saturation_ts",
                "crossing_at",
                "crossing_ts",
                "predicted_saturation_at",
                "saturates_at"),
            Columns.findNumeric(
                t,
                "days_to_saturation",
                "time_to_saturation_days",
                "days_left",
                "days_to_crossing"),
            Columns.findNumeric(t, "hours_to_saturation", "time_to_saturation_hours", "hours_left"),
            Columns.find(
                t, "saturation_at_p10", "crossing_low", "saturation_at_lower", "earliest_at"),
            Columns.find(
                t, "saturation_at_p90", "crossing_high", "saturation_at_upper", "latest_at"),
            Columns.findNumericArray(t, "p50", "median", "forecast_p50", "point"),
            Columns.findNumericArray(t, "p10", "lower80", "lower", "lower95", "forecast_p10"),
            Columns.findNumericArray(t, "p90", "upper80", "upper", "upper95", "forecast_p90"),
            Columns.find(t, "origin", "forecast_origin", "last_ts", "as_of"),
            Columns.findNumeric(t, "step_seconds", "step_s", "interval_seconds"));
    if (c.crossing().isEmpty() && c.daysLeft().isEmpty() && c.hoursLeft().isEmpty()) {
      whyNot.append("capacity_forecast has no crossing time or time-to-saturation column");
      return Optional.empty();
    }
    return Optional.of(c);
  }
}
