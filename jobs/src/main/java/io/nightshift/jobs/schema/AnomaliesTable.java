package io.nightshift.jobs.schema;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/**
 * Columns of the {@code anomalies} output table: one row per anomaly event, i.e. a run of
 * consecutive anomalous points of one series (entity, metric) merged into one incident. The value
 * columns describe the peak point (the highest score).
 */
public final class AnomaliesTable {
  private AnomaliesTable() {}

  public static final String NAME = "anomalies";
  public static final String ENTITY = "entity";
  public static final String SERVICE = "service";
  public static final String METRIC = "metric";

  /** First anomalous point of the event. */
  public static final String START = "start";

  /** Last anomalous point of the event. */
  public static final String END = "end";

  /** Time of the peak (highest-scoring) point. */
  public static final String PEAK_TS = "peak_ts";

  /** Same as {@link #PEAK_TS}: the event's point in time for joins with other tables. */
  public static final String TS = "ts";

  /** Value at the peak (a rate per second for counters). */
  public static final String VALUE = "value";

  public static final String EXPECTED = "expected";
  public static final String LOWER = "lower";
  public static final String UPPER = "upper";

  /** Peak anomaly score in [0, 1]. */
  public static final String SCORE = "score";

  /** Number of anomalous points merged into the event. */
  public static final String POINTS = "points";

  /** Short explanation, e.g. "3.8 sigma above the Tuesday 14:00 baseline". */
  public static final String REASON = "reason";

  /** The table's schema, in column order. */
  public static final StructType SCHEMA =
      new StructType()
          .add(ENTITY, StringType)
          .add(SERVICE, StringType)
          .add(METRIC, StringType)
          .add(START, TimestampType)
          .add(END, TimestampType)
          .add(PEAK_TS, TimestampType)
          .add(TS, TimestampType)
          .add(VALUE, DoubleType)
          .add(EXPECTED, DoubleType)
          .add(LOWER, DoubleType)
          .add(UPPER, DoubleType)
          .add(SCORE, DoubleType)
          .add(POINTS, LongType)
          .add(REASON, StringType);
}
