package io.nightshift.jobs.schema;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import org.apache.spark.sql.types.StructType;

/**
 * The {@code recurring_incidents} output table, one row per recurring incident family per run date,
 * ranked by impact (see docs/incidents.md for the exact definitions). Durations are minutes.
 */
public final class RecurringIncidentsTable {
  private RecurringIncidentsTable() {}

  /** Table name (output folder). */
  public static final String NAME = "recurring_incidents";

  /** 1 = highest impact; ties by trend, then incident count, then family id. */
  public static final String RANK = "rank";

  public static final String FAMILY_ID = "family_id";

  /** The common template of the family's titles. */
  public static final String LABEL = "label";

  public static final String CATEGORY = "category";
  public static final String SERVICES = "services";
  public static final String ENTITIES = "entities";
  public static final String INCIDENT_COUNT = "incident_count";
  public static final String COUNT_FIRST_HALF = "count_first_half";
  public static final String COUNT_SECOND_HALF = "count_second_half";

  /**
   * count_second_half - count_first_half: the halves are the two halves of the run's look-back
   * window (split at its midpoint), so reports can say "5 in the last 15 days against 2 in the 15
   * before".
   */
  public static final String TREND = "trend";

  /**
   * Severity-weighted minutes open: the sum over the family's incidents of the severity's weight
   * ({@code nightshift.incidents.severityWeights}, SEV1 8 to SEV4 1 by default) times the minutes
   * from opened_at to resolved_at (or the window's end while open). Unit: weighted minutes; one
   * SEV4 incident open for an hour is 60.
   */
  public static final String IMPACT = "impact";

  public static final String MTTR_MEAN = "mttr_mean_min";
  public static final String MTTR_P50 = "mttr_p50_min";
  public static final String MTTR_P90 = "mttr_p90_min";
  public static final String MTTD_MEAN = "mttd_mean_min";
  public static final String MTTD_P50 = "mttd_p50_min";
  public static final String MTTD_P90 = "mttd_p90_min";
  public static final String LAST_OCCURRENCE = "last_occurrence";
  public static final String LINKED_CHANGE_SHARE = "linked_change_share";

  /**
   * Array of {@link #PRECURSOR}, best first: struct(rank, kind, name, support, lift, incidents,
   * hours, description); hours is the look-back length at which the item's lift was highest.
   */
  public static final String PRECURSORS = "precursors";

  /** The family's incident ids, sorted (as many as {@link #INCIDENT_COUNT}). */
  public static final String INCIDENT_IDS = "incident_ids";

  /**
   * Array of {@link #ROOT_CAUSE}: the incidents' recorded root causes (trimmed) with their count
   * and share of the family's incidents, most incidents first; a null root_cause counts the
   * incidents with none recorded (listed last among equals). Shares add up to 1.
   */
  public static final String ROOT_CAUSES = "root_causes";

  /** Field of a precursor: 1 = best (highest lift, then support). */
  public static final String PRECURSOR_RANK = "rank";

  /** Field of a precursor: one of the KIND_ constants. */
  public static final String PRECURSOR_KIND = "kind";

  /** Field of a precursor: the metric, the log template id, or "change". */
  public static final String PRECURSOR_NAME = "name";

  /** Field of a precursor: share of the family's incidents it preceded. */
  public static final String PRECURSOR_SUPPORT = "support";

  /** Field of a precursor: support over the share of all windows of its length that see it. */
  public static final String PRECURSOR_LIFT = "lift";

  /** Field of a precursor: how many of the family's incidents it preceded. */
  public static final String PRECURSOR_INCIDENTS = "incidents";

  /** Field of a precursor: the look-back length in hours. */
  public static final String PRECURSOR_HOURS = "hours";

  /**
   * Field of a precursor: the precursor in words (never a bare id): the log template's text with an
   * example line, the metric and what it did (above or below its expected band, at or above a share
   * of capacity), or the change's service and outcomes, followed by how many of the family's
   * incidents it preceded and how often it is seen in any window of that length.
   */
  public static final String PRECURSOR_DESCRIPTION = "description";

  /** Precursor kind of a metric anomaly (name = metric). */
  public static final String KIND_METRIC_ANOMALY = "metric_anomaly";

  /**
   * Precursor kind of an hour in which a metric reached the configured share of its capacity (name
   * = metric).
   */
  public static final String KIND_METRIC_SATURATION = "metric_saturation";

  /** Precursor kind of a change on the service (name = "change"). */
  public static final String KIND_CHANGE = "change";

  /** Precursor kind of a log template (name = template id). */
  public static final String KIND_LOG_TEMPLATE = "log_template";

  /** Type of one precursor. */
  public static final StructType PRECURSOR =
      new StructType()
          .add(PRECURSOR_RANK, IntegerType)
          .add(PRECURSOR_KIND, StringType)
          .add(PRECURSOR_NAME, StringType)
          .add(PRECURSOR_SUPPORT, DoubleType)
          .add(PRECURSOR_LIFT, DoubleType)
          .add(PRECURSOR_INCIDENTS, LongType)
          .add(PRECURSOR_HOURS, IntegerType)
          .add(PRECURSOR_DESCRIPTION, StringType);

  /** Field of a root cause: its text, null for the incidents with none recorded. */
  public static final String ROOT_CAUSE_TEXT = "root_cause";

  /** Field of a root cause: the family's incidents with it. */
  public static final String ROOT_CAUSE_INCIDENTS = "incidents";

  /** Field of a root cause: its incidents over the family's incidents. */
  public static final String ROOT_CAUSE_SHARE = "share";

  /** Type of one root cause's share. */
  public static final StructType ROOT_CAUSE =
      new StructType()
          .add(ROOT_CAUSE_TEXT, StringType)
          .add(ROOT_CAUSE_INCIDENTS, LongType)
          .add(ROOT_CAUSE_SHARE, DoubleType);

  /** The table's schema (without run_date), in column order. */
  public static final StructType SCHEMA =
      new StructType()
          .add(RANK, IntegerType)
          .add(FAMILY_ID, StringType)
          .add(LABEL, StringType)
          .add(CATEGORY, StringType)
          .add(SERVICES, createArrayType(StringType))
          .add(ENTITIES, createArrayType(StringType))
          .add(INCIDENT_COUNT, LongType)
          .add(COUNT_FIRST_HALF, LongType)
          .add(COUNT_SECOND_HALF, LongType)
          .add(TREND, LongType)
          .add(IMPACT, DoubleType)
          .add(MTTR_MEAN, DoubleType)
          .add(MTTR_P50, DoubleType)
          .add(MTTR_P90, DoubleType)
          .add(MTTD_MEAN, DoubleType)
          .add(MTTD_P50, DoubleType)
          .add(MTTD_P90, DoubleType)
          .add(LAST_OCCURRENCE, TimestampType)
          .add(LINKED_CHANGE_SHARE, DoubleType)
          .add(PRECURSORS, createArrayType(PRECURSOR))
          .add(INCIDENT_IDS, createArrayType(StringType))
          .add(ROOT_CAUSES, createArrayType(ROOT_CAUSE));
}
