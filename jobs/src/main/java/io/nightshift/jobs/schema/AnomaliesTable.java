package io.nightshift.jobs.schema;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/**
 * Columns of the {@code anomalies} output table: one row per anomaly event, i.e. a run of
 * consecutive anomalous points of one series (entity, metric) merged into one incident. An event is
 * described from its onset: its direction is that of its first points, judged against the baseline
 * the detector held before the event; the peak is its most extreme value in that direction, and the
 * band is that baseline (see {@code stages/AnomalyEvents}).
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

  /**
   * Time of the peak: the event's most extreme value in its direction (the highest for an event
   * above its baseline, the lowest for one below; the earliest if tied).
   */
  public static final String PEAK_TS = "peak_ts";

  /** Same as {@link #PEAK_TS}: the event's point in time for joins with other tables. */
  public static final String TS = "ts";

  /** Value at the peak (a rate per second for counters). */
  public static final String VALUE = "value";

  /** The detector's expected value when the event began (its first point's baseline). */
  public static final String EXPECTED = "expected";

  /**
   * Expected minus three sigmas when the event began; at least 0 for a series whose values in the
   * look-back window are never negative (as are {@link #EXPECTED} and {@link #UPPER}).
   */
  public static final String LOWER = "lower";

  /** Expected plus three sigmas when the event began. */
  public static final String UPPER = "upper";

  /** The highest anomaly score of the event's points, in [0, 1]. */
  public static final String SCORE = "score";

  /** Number of anomalous points merged into the event. */
  public static final String POINTS = "points";

  /**
   * Short explanation: how far the peak lies from the baseline the event began from, in that
   * baseline's sigmas, e.g. "3.8 sigma above the Tuesday 14:00 baseline" (weekday and hour of the
   * onset, UTC).
   */
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
