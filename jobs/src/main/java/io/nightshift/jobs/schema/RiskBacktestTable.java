package io.nightshift.jobs.schema;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Columns of the {@code risk_backtest} output table: how the scores of earlier nights (their {@code
 * risk_scores} partitions in this output) fared against the incidents that then opened, one row per
 * earlier night and horizon whose horizon has passed by tonight.
 */
public final class RiskBacktestTable {
  private RiskBacktestTable() {}

  public static final String NAME = "risk_backtest";

  /** The night that was scored (its run date). */
  public static final String NIGHT = "night";

  public static final String HORIZON_HOURS = "horizon_hours";
  public static final String HORIZON = "horizon";

  /** Entities scored that night. */
  public static final String ENTITIES = "entities";

  /** Sum of the night's probabilities: the incidents the scores expected. */
  public static final String EXPECTED = "expected_entities_with_incident";

  /** Entities on which an incident opened within the horizon. */
  public static final String WITH_INCIDENT = "entities_with_incident";

  /** Entities that stood out that night. */
  public static final String STOOD_OUT = "stood_out";

  /** Of those, entities on which an incident opened within the horizon. */
  public static final String STOOD_OUT_WITH_INCIDENT = "stood_out_with_incident";

  /** The incidents' entities, comma-separated, those that stood out marked with "*". */
  public static final String INCIDENT_ENTITIES = "incident_entities";

  /** The table's schema, in column order. */
  public static final StructType SCHEMA =
      new StructType()
          .add(NIGHT, DataTypes.DateType)
          .add(HORIZON_HOURS, DataTypes.IntegerType)
          .add(HORIZON, DataTypes.StringType)
          .add(ENTITIES, DataTypes.LongType)
          .add(EXPECTED, DataTypes.DoubleType)
          .add(WITH_INCIDENT, DataTypes.LongType)
          .add(STOOD_OUT, DataTypes.LongType)
          .add(STOOD_OUT_WITH_INCIDENT, DataTypes.LongType)
          .add(INCIDENT_ENTITIES, DataTypes.StringType);
}
