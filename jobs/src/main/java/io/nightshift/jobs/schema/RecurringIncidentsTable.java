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

  /** count_second_half - count_first_half. */
  public static final String TREND = "trend";

  /** Severity-weighted incident-minutes open. */
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
   * Array of struct(rank, kind, name, support, lift, incidents, hours), best first: hours is the
   * look-back length at which the item's lift was highest.
   */
  public static final String PRECURSORS = "precursors";

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
          .add("rank", IntegerType)
          .add("kind", StringType)
          .add("name", StringType)
          .add("support", DoubleType)
          .add("lift", DoubleType)
          .add("incidents", LongType)
          .add("hours", IntegerType);

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
          .add(PRECURSORS, createArrayType(PRECURSOR));
}
