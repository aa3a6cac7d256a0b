package io.nightshift.jobs.risk;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;

import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.HourlyMetrics;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * What the risk features need from the window's whole hourly roll-up, in one pass over it: per
 * entity, service, metric and day, the points and the first hour. These few rows (entities x
 * metrics x days, against 24 hours a day in the roll-up) give both the metrics with their own
 * feature columns ({@link #topMetrics}) and each entity's service and first day ({@link
 * #entities}), which were two aggregations over the whole roll-up. Sums of point counts and a
 * minimum: the same figures exactly. The entities' table (one row per entity) is collected to the
 * driver, so the feature query starts from it instead of aggregating the roll-up again.
 */
final class WindowMetricDays implements AutoCloseable {
  private static final String M = "_m";
  private static final String N = "_n";
  private static final String FIRST_TS = "_first_ts";

  private final Dataset<Row> perDay;

  /** Aggregates the roll-up's hours before {@code end} (exclusive); cached until {@link #close}. */
  WindowMetricDays(Dataset<Row> hourlyMetrics, Instant end) {
    Column hour = col(HourlyMetrics.HOUR);
    perDay =
        hourlyMetrics
            .filter(hour.lt(lit(Timestamp.from(end))))
            .groupBy(
                col(Cols.ENTITY),
                col(Cols.SERVICE),
                col(Cols.METRIC),
                to_date(hour).alias(RiskFeatures.DAY))
            .agg(sum(HourlyMetrics.N).alias(N), min(hour).alias(FIRST_TS))
            .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * The metrics (as feature names) that get their own feature columns, over the hours from {@code
   * from} (a UTC midnight): the {@code maxMetrics} metrics with the most entity-days, then by name;
   * decided over the whole window, so a night that builds only its last days' rows has the same
   * columns.
   */
  List<String> topMetrics(LocalDate from, int maxMetrics) {
    // one row per metric (bounded by maxMetrics)
    return perDay
        .filter(col(RiskFeatures.DAY).geq(lit(Date.valueOf(from))))
        .select(
            col(Cols.ENTITY),
            MetricFeatures.featureName(col(Cols.METRIC)).alias(M),
            col(RiskFeatures.DAY))
        .distinct()
        .groupBy(M)
        .agg(count("*").alias("_c"))
        .orderBy(col("_c").desc(), col(M))
        .limit(maxMetrics)
        .select(M)
        .as(Encoders.STRING())
        .collectAsList();
  }

  /**
   * Per entity: the service it reported the most points under and the day number (days since
   * 1970-01-01) of its first hour, collected (one row per entity) into a local table.
   */
  Dataset<Row> entities() {
    Dataset<Row> e =
        perDay
            .groupBy(Cols.ENTITY, Cols.SERVICE)
            .agg(sum(N).alias(N), min(col(FIRST_TS)).alias(FIRST_TS))
            .groupBy(Cols.ENTITY)
            .agg(
                max_by(col(Cols.SERVICE), col(N)).alias(Cols.SERVICE),
                datediff(to_date(min(col(FIRST_TS))), lit(Date.valueOf("1970-01-01")))
                    .alias(HistoryFeatures.FIRST_DAY_NUM));
    // one row per entity of the fleet
    return e.sparkSession().createDataFrame(e.collectAsList(), e.schema());
  }

  @Override
  public void close() {
    perDay.unpersist(false);
  }
}
