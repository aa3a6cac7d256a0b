package io.nightshift.jobs.schema;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Columns of the {@code capacity_forecast} output table: one row per entity, resource (metric) and
 * utilisation threshold. Utilisation is percent of capacity and never above 100: a resource that
 * fills stays full. Days count from the last sample ({@link #FORECAST_ORIGIN}). A resource is
 * "predicted to saturate" when a row of it has {@link #STATUS_WILL} or {@link #STATUS_SATURATED}
 * with {@link #CONFIDENCE_HIGH}; counts of resources count distinct (entity, resource) pairs, not
 * rows.
 */
public final class CapacityForecastTable {
  private CapacityForecastTable() {}

  public static final String NAME = "capacity_forecast";
  public static final String ENTITY = "entity";
  public static final String SERVICE = "service";
  public static final String RESOURCE = "resource";

  /** Capacity of the resource (from the data's capacity column, else config), metric's unit. */
  public static final String CAPACITY = "capacity";

  /** Threshold checked, percent of capacity (e.g. 85, 100). */
  public static final String THRESHOLD_PCT = "threshold_pct";

  /** Last sample's value, metric's unit. */
  public static final String CURRENT_VALUE = "current_value";

  /** Last sample's utilisation, percent of capacity (at most 100). */
  public static final String CURRENT_UTILISATION_PCT = "current_utilisation_pct";

  /** Highest hourly sample in the look-back window, percent of capacity (at most 100). */
  public static final String PEAK_UTILISATION_PCT = "peak_utilisation_pct";

  /**
   * Median forecast 7 days after the origin, percent of capacity (at most 100); same for 30, 90.
   */
  public static final String P50_7D = "forecast_p50_7d_pct";

  public static final String P90_7D = "forecast_p90_7d_pct";
  public static final String P50_30D = "forecast_p50_30d_pct";
  public static final String P90_30D = "forecast_p90_30d_pct";
  public static final String P50_90D = "forecast_p50_90d_pct";
  public static final String P90_90D = "forecast_p90_90d_pct";

  /** Days until the 90% quantile path reaches the threshold (earliest); null: not in horizon. */
  public static final String DAYS_P90 = "days_to_threshold_p90";

  /** Days until the median path reaches the threshold; null: not within the horizon. */
  public static final String DAYS_P50 = "days_to_threshold_p50";

  /** Days until the 10% quantile path reaches the threshold (latest); null: not in horizon. */
  public static final String DAYS_P10 = "days_to_threshold_p10";

  /** When the median path reaches the threshold: origin + {@link #DAYS_P50} days; null if never. */
  public static final String CROSSING_AT = "crossing_at_p50";

  /**
   * Days-to-full: days until the median path reaches 100% of capacity (0: full now; null: not
   * within the horizon). The same on every threshold row of a resource; the one figure of "days
   * until full" for the other stages and pages (risk factors read it here).
   */
  public static final String DAYS_TO_FULL = "days_to_full_p50";

  /**
   * When the median path fills the resource: origin + {@link #DAYS_TO_FULL} days; null if never.
   */
  public static final String FULL_AT = "full_at_p50";

  /** Whether the median forecast reaches the threshold within the horizon (or already has). */
  public static final String SATURATES = "saturates_within_horizon";

  /**
   * {@link #STATUS_SATURATED}, {@link #STATUS_WILL}, {@link #STATUS_MAY} or "not within N days".
   */
  public static final String STATUS = "status";

  public static final String MODEL = "model";

  /**
   * The chosen model's rolling-origin backtest error, MASE-scaled: its mean absolute error over a
   * naive forecast's, so below 1 it beat naive (0.65: by 35%); null if not backtested.
   */
  public static final String BACKTEST_MASE = "backtest_mase";

  /** {@link #BACKTEST_MASE} in words, e.g. "beat a naive forecast by 35% in its backtest (...)". */
  public static final String SKILL = "skill";

  /**
   * {@link #CONFIDENCE_HIGH} or {@link #CONFIDENCE_LOW}: low when not backtested, no better than
   * naive (MASE at or above 1) or based on less than a day of data since a level reset.
   */
  public static final String CONFIDENCE = "confidence";

  /** Why the confidence is low, and what a level reset did to the data used; null if nothing. */
  public static final String CONFIDENCE_NOTE = "confidence_note";

  /**
   * Time of the series' last level reset (a sharp persistent drop: restart, cleanup, an incident's
   * fix); the forecast uses the data since it. Null if none in the look-back window.
   */
  public static final String LEVEL_RESET_AT = "level_reset_at";

  public static final String HISTORY_HOURS = "history_hours";

  /** Time of the last sample; forecasts and days count from here. */
  public static final String FORECAST_ORIGIN = "forecast_origin";

  public static final String HORIZON_DAYS = "horizon_days";

  /** Hours of forecast path kept in the path columns (the charts' forecast window). */
  public static final int PATH_HOURS = 30 * 24;

  /**
   * The p10 forecast path, hourly, percent of capacity (at most 100): element i is i + 1 hours
   * after the origin, for the first {@link #PATH_HOURS} hours of the horizon. The charts draw
   * these.
   */
  public static final String P10_PATH = "forecast_p10_hourly_pct";

  /** The median forecast path, as {@link #P10_PATH}. */
  public static final String P50_PATH = "forecast_p50_hourly_pct";

  /** The p90 forecast path, as {@link #P10_PATH}. */
  public static final String P90_PATH = "forecast_p90_hourly_pct";

  /** Confidence of a forecast that beat naive in its backtest, on enough data. */
  public static final String CONFIDENCE_HIGH = "high";

  /** Confidence of a forecast that is listed but not headlined. */
  public static final String CONFIDENCE_LOW = "low";

  /** Current utilisation is at or above the threshold. */
  public static final String STATUS_SATURATED = "saturated";

  /** The median forecast reaches the threshold within the horizon. */
  public static final String STATUS_WILL = "saturates within horizon";

  /** Only the pessimistic (p90) forecast reaches the threshold within the horizon. */
  public static final String STATUS_MAY = "may saturate (p90)";

  /** The status text of a resource that does not reach the threshold within the horizon. */
  public static String notWithin(int horizonDays) {
    return "not within " + horizonDays + " days";
  }

  /** The table's schema, in column order. */
  public static final StructType SCHEMA =
      new StructType()
          .add(ENTITY, StringType)
          .add(SERVICE, StringType)
          .add(RESOURCE, StringType)
          .add(CAPACITY, DoubleType)
          .add(THRESHOLD_PCT, DoubleType)
          .add(CURRENT_VALUE, DoubleType)
          .add(CURRENT_UTILISATION_PCT, DoubleType)
          .add(PEAK_UTILISATION_PCT, DoubleType)
          .add(P50_7D, DoubleType)
          .add(P90_7D, DoubleType)
          .add(P50_30D, DoubleType)
          .add(P90_30D, DoubleType)
          .add(P50_90D, DoubleType)
          .add(P90_90D, DoubleType)
          .add(DAYS_P90, DoubleType)
          .add(DAYS_P50, DoubleType)
          .add(DAYS_P10, DoubleType)
          .add(CROSSING_AT, TimestampType)
          .add(DAYS_TO_FULL, DoubleType)
          .add(FULL_AT, TimestampType)
          .add(SATURATES, BooleanType)
          .add(STATUS, StringType)
          .add(MODEL, StringType)
          .add(BACKTEST_MASE, DoubleType)
          .add(SKILL, StringType)
          .add(CONFIDENCE, StringType)
          .add(CONFIDENCE_NOTE, StringType)
          .add(LEVEL_RESET_AT, TimestampType)
          .add(HISTORY_HOURS, IntegerType)
          .add(FORECAST_ORIGIN, TimestampType)
          .add(HORIZON_DAYS, IntegerType)
          .add(P10_PATH, DataTypes.createArrayType(DoubleType))
          .add(P50_PATH, DataTypes.createArrayType(DoubleType))
          .add(P90_PATH, DataTypes.createArrayType(DoubleType));
}
