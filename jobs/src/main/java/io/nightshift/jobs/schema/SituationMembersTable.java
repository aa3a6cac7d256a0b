package io.nightshift.jobs.schema;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/**
 * Columns of the {@code situation_members} output table: the drill-down of {@link SituationsTable},
 * one row per member signal of a situation.
 */
public final class SituationMembersTable {
  private SituationMembersTable() {}

  public static final String NAME = "situation_members";
  public static final String SITUATION_ID = SituationsTable.SITUATION_ID;

  /** Member id: {@code entity|metric|start} for anomalies (unique within the night). */
  public static final String MEMBER_ID = "member_id";

  /**
   * "anomaly" (anomalies table), "log" (log_signals spike) or "mention" (log lines naming a peer).
   */
  public static final String SOURCE = "source";

  public static final String ENTITY = Cols.ENTITY;
  public static final String SERVICE = Cols.SERVICE;

  /** Metric of an anomaly; "log_anomaly_score" for a log spike; "log_mentions" for mentions. */
  public static final String METRIC = Cols.METRIC;

  public static final String START = "start";
  public static final String END = "end";
  public static final String SCORE = "score";

  /** For mentions: the service the log lines name (e.g. the one timed out on). */
  public static final String PEER_SERVICE = "peer_service";

  /** Rank of this member among the situation's probable causes, null if not ranked. */
  public static final String CAUSE_RANK = "cause_rank";

  /** The member's own explanation (the anomaly's reason, lines counted...). */
  public static final String DETAIL = "detail";

  /** The table's schema, in column order. */
  public static final StructType SCHEMA =
      new StructType()
          .add(SITUATION_ID, StringType)
          .add(MEMBER_ID, StringType)
          .add(SOURCE, StringType)
          .add(ENTITY, StringType)
          .add(SERVICE, StringType)
          .add(METRIC, StringType)
          .add(START, TimestampType)
          .add(END, TimestampType)
          .add(SCORE, DoubleType)
          .add(PEER_SERVICE, StringType)
          .add(CAUSE_RANK, IntegerType)
          .add(DETAIL, StringType);
}
