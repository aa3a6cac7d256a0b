package io.nightshift.jobs.schema;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The validated metrics rolled up to one row per entity, metric and hour: the one aggregation of
 * the raw points that the capacity forecast, the risk features and the anomaly events' description
 * share, so a night aggregates its (largest) input once. Columns: {@code entity, metric, hour}, the
 * hour's last {@code service}, {@code n} points, {@code value_sum}, {@code value_avg}, {@code
 * value_max}, {@code value_min}, {@code value_sumsq} (sum of squares), {@code value_last}, {@code
 * capacity_last} (the last stated capacity), {@code capacity_sum} and {@code capacity_n} (points
 * that state one), {@code capacity_min} and {@code capacity_max}, and {@code service_min}, {@code
 * service_max} and {@code service_n} (points that name one): with these last five the recurring
 * incidents' saturation hours tell an hour of one capacity and one service, which the roll-up
 * decides alone, from the others, which need the points ({@code PrecursorEvents}). Points of one
 * time stamp are ordered by value, so "last" does not depend on the order rows arrive in.
 */
public final class HourlyMetrics {
  public static final String HOUR = "hour";
  public static final String N = "n";
  public static final String VALUE_SUM = "value_sum";
  public static final String VALUE_AVG = "value_avg";
  public static final String VALUE_MAX = "value_max";
  public static final String VALUE_MIN = "value_min";
  public static final String VALUE_SUMSQ = "value_sumsq";
  public static final String VALUE_LAST = "value_last";
  public static final String CAPACITY_LAST = "capacity_last";
  public static final String CAPACITY_SUM = "capacity_sum";
  public static final String CAPACITY_N = "capacity_n";
  public static final String CAPACITY_MIN = "capacity_min";
  public static final String CAPACITY_MAX = "capacity_max";
  public static final String SERVICE_MIN = "service_min";
  public static final String SERVICE_MAX = "service_max";
  public static final String SERVICE_N = "service_n";

  private HourlyMetrics() {}

  /** The roll-up's schema for metrics of the given (canonical) schema. */
  public static StructType schema(StructType metrics) {
    return of(SparkSession.active().createDataFrame(List.of(), metrics)).schema();
  }

  /**
   * Rolls validated metrics ({@code ts, entity, metric, value, service, capacity}) up to hours.
   * Lazy: the caller caches it when more than one consumer reads it.
   */
  public static Dataset<Row> of(Dataset<Row> metrics) {
    return metrics
        .where(col(Cols.VALUE).isNotNull())
        .groupBy(col(Cols.ENTITY), col(Cols.METRIC), date_trunc("hour", col(Cols.TS)).as(HOUR))
        .agg(
            max_by(col(Cols.SERVICE), struct(col(Cols.TS), col(Cols.SERVICE))).as(Cols.SERVICE),
            count(lit(1)).as(N),
            sum(col(Cols.VALUE)).as(VALUE_SUM),
            avg(col(Cols.VALUE)).as(VALUE_AVG),
            max(col(Cols.VALUE)).as(VALUE_MAX),
            min(col(Cols.VALUE)).as(VALUE_MIN),
            sum(col(Cols.VALUE).multiply(col(Cols.VALUE))).as(VALUE_SUMSQ),
            max_by(col(Cols.VALUE), struct(col(Cols.TS), col(Cols.VALUE))).as(VALUE_LAST),
            max_by(
                    col(Cols.CAPACITY),
                    when(col(Cols.CAPACITY).isNotNull(), struct(col(Cols.TS), col(Cols.CAPACITY))))
                .as(CAPACITY_LAST),
            sum(col(Cols.CAPACITY)).as(CAPACITY_SUM),
            count(col(Cols.CAPACITY)).as(CAPACITY_N),
            min(col(Cols.CAPACITY)).as(CAPACITY_MIN),
            max(col(Cols.CAPACITY)).as(CAPACITY_MAX),
            min(col(Cols.SERVICE)).as(SERVICE_MIN),
            max(col(Cols.SERVICE)).as(SERVICE_MAX),
            count(col(Cols.SERVICE)).as(SERVICE_N));
  }
}
