package io.nightshift.jobs.schema;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/**
 * Columns of the {@code capacity_forecast} output table: one row per entity, resource (metric) and
 * utilisation threshold. Utilisation is percent of capacity; days count from the last sample.
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

  public static final String CURRENT_UTILISATION_PCT = "current_utilisation_pct";

  /** Highest sample in the look-back window, percent of capacity. */
  public static final String PEAK_UTILISATION_PCT = "peak_utilisation_pct";

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

  /** Whether the median forecast reaches the threshold within the horizon (or already has). */
  public static final String SATURATES = "saturates_within_horizon";

  /**
   * {@link #STATUS_SATURATED}, {@link #STATUS_WILL}, {@link #STATUS_MAY} or "not within N days".
   */
  public static final String STATUS = "status";

  public static final String MODEL = "model";

  /** The chosen model's rolling-origin backtest error (MASE-scaled). */
  public static final String BACKTEST_MASE = "backtest_mase";

  public static final String HISTORY_HOURS = "history_hours";

  /** Time of the last sample; forecasts and days count from here. */
  public static final String FORECAST_ORIGIN = "forecast_origin";

  public static final String HORIZON_DAYS = "horizon_days";

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
          .add(SATURATES, BooleanType)
          .add(STATUS, StringType)
          .add(MODEL, StringType)
          .add(BACKTEST_MASE, DoubleType)
          .add(HISTORY_HOURS, IntegerType)
          .add(FORECAST_ORIGIN, TimestampType)
          .add(HORIZON_DAYS, IntegerType);
}
