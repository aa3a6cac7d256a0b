package io.nightshift.jobs.risk;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.schema.Cols;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Features from incident and change history, on the entity-day grid: incidents that opened on the
 * entity in the last 1, 7 and 30 days and days since the last one; incidents of its service in the
 * last 7 and 30 days; changes and failed changes on the entity (1 and 3 days) and on its service
 * (failed, 3 days), and the id of the latest failed change (for the explanation). Every count for
 * day D uses events before the end of D only.
 */
public final class HistoryFeatures {
  public static final String INC_1D = "inc__entity_1d";
  public static final String INC_7D = "inc__entity_7d";
  public static final String INC_30D = "inc__entity_30d";
  public static final String DAYS_SINCE_INC = "inc__days_since_last";
  public static final String SVC_INC_7D = "inc__service_7d";
  public static final String SVC_INC_30D = "inc__service_30d";
  public static final String CHG_1D = "chg__entity_1d";
  public static final String FAILED_1D = "chg__entity_failed_1d";
  public static final String FAILED_3D = "chg__entity_failed_3d";
  public static final String SVC_FAILED_3D = "chg__service_failed_3d";

  /** Not a feature: the latest failed change on the entity or its service in 3 days. */
  public static final String LAST_FAILED_CHANGE = "last_failed_change";

  /** Days since the last incident when none is in the window. */
  static final double NEVER = 999;

  private HistoryFeatures() {}

  /** Incident feature names. */
  public static List<String> incidentFeatures() {
    return List.of(INC_1D, INC_7D, INC_30D, DAYS_SINCE_INC, SVC_INC_7D, SVC_INC_30D);
  }

  /** Change feature names. */
  public static List<String> changeFeatures() {
    return List.of(CHG_1D, FAILED_1D, FAILED_3D, SVC_FAILED_3D);
  }

  /**
   * Adds the incident features to a grid of (entity, service, day, _day_num) rows that starts at
   * least 30 days before the first day to be used.
   */
  public static Dataset<Row> withIncidents(Dataset<Row> grid, Dataset<Row> incidents, Instant end) {
    Dataset<Row> inc =
        incidents
            .filter(col(Cols.OPENED_AT).lt(lit(Timestamp.from(end))))
            .withColumn(RiskFeatures.DAY, to_date(col(Cols.OPENED_AT)));
    Dataset<Row> byEntity =
        inc.filter(col(Cols.ENTITY).isNotNull())
            .groupBy(Cols.ENTITY, RiskFeatures.DAY)
            .agg(count("*").cast("double").alias("_inc"));
    Dataset<Row> byService =
        inc.groupBy(Cols.SERVICE, RiskFeatures.DAY)
            .agg(count("*").cast("double").alias("_svc_inc"));
    WindowSpec w = byEntityDays();
    return grid.join(byEntity, keys(Cols.ENTITY), "left")
        .join(byService, keys(Cols.SERVICE), "left")
        .withColumn(INC_1D, coalesce(col("_inc"), lit(0.0)))
        .withColumn(INC_7D, sumOver(col("_inc"), w.rangeBetween(-6, 0)))
        .withColumn(INC_30D, sumOver(col("_inc"), w.rangeBetween(-29, 0)))
        .withColumn(
            DAYS_SINCE_INC,
            coalesce(
                col(MetricFeatures.DAY_NUM)
                    .minus(
                        max(when(col("_inc").gt(0), col(MetricFeatures.DAY_NUM)))
                            .over(w.rangeBetween(Window.unboundedPreceding(), 0)))
                    .cast("double"),
                lit(NEVER)))
        .withColumn(SVC_INC_7D, sumOver(col("_svc_inc"), w.rangeBetween(-6, 0)))
        .withColumn(SVC_INC_30D, sumOver(col("_svc_inc"), w.rangeBetween(-29, 0)))
        .drop("_inc", "_svc_inc");
  }

  /** Adds the change features (zeros when the input has no changes table). */
  public static Dataset<Row> withChanges(
      Dataset<Row> grid, Optional<Dataset<Row>> changes, List<String> failedStatuses, Instant end) {
    if (changes.isEmpty()) {
      Dataset<Row> g = grid;
      for (String f : changeFeatures()) {
        g = g.withColumn(f, lit(0.0));
      }
      return g.withColumn(LAST_FAILED_CHANGE, lit(null).cast("string"));
    }
    Dataset<Row> chg =
        changes
            .get()
            .filter(col(Cols.TS).lt(lit(Timestamp.from(end))))
            .withColumn(RiskFeatures.DAY, to_date(col(Cols.TS)))
            .withColumn("_failed", col(Cols.STATUS).isin(failedStatuses.toArray()).cast("double"));
    Dataset<Row> byEntity =
        chg.filter(col(Cols.ENTITY).isNotNull())
            .groupBy(Cols.ENTITY, RiskFeatures.DAY)
            .agg(
                count("*").cast("double").alias("_chg"),
                sum("_failed").alias("_failed_e"),
                max_by(
                        when(col("_failed").gt(0), col(Cols.CHANGE_ID)),
                        when(col("_failed").gt(0), col(Cols.TS)))
                    .alias("_last_e"));
    Dataset<Row> byService =
        chg.groupBy(Cols.SERVICE, RiskFeatures.DAY)
            .agg(
                sum("_failed").alias("_failed_s"),
                max_by(
                        when(col("_failed").gt(0), col(Cols.CHANGE_ID)),
                        when(col("_failed").gt(0), col(Cols.TS)))
                    .alias("_last_s"));
    WindowSpec w3 = byEntityDays().rangeBetween(-2, 0);
    return grid.join(byEntity, keys(Cols.ENTITY), "left")
        .join(byService, keys(Cols.SERVICE), "left")
        .withColumn(CHG_1D, coalesce(col("_chg"), lit(0.0)))
        .withColumn(FAILED_1D, coalesce(col("_failed_e"), lit(0.0)))
        .withColumn(FAILED_3D, sumOver(col("_failed_e"), w3))
        .withColumn(SVC_FAILED_3D, sumOver(col("_failed_s"), w3))
        .withColumn(
            LAST_FAILED_CHANGE,
            coalesce(last(col("_last_e"), true).over(w3), last(col("_last_s"), true).over(w3)))
        .drop("_chg", "_failed_e", "_last_e", "_failed_s", "_last_s");
  }

  private static WindowSpec byEntityDays() {
    return Window.partitionBy(Cols.ENTITY).orderBy(MetricFeatures.DAY_NUM);
  }

  private static Column sumOver(Column c, WindowSpec w) {
    return coalesce(sum(c).over(w), lit(0.0));
  }

  private static scala.collection.immutable.Seq<String> keys(String other) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(other, RiskFeatures.DAY))
        .toList();
  }
}
