package io.nightshift.jobs.schema;

import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/**
 * The {@code incident_families} output table: the family of every incident of the window (families
 * of one incident included), to drill down from {@code recurring_incidents}.
 */
public final class IncidentFamiliesTable {
  private IncidentFamiliesTable() {}

  /** Table name (output folder). */
  public static final String NAME = "incident_families";

  public static final String INCIDENT_ID = Cols.INCIDENT_ID;
  public static final String FAMILY_ID = "family_id";

  /** The table's schema (without run_date). */
  public static final StructType SCHEMA =
      new StructType().add(INCIDENT_ID, StringType).add(FAMILY_ID, StringType);
}
