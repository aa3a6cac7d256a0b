package io.nightshift.jobs.schema;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/**
 * Columns of the {@code risk_scores} output table: one row per entity and horizon for the run date,
 * ranked within the horizon (1 = most at risk).
 */
public final class RiskScoresTable {
  private RiskScoresTable() {}

  public static final String NAME = "risk_scores";
  public static final String ENTITY = "entity";
  public static final String SERVICE = "service";

  /** Horizon in hours (24, 168, ...). */
  public static final String HORIZON_HOURS = "horizon_hours";

  /** Horizon as text ("24h", "7d"). */
  public static final String HORIZON = "horizon";

  /** Calibrated probability that an incident opens within the horizon. */
  public static final String PROBABILITY = "probability";

  /** 1 = highest probability within the horizon. */
  public static final String RANK = "rank";

  /** The top contributing factors in words, joined with "; ". */
  public static final String FACTORS = "factors";

  public static final String FACTOR_1 = "factor_1";
  public static final String FACTOR_2 = "factor_2";
  public static final String FACTOR_3 = "factor_3";

  /** The day of the model's newest training data. */
  public static final String MODEL_DATE = "model_date";

  /** The table's schema, in column order. */
  public static final StructType SCHEMA =
      new StructType()
          .add(ENTITY, StringType)
          .add(SERVICE, StringType)
          .add(HORIZON_HOURS, IntegerType)
          .add(HORIZON, StringType)
          .add(PROBABILITY, DoubleType)
          .add(RANK, IntegerType)
          .add(FACTORS, StringType)
          .add(FACTOR_1, StringType)
          .add(FACTOR_2, StringType)
          .add(FACTOR_3, StringType)
          .add(MODEL_DATE, DateType);
}
