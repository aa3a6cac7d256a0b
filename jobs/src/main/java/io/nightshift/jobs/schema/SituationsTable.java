package io.nightshift.jobs.schema;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Columns of the {@code situations} output table: one row per situation of the run date, i.e. a
 * group of related anomalies and log signals that overlapped in time, with what it touched and its
 * probable causes. Members are in {@link SituationMembersTable}.
 */
public final class SituationsTable {
  private SituationsTable() {}

  public static final String NAME = "situations";

  /** Id, e.g. {@code S20260630-0210-3fa9c1} (start time and a hash of the members). */
  public static final String SITUATION_ID = "situation_id";

  /** One line for a person: the probable cause first, then the services it touched. */
  public static final String HEADLINE = "headline";

  /** First member's start. */
  public static final String START = "start";

  /** Last member's end. */
  public static final String END = "end";

  public static final String DURATION_MINUTES = "duration_minutes";

  /** In [0, 1]: the highest member score, raised by every further service and entity touched. */
  public static final String SEVERITY = "severity";

  /** The most probable cause, as text ("anomaly host-017 payments-db latency_ms: why"). */
  public static final String TOP_CAUSE = "top_cause";

  /** Services touched (sorted). */
  public static final String SERVICES = "services";

  /** Entities touched (sorted). */
  public static final String ENTITIES = "entities";

  /** Members: metric anomalies, log-signal spikes and log-mention bursts. */
  public static final String MEMBERS = "members";

  /** Members that are metric anomalies (rows of the anomalies table). */
  public static final String ANOMALIES = "anomalies";

  /** Highest member score. */
  public static final String MAX_SCORE = "max_score";

  /** Incidents (of the situation's services) opened during it or shortly after. */
  public static final String LINKED_INCIDENTS = "linked_incidents";

  /** Changes to the situation's services shortly before its members started. */
  public static final String LINKED_CHANGES = "linked_changes";

  /** Ranked probable causes: rank, kind (anomaly, log, change), ref, entity, service, why. */
  public static final String PROBABLE_CAUSES = "probable_causes";

  /** Sorted distinct service:metric pairs; a recurring pattern has the same signature. */
  public static final String SIGNATURE = "signature";

  /** Whether the same signature recurred on earlier nights without incidents (a benign pattern). */
  public static final String BENIGN = "benign";

  /** Whether it passes the noise minimums and is not benign (shown in the morning summary). */
  public static final String REPORTED = "reported";

  /** Type of one probable cause. */
  public static final StructType CAUSE =
      new StructType()
          .add("rank", IntegerType)
          .add("kind", StringType)
          .add("ref", StringType)
          .add("entity", StringType)
          .add("service", StringType)
          .add("metric", StringType)
          .add("score", DoubleType)
          .add("why", StringType);

  private static final ArrayType STRINGS = DataTypes.createArrayType(StringType);

  /** The table's schema, in column order. */
  public static final StructType SCHEMA =
      new StructType()
          .add(SITUATION_ID, StringType)
          .add(HEADLINE, StringType)
          .add(START, TimestampType)
          .add(END, TimestampType)
          .add(DURATION_MINUTES, DoubleType)
          .add(SEVERITY, DoubleType)
          .add(TOP_CAUSE, StringType)
          .add(SERVICES, STRINGS)
          .add(ENTITIES, STRINGS)
          .add(MEMBERS, IntegerType)
          .add(ANOMALIES, IntegerType)
          .add(MAX_SCORE, DoubleType)
          .add(LINKED_INCIDENTS, STRINGS)
          .add(LINKED_CHANGES, STRINGS)
          .add(PROBABLE_CAUSES, DataTypes.createArrayType(CAUSE))
          .add(SIGNATURE, StringType)
          .add(BENIGN, BooleanType)
          .add(REPORTED, BooleanType);
}
