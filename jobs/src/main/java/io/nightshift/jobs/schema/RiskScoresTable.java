package io.nightshift.jobs.schema;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/**
 * Columns of the {@code risk_scores} output table: one row per entity (with metric data tonight)
 * and horizon for the run date, ranked within the horizon (1 = most at risk; equal probabilities
 * share a rank), with the fleet's usual probability beside each and whether the entity stands out.
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

  /**
   * 1 = highest probability within the horizon; entities with equal probabilities share a rank
   * (competition ranking: 1, 2, 2, 4), so a tie is never shown as an order.
   */
  public static final String RANK = "rank";

  /** The top contributing factors in words, joined with "; ". */
  public static final String FACTORS = "factors";

  public static final String FACTOR_1 = "factor_1";
  public static final String FACTOR_2 = "factor_2";
  public static final String FACTOR_3 = "factor_3";

  /**
   * The fleet's usual probability: the share of entity-nights (with data) in the model's training
   * days that had an incident within the horizon.
   */
  public static final String BASE_RATE = "base_rate";

  /** probability / base_rate ("3x the usual"); null when the base rate is 0. */
  public static final String TIMES_USUAL = "times_usual";

  /**
   * Whether the entity stands out tonight: its probability is at least {@code
   * RiskRanking.STANDS_OUT_RATIO} times the base rate and above tonight's median probability of the
   * horizon (an entity tied with most of the fleet does not stand out).
   */
  public static final String STANDS_OUT = "stands_out";

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
          .add(BASE_RATE, DoubleType)
          .add(TIMES_USUAL, DoubleType)
          .add(STANDS_OUT, BooleanType)
          .add(RANK, IntegerType)
          .add(FACTORS, StringType)
          .add(FACTOR_1, StringType)
          .add(FACTOR_2, StringType)
          .add(FACTOR_3, StringType)
          .add(MODEL_DATE, DateType);
}
