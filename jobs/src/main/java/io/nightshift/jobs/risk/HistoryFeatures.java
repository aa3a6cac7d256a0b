package io.nightshift.jobs.risk;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
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
  public static final String ENTITY_RATE = "inc__entity_weekly_rate";
  public static final String SERVICE_RATE = "inc__service_weekly_rate";
  public static final String CHG_1D = "chg__entity_1d";
  public static final String FAILED_1D = "chg__entity_failed_1d";
  public static final String FAILED_3D = "chg__entity_failed_3d";
  public static final String SVC_FAILED_3D = "chg__service_failed_3d";

  /** Not a feature: the latest failed change on the entity or its service in 3 days. */
  public static final String LAST_FAILED_CHANGE = "last_failed_change";

  /** Days since the last incident when none is in the window. */
  static final double NEVER = 999;

  /**
   * Grid column: the day number of the entity's first metric sample (an entity counts towards its
   * service's size from that day on).
   */
  static final String FIRST_DAY_NUM = "_first_day_num";

  /** Half-life in days of the entity's incident rate (recent incidents weigh most). */
  static final double ENTITY_HALF_LIFE_DAYS = 14;

  /** Half-life in days of the service's incident rate per entity (its longer-run habit). */
  static final double SERVICE_HALF_LIFE_DAYS = 30;

  /**
   * The entity's rate is shrunk towards its service's: as if it had been watched this many more
   * days at the service's rate (a few days of history alone say little).
   */
  static final double PRIOR_DAYS = 14;

  private HistoryFeatures() {}

  /** Incident feature names. */
  public static List<String> incidentFeatures() {
    return List.of(
        INC_1D,
        INC_7D,
        INC_30D,
        DAYS_SINCE_INC,
        SVC_INC_7D,
        SVC_INC_30D,
        ENTITY_RATE,
        SERVICE_RATE);
  }

  /** Change feature names. */
  public static List<String> changeFeatures() {
    return List.of(CHG_1D, FAILED_1D, FAILED_3D, SVC_FAILED_3D);
  }

  /**
   * Adds the incident features to a grid of (entity, service, day, _day_num, _first_day_num) rows
   * that starts at least 30 days before the first day to be used. Besides plain counts, two rates
   * in incidents per week over the days the entity has been observed (from its first metric sample;
   * so they mean the same early in the data as late, unlike counts): its service's incidents per
   * observed entity of the service, exponentially decayed with a half-life of {@value
   * #SERVICE_HALF_LIFE_DAYS} days, and the entity's own, decayed with a half-life of {@value
   * #ENTITY_HALF_LIFE_DAYS} days and shrunk towards the service's rate by {@value #PRIOR_DAYS}
   * days' worth of it. A service-wide rate is a far less noisy estimate of an entity's chance than
   * the entity's own few incidents.
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
    WindowSpec upToDay = w.rangeBetween(Window.unboundedPreceding(), 0);
    Column observed =
        when(col(FIRST_DAY_NUM).leq(col(MetricFeatures.DAY_NUM)), lit(1.0)).otherwise(lit(0.0));
    Column serviceSize = sum(observed).over(Window.partitionBy(Cols.SERVICE, RiskFeatures.DAY));
    Column svcNum = decayed(col("_obs").multiply(col("_svc_inc")), upToDay, SERVICE_HALF_LIFE_DAYS);
    Column svcDen = decayed(col("_obs").multiply(col("_svc_n")), upToDay, SERVICE_HALF_LIFE_DAYS);
    Column svcPerDay = when(svcDen.gt(0), svcNum.divide(svcDen)).otherwise(lit(0.0));
    Column entNum = decayed(col("_obs").multiply(col("_inc")), upToDay, ENTITY_HALF_LIFE_DAYS);
    Column entDen = decayed(col("_obs"), upToDay, ENTITY_HALF_LIFE_DAYS);
    return grid.join(byEntity, keys(Cols.ENTITY), "left")
        .join(byService, keys(Cols.SERVICE), "left")
        .withColumn(
            "_age",
            col(MetricFeatures.DAY_NUM)
                .minus(min(col(MetricFeatures.DAY_NUM)).over(Window.partitionBy(Cols.ENTITY)))
                .cast("double"))
        .withColumn("_obs", observed)
        .withColumn("_svc_n", serviceSize)
        .withColumn("_svc_per_day", svcPerDay)
        .withColumn(SERVICE_RATE, col("_svc_per_day").multiply(7))
        .withColumn(
            ENTITY_RATE,
            entNum
                .plus(col("_svc_per_day").multiply(PRIOR_DAYS))
                .divide(entDen.plus(PRIOR_DAYS))
                .multiply(7))
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
        .drop("_inc", "_svc_inc", "_age", "_obs", "_svc_n", "_svc_per_day");
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

  /**
   * The sum of {@code c} over the window's days, each weighted by 0.5^(days before this row /
   * halfLife). Computed as one running sum of c x 2^(age / halfLife), rescaled by 2^(-age /
   * halfLife) (age = days since the entity's first grid day, so the exponents stay small).
   */
  private static Column decayed(Column c, WindowSpec w, double halfLife) {
    Column rate = lit(Math.log(2) / halfLife);
    return sumOver(coalesce(c, lit(0.0)).multiply(exp(col("_age").multiply(rate))), w)
        .multiply(exp(col("_age").multiply(rate).multiply(-1)));
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
