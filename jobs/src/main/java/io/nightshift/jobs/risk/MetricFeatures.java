package io.nightshift.jobs.risk;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.regr_slope;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.HourlyMetrics;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Features from the metrics alone, generic over whatever metrics the input holds. Samples are
 * averaged per hour; per entity, metric and day D (hours before the end of D only) against the
 * seven days before D: z-scores of the last six hours, of the day and of its most extreme hour; the
 * seven-day slope of daily means (in baseline spreads per day); the level and, where the metric has
 * a capacity, the utilisation and the fill speed 1 / (1 + days until full; 365 when not filling) at
 * the seven-day slope and at the slope of the last three days (which a cleanup or reset more than
 * two days ago no longer bends). The most common metrics get their own columns ({@code
 * m__<metric>__<stat>}); every metric feeds fleet-wide summaries ({@code all__...}) and the count
 * of anomalous hours (|z| above a threshold), the "current anomaly count".
 */
public final class MetricFeatures {
  /** Per-metric statistics, in column-name order. */
  public static final List<String> STATS =
      List.of(
          "z_last", "z_day", "z_peak", "slope_z", "level", "util", "fill_speed", "fill_speed_3d");

  public static final String MAX_ABS_Z_LAST = "all__max_abs_z_last";
  public static final String MAX_ABS_Z_DAY = "all__max_abs_z_day";
  public static final String MAX_Z_PEAK = "all__max_z_peak";
  public static final String MAX_SLOPE_Z = "all__max_slope_z";
  public static final String MAX_UTIL = "all__max_util";
  public static final String MAX_FILL_SPEED = "all__max_fill_speed";
  public static final String MAX_FILL_SPEED_3D = "all__max_fill_speed_3d";
  public static final String SHIFTED_METRICS = "all__metrics_shifted";
  public static final String ANOMALY_HOURS = "all__anomaly_hours";

  /**
   * Not a feature: the entity's metric-hours with data that day (0 or null: it reported nothing).
   * Training, scoring and the backtest use entity-days with data only; the presence baseline of
   * {@code eval risk} ranks by it.
   */
  public static final String METRIC_HOURS = "metric_hours";

  static final String DAY_NUM = "_day_num";
  private static final double NO_SATURATION_DAYS = 365;

  private MetricFeatures() {}

  /** The per-entity-day metric features and the names of their feature columns. */
  public record Result(Dataset<Row> table, List<String> features) {}

  /**
   * Builds the features for every entity and day with metric data up to {@code end} (exclusive).
   *
   * @param hourlyMetrics the metrics rolled up to hours ({@link HourlyMetrics})
   * @param top the metrics (feature names) that get their own columns ({@link
   *     WindowMetricDays#topMetrics})
   * @param zThreshold |z| above which an hour counts as anomalous
   */
  public static Result build(
      Dataset<Row> hourlyMetrics, Instant end, List<String> top, double zThreshold) {
    Dataset<Row> hourly =
        hourlyMetrics
            .filter(col(HourlyMetrics.HOUR).lt(lit(Timestamp.from(end))))
            .withColumn("_m", featureName(col(Cols.METRIC)))
            .groupBy(col(Cols.ENTITY), col("_m"), col(HourlyMetrics.HOUR).alias("_hour"))
            .agg(
                sum(HourlyMetrics.VALUE_SUM).divide(sum(HourlyMetrics.N)).alias("_v"),
                try_divide(sum(HourlyMetrics.CAPACITY_SUM), sum(HourlyMetrics.CAPACITY_N))
                    .alias("_cap"))
            .withColumn(RiskFeatures.DAY, to_date(col("_hour")))
            .withColumn(DAY_NUM, datediff(col(RiskFeatures.DAY), lit("1970-01-01").cast("date")));
    WindowSpec before = Window.partitionBy(Cols.ENTITY, "_m").orderBy(DAY_NUM).rangeBetween(-7, -1);
    WindowSpec week = Window.partitionBy(Cols.ENTITY, "_m").orderBy(DAY_NUM).rangeBetween(-6, 0);
    WindowSpec threeDays =
        Window.partitionBy(Cols.ENTITY, "_m").orderBy(DAY_NUM).rangeBetween(-2, 0);
    // The day's hourly means, one column per hour of the day (an hour has one row per entity and
    // metric): plain aggregates, so the aggregation hashes; a collected list would make Spark fall
    // back to sorting the hourly rows past a few keys.
    List<Column> hourAggs = new ArrayList<>();
    List<Column> hourCols = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      hourAggs.add(max(when(hour(col("_hour")).equalTo(h), col("_v"))).alias("_h" + h));
      hourCols.add(col("_h" + h));
    }
    hourAggs.addAll(
        List.of(
            sum("_v").alias("_s"),
            sum(col("_v").multiply(col("_v"))).alias("_ss"),
            count("_v").alias("_n"),
            max("_v").alias("_max"),
            min("_v").alias("_min"),
            avg(when(hour(col("_hour")).geq(18), col("_v"))).alias("_last6"),
            avg("_cap").alias("_cap")));
    Dataset<Row> daily =
        hourly
            .groupBy(Cols.ENTITY, "_m", RiskFeatures.DAY, DAY_NUM)
            .agg(avg("_v").alias("_mean"), hourAggs.toArray(new Column[0]))
            .withColumn("_hours", array(hourCols.toArray(new Column[0])))
            .drop(IntStream.range(0, 24).mapToObj(h -> "_h" + h).toArray(String[]::new))
            .withColumn("_bs", sum("_s").over(before))
            .withColumn("_bn", sum("_n").over(before))
            .withColumn("_bss", sum("_ss").over(before))
            .withColumn("_slope", regr_slope(col("_mean"), col(DAY_NUM).cast("double")).over(week))
            .withColumn(
                "_slope3", regr_slope(col("_mean"), col(DAY_NUM).cast("double")).over(threeDays))
            .withColumn("_bm", col("_bs").divide(col("_bn")))
            .withColumn(
                "_sd",
                greatest(
                    sqrt(
                        greatest(
                            lit(0.0),
                            col("_bss").divide(col("_bn")).minus(col("_bm").multiply(col("_bm"))))),
                    abs(col("_bm")).multiply(0.01),
                    lit(1e-6)))
            .withColumn("_last", coalesce(col("_last6"), col("_mean")));
    Dataset<Row> perMetric =
        daily
            .withColumn("z_last", clip(col("_last").minus(col("_bm")).divide(col("_sd"))))
            .withColumn("z_day", clip(col("_mean").minus(col("_bm")).divide(col("_sd"))))
            .withColumn(
                "z_peak",
                clip(
                    greatest(abs(col("_max").minus(col("_bm"))), abs(col("_min").minus(col("_bm"))))
                        .divide(col("_sd"))))
            .withColumn("slope_z", clip(col("_slope").divide(col("_sd"))))
            .withColumn("level", col("_last"))
            .withColumn("util", col("_last").divide(col("_cap")))
            .withColumn("fill_speed", fillSpeed(col("_slope")))
            .withColumn("fill_speed_3d", fillSpeed(col("_slope3")))
            .withColumn(
                "_anomalous_hours",
                size(
                    filter(
                        col("_hours"),
                        v -> abs(v.minus(col("_bm"))).divide(col("_sd")).gt(zThreshold))));

