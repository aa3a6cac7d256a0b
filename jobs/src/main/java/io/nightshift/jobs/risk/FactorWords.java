package io.nightshift.jobs.risk;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * Puts a model's top factors (struct feature, value) into words an on-call lead reads, e.g.
 * "disk_used_pct at 91% of capacity", "disk_used_pct trending +2.1 sd/day over 7 days", "failed
 * change CHG123 in the last 3 days". When a resource fills is the capacity forecast's figure
 * ({@link CapacityDays}), never a second computation of its own. Built from the feature naming
 * scheme of {@link MetricFeatures}, {@link HistoryFeatures} and {@link SignalFeatures}, with
 * built-in functions only. A factor whose figure rounds to nothing where it is printed is left out
 * ({@link #phrase}): "error_rate at 0.0" or "trending -0.0 sd/day" is not a reason.
 */
public final class FactorWords {
  /**
   * What a level or utilisation factor is: the mean of the day's last 6 hours (the day's mean when
   * it has no readings then), not the last reading: a pool saturated all afternoon and back to
   * normal at midnight is "averaged 73% of capacity over the last 6 h", which its samples bear out.
   */
  private static final String LAST_6_H = " over the last 6 h";

  private FactorWords() {}

  /**
   * What a feature is about, so that one row's factors name it once: the metric of a per-metric
   * feature ({@code m__<metric>}), the table of a signal feature ({@code sig__<table>}), the
   * entity's or its service's incident or change history; a summary feature is its own source.
   */
  public static String source(String feature) {
    int last = feature.lastIndexOf("__");
    if ((feature.startsWith("m__") || feature.startsWith("sig__"))
        && last > feature.indexOf("__")) {
      return feature.substring(0, last);
    }
    if (feature.startsWith("inc__") || feature.startsWith("chg__")) {
      String family = feature.substring(0, 5);
      return family + (feature.startsWith(family + "service") ? "service" : "entity");
    }
    return feature;
  }

  /**
   * An array of words, one per factor, from an array of factor structs; null where the factor has
   * nothing true to say (a fill speed with no capacity forecast within its horizon).
   *
   * @param capacityDays {@link CapacityDays#DAYS} of the row's entity
   * @param soonest {@link CapacityDays#SOONEST} of the row's entity
   */
  public static Column words(
      Column factors, Column lastFailedChange, Column capacityDays, Column soonest) {
    return transform(
        factors,
        f ->
            phrase(
                f.getField("feature"),
                f.getField("value"),
                lastFailedChange,
                capacityDays,
                soonest));
  }

  /**
   * "disk_used_pct full in about 12 days (capacity forecast)": the capacity forecast's median days
   * to 100%, the same figure as the capacity page; null when the forecast has none within its
   * horizon, or no forecast exists for the resource (a counter, a gauge without capacity).
   */
  static Column fullIn(Column resource, Column days) {
    return when(days.isNull(), lit(null).cast("string"))
        .when(days.leq(0), concat(resource, lit(" at 100% of capacity (capacity forecast)")))
        .when(days.lt(1), concat(resource, lit(" full within a day (capacity forecast)")))
        .otherwise(
            concat(
                resource,
                lit(" full in about "),
                format_number(days, 0),
                lit(" days (capacity forecast)")));
  }

  /**
   * The factor's words, or null when its figure rounds to zero where the words print it
   * ("error_rate at 0.0", "trending -0.0 sd/day", "0 incident(s) on it in 7 days"): a figure of
   * nothing is not a reason. Figures that mean something at zero keep their words ("last incident 0
   * days ago").
   */
  static Column phrase(
      Column feature, Column value, Column lastFailedChange, Column capacityDays, Column soonest) {
    Column settled = round(value, SETTLED_DECIMALS);
    return when(abs(settled).lt(halfOfLastDigit(feature)), lit(null).cast("string"))
        .otherwise(sentence(feature, settled, lastFailedChange, capacityDays, soonest));
  }

  /**
   * The figure is rounded to this many decimals before it is printed, far below anything printed,
   * so that sums of the same numbers added in another order (a steady night's plan against a full
   * recompute's, 1e-11 apart) print the same words even at a rounding boundary (35.5% of capacity).
   */
  static final int SETTLED_DECIMALS = 9;

  /**
   * Half of the last printed digit of the feature's figure in {@link #sentence} (below it the
   * figure prints as zero); null for factors whose words do not print their value as a figure of
   * something present: days to full come from the capacity forecast, days since the last incident
   * are 0 for an incident today.
   */
  static Column halfOfLastDigit(Column feature) {
    Column isCount =
        feature
            .isin(
                MetricFeatures.SHIFTED_METRICS,
                MetricFeatures.ANOMALY_HOURS,
                HistoryFeatures.INC_1D,
                HistoryFeatures.INC_7D,
                HistoryFeatures.INC_30D,
                HistoryFeatures.SVC_INC_7D,
                HistoryFeatures.SVC_INC_30D,
                HistoryFeatures.CHG_1D,
                HistoryFeatures.FAILED_1D,
                HistoryFeatures.FAILED_3D,
                HistoryFeatures.SVC_FAILED_3D)
            .or(feature.endsWith("__rows"));
    Column isFillSpeed =
        feature
            .endsWith("__fill_speed")
            .or(feature.endsWith("__fill_speed_3d"))
            .or(feature.isin(MetricFeatures.MAX_FILL_SPEED, MetricFeatures.MAX_FILL_SPEED_3D));
    return when(isFillSpeed.or(feature.equalTo(HistoryFeatures.DAYS_SINCE_INC)), lit(null))
        .when(isCount, lit(0.5))
        // percent of capacity with no decimals
        .when(feature.endsWith("__util").or(feature.equalTo(MetricFeatures.MAX_UTIL)), lit(0.005))
        // incident rates with two decimals
        .when(feature.isin(HistoryFeatures.ENTITY_RATE, HistoryFeatures.SERVICE_RATE), lit(0.005))
        // z-scores and trends with one decimal
        .when(
            feature
                .endsWith("__z_last")
                .or(feature.endsWith("__z_day"))
                .or(feature.endsWith("__z_peak"))
                .or(feature.endsWith("__slope_z"))
                .or(
                    feature.isin(
                        MetricFeatures.MAX_ABS_Z_LAST,
                        MetricFeatures.MAX_ABS_Z_DAY,
                        MetricFeatures.MAX_Z_PEAK,
                        MetricFeatures.MAX_SLOPE_Z)),
            lit(0.05))
        // levels, signal maxima and anything else as a figure (see #figure)
        .otherwise(lit(0.0005));
  }

  /**
   * A metric's level or a signal's maximum in its own unit: one decimal from 1 up ("412.5"), else
   * up to three decimals, so that a small rate says what it is ("error_rate at 0.03", not "at
   * 0.0").
   */
  static Column figure(Column value) {
    return when(abs(value).geq(1), format_number(value, 1))
        .otherwise(round(value, 3).cast("string"));
  }

  private static Column sentence(
      Column feature, Column value, Column lastFailedChange, Column capacityDays, Column soonest) {
    Column metric = regexp_extract(feature, "^m__(.*)__[a-z0-9_]+$", 1);
    Column signal = regexp_extract(feature, "^sig__(.*?)__", 1);
    Column v1 = format_number(value, 1);
    Column signed = format_string("%+.1f", value);
    Column count = format_number(value, 0);
    Column change = coalesce(concat(lit(" (last "), lastFailedChange, lit(")")), lit(""));
    return when(
            feature.endsWith("__z_last"),
            concat(metric, lit(" at z "), signed, lit(" in the last 6 h vs its previous 7 days")))
        .when(
            feature.endsWith("__z_day"),
            concat(metric, lit(" daily mean at z "), signed, lit(" vs its previous 7 days")))
        .when(feature.endsWith("__z_peak"), concat(metric, lit(" peak hour at |z| "), v1))
        .when(
            feature.endsWith("__slope_z"),
            concat(metric, lit(" trending "), signed, lit(" sd/day over 7 days")))
        .when(
            feature.endsWith("__level"),
            concat(metric, lit(" averaged "), figure(value), lit(LAST_6_H)))
        .when(
            feature.endsWith("__util"),
            concat(
                metric,
                lit(" averaged "),
                format_number(value.multiply(100), 0),
                lit("% of capacity"),
                lit(LAST_6_H)))
        .when(
            feature.endsWith("__fill_speed").or(feature.endsWith("__fill_speed_3d")),
            fullIn(metric, try_element_at(capacityDays, metric)))
        .when(
            feature.equalTo(MetricFeatures.MAX_ABS_Z_LAST),
            concat(lit("a metric at |z| "), v1, lit(" in the last 6 h")))
        .when(
            feature.equalTo(MetricFeatures.MAX_ABS_Z_DAY),
            concat(lit("a metric's daily mean at |z| "), v1))
        .when(
            feature.equalTo(MetricFeatures.MAX_Z_PEAK),
            concat(lit("a metric's peak hour at |z| "), v1))
        .when(
            feature.equalTo(MetricFeatures.MAX_SLOPE_Z),
            concat(lit("a metric trending "), signed, lit(" sd/day")))
        .when(
            feature.equalTo(MetricFeatures.MAX_UTIL),
            concat(
                lit("a resource averaged "),
                format_number(value.multiply(100), 0),
                lit("% of capacity"),
                lit(LAST_6_H)))
        .when(
            feature
                .equalTo(MetricFeatures.MAX_FILL_SPEED)
                .or(feature.equalTo(MetricFeatures.MAX_FILL_SPEED_3D)),
            fullIn(soonest.getField("resource"), soonest.getField("days")))
        .when(
            feature.equalTo(MetricFeatures.SHIFTED_METRICS),
            concat(count, lit(" metrics shifted (|z| > threshold)")))
        .when(
            feature.equalTo(MetricFeatures.ANOMALY_HOURS),
            concat(count, lit(" anomalous metric-hours today")))
        .when(
            feature.equalTo(HistoryFeatures.INC_1D), concat(count, lit(" incident(s) on it today")))
        .when(
            feature.equalTo(HistoryFeatures.INC_7D),
            concat(count, lit(" incident(s) on it in 7 days")))
        .when(
            feature.equalTo(HistoryFeatures.INC_30D),
            concat(count, lit(" incident(s) on it in 30 days")))
        .when(
            feature.equalTo(HistoryFeatures.DAYS_SINCE_INC),
            concat(lit("last incident "), count, lit(" days ago")))
        .when(
            feature.equalTo(HistoryFeatures.SVC_INC_7D),
            concat(count, lit(" incident(s) on its service in 7 days")))
        .when(
            feature.equalTo(HistoryFeatures.SVC_INC_30D),
            concat(count, lit(" incident(s) on its service in 30 days")))
        .when(
            feature.equalTo(HistoryFeatures.ENTITY_RATE),
            concat(lit("about "), format_number(value, 2), lit(" incident(s) a week on it lately")))
        .when(
            feature.equalTo(HistoryFeatures.SERVICE_RATE),
            concat(
                lit("its service: about "),
                format_number(value, 2),
                lit(" incident(s) a week per member")))
        .when(feature.equalTo(HistoryFeatures.CHG_1D), concat(count, lit(" change(s) today")))
        .when(
            feature.equalTo(HistoryFeatures.FAILED_1D),
            concat(count, lit(" failed change(s) today"), change))
        .when(
            feature.equalTo(HistoryFeatures.FAILED_3D),
            concat(count, lit(" failed change(s) in 3 days"), change))
        .when(
            feature.equalTo(HistoryFeatures.SVC_FAILED_3D),
            concat(count, lit(" failed change(s) on its service in 3 days"), change))
        .when(feature.endsWith("__rows"), concat(count, lit(" "), signal, lit(" rows today")))
        .when(
            feature.startsWith("sig__"),
            concat(
                signal,
                lit(" "),
                regexp_extract(feature, "__max_(.*)$", 1),
                lit(" up to "),
                figure(value)))
        .otherwise(concat(feature, lit(" = "), figure(value)));
  }
}
