package io.nightshift.jobs.schema;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import org.apache.spark.sql.types.StructType;

/**
 * Columns of the {@code log_signals} output table: one row per entity, service and time window of
 * the run date (hourly by default, {@code nightshift.logs.windowMinutes}). Consumed by the risk
 * model.
 */
public final class LogSignalsTable {
  private LogSignalsTable() {}

  public static final String NAME = "log_signals";
  public static final String ENTITY = Cols.ENTITY;
  public static final String SERVICE = Cols.SERVICE;

  /** Start of the window (UTC timestamp). */
  public static final String WINDOW_START = "window_start";

  /** End of the window (exclusive). */
  public static final String WINDOW_END = "window_end";

  /** Lines in the window. */
  public static final String LINES = "lines";

  /** ERROR (and FATAL/CRITICAL) lines. */
  public static final String ERRORS = "errors";

  /** WARN lines. */
  public static final String WARNINGS = "warnings";

  /** errors / lines. */
  public static final String ERROR_RATE = "error_rate";

  /** warnings / lines. */
  public static final String WARN_RATE = "warn_rate";

  /** Distinct templates in the window. */
  public static final String TEMPLATES = "templates";

  /** Distinct templates in the window first seen on the run date. */
  public static final String NEW_TEMPLATES = "new_templates";

  /** Lines per template id in the window (map template id to count). */
  public static final String TEMPLATE_COUNTS = "template_counts";

  /** Lines above their template's expected band for this entity and time of day. */
  public static final String UNEXPECTED_LINES = "unexpected_lines";

  /**
   * Log anomaly score in [0, 1]: unexpected_lines / lines. Null when the entity has no baseline (no
   * history in the baseline days).
   */
  public static final String LOG_ANOMALY_SCORE = "log_anomaly_score";

  /** Days of the entity's history the baseline was learned from. */
  public static final String BASELINE_DAYS = "baseline_days";

  /** The table's schema, in column order. */
  public static final StructType SCHEMA =
      new StructType()
          .add(ENTITY, StringType)
          .add(SERVICE, StringType)
          .add(WINDOW_START, TimestampType)
          .add(WINDOW_END, TimestampType)
          .add(LINES, LongType)
          .add(ERRORS, LongType)
          .add(WARNINGS, LongType)
          .add(ERROR_RATE, DoubleType)
          .add(WARN_RATE, DoubleType)
          .add(TEMPLATES, LongType)
          .add(NEW_TEMPLATES, LongType)
          .add(TEMPLATE_COUNTS, createMapType(StringType, LongType))
          .add(UNEXPECTED_LINES, DoubleType)
          .add(LOG_ANOMALY_SCORE, DoubleType)
          .add(BASELINE_DAYS, IntegerType);
}