    // One aggregation per entity and day: the fleet-wide summaries, the anomalous hours (counted
    // per metric and day above, against the day's own baseline) and the top metrics' own columns
    // (a metric has one row per entity and day, so each column takes that row's value or null).
    List<Column> aggs =
        new ArrayList<>(
            List.of(
                max(abs(col("z_last"))).alias(MAX_ABS_Z_LAST),
                max(abs(col("z_day"))).alias(MAX_ABS_Z_DAY),
                max(col("z_peak")).alias(MAX_Z_PEAK),
                max(col("slope_z")).alias(MAX_SLOPE_Z),
                max(col("util")).alias(MAX_UTIL),
                max(col("fill_speed")).alias(MAX_FILL_SPEED),
                max(col("fill_speed_3d")).alias(MAX_FILL_SPEED_3D),
                sum(when(abs(col("z_last")).gt(zThreshold), 1).otherwise(0))
                    .cast("double")
                    .alias(SHIFTED_METRICS),
                sum(col("_n")).cast("double").alias(METRIC_HOURS),
                sum(col("_anomalous_hours")).cast("double").alias(ANOMALY_HOURS)));
    List<String> features = new ArrayList<>();
    for (String m : top) {
      for (String s : STATS) {
        String name = "m__" + m + "__" + s;
        aggs.add(max(when(col("_m").equalTo(lit(m)), col(s))).alias(name));
        features.add(name);
      }
    }
    Dataset<Row> table =
        perMetric
            .groupBy(Cols.ENTITY, RiskFeatures.DAY)
            .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]));
    features.addAll(
        List.of(
            MAX_ABS_Z_LAST,
            MAX_ABS_Z_DAY,
            MAX_Z_PEAK,
            MAX_SLOPE_Z,
            MAX_UTIL,
            MAX_FILL_SPEED,
            MAX_FILL_SPEED_3D,
            SHIFTED_METRICS,
            ANOMALY_HOURS));
    return new Result(table, features);
  }

  /**
   * 1 / (1 + days until the capacity at this slope per day), from the last level; 0 to 1, higher
   * when filling faster or closer to full; 1 / (1 + {@value #NO_SATURATION_DAYS}) when the metric
   * has no capacity or is not growing.
   */
  private static Column fillSpeed(Column slope) {
    Column days =
        when(
                col("_cap").isNotNull().and(slope.gt(0)),
                least(
                    lit(NO_SATURATION_DAYS),
                    greatest(lit(0.0), col("_cap").minus(col("_last")).divide(slope))))
            .otherwise(lit(NO_SATURATION_DAYS));
    return lit(1.0).divide(lit(1.0).plus(days));
  }

  /** A metric's name as the feature columns spell it (letters, digits and underscores). */
  public static Column featureName(Column metric) {
    return regexp_replace(metric, "[^A-Za-z0-9_]", "_");
  }

  private static Column clip(Column z) {
    return least(lit(50.0), greatest(lit(-50.0), z));
  }
}
