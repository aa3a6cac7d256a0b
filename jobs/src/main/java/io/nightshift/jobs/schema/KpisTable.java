package io.nightshift.jobs.schema;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/** Columns of the {@code kpis} output table (one row per service and ISO week, Monday UTC). */
public final class KpisTable {
  private KpisTable() {}

  public static final String NAME = "kpis";
  public static final String SERVICE = "service";
  public static final String WEEK_START = "week_start";
  public static final String INCIDENTS = "incidents";
  public static final String SEV1 = "sev1";
  public static final String SEV2 = "sev2";
  public static final String SEV3 = "sev3";
  public static final String SEV4 = "sev4";
  public static final String MTTD_MEAN = "mttd_minutes_mean";
  public static final String MTTD_P50 = "mttd_minutes_p50";
  public static final String MTTD_P90 = "mttd_minutes_p90";
  public static final String MTTR_MEAN = "mttr_minutes_mean";
  public static final String MTTR_P50 = "mttr_minutes_p50";
  public static final String MTTR_P90 = "mttr_minutes_p90";
  public static final String OPEN_INCIDENTS = "open_incidents";
  public static final String OUTAGE_MINUTES = "outage_minutes";
  public static final String COVERED_MINUTES = "covered_minutes";
  public static final String AVAILABILITY = "availability";
  public static final String CHANGES = "changes";
  public static final String FAILED_CHANGES = "failed_changes";
  public static final String CHANGE_SUCCESS_RATE = "change_success_rate";
  public static final String RECURRING_INCIDENTS = "recurring_incidents";

  /** The table's schema, in column order. */
  public static final StructType SCHEMA =
      new StructType()
          .add(SERVICE, StringType)
          .add(WEEK_START, DateType)
          .add(INCIDENTS, LongType)
          .add(SEV1, LongType)
          .add(SEV2, LongType)
          .add(SEV3, LongType)
          .add(SEV4, LongType)
          .add(MTTD_MEAN, DoubleType)
          .add(MTTD_P50, DoubleType)
          .add(MTTD_P90, DoubleType)
          .add(MTTR_MEAN, DoubleType)
          .add(MTTR_P50, DoubleType)
          .add(MTTR_P90, DoubleType)
          .add(OPEN_INCIDENTS, LongType)
          .add(OUTAGE_MINUTES, DoubleType)
          .add(COVERED_MINUTES, DoubleType)
          .add(AVAILABILITY, DoubleType)
          .add(CHANGES, LongType)
          .add(FAILED_CHANGES, LongType)
          .add(CHANGE_SUCCESS_RATE, DoubleType)
          .add(RECURRING_INCIDENTS, LongType);
}
