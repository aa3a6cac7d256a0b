package io.nightshift.jobs.schema;

import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/** The {@code quarantine} output table: one row per input row set aside by validation. */
public final class QuarantineTable {
  private QuarantineTable() {}

  public static final String NAME = "quarantine";

  /** The input table the row came from. */
  public static final String TABLE = Cols.Q_TABLE;

  /** Why it was set aside (see the README's quarantine reasons). */
  public static final String REASON = Cols.Q_REASON;

  /** The file it was read from. */
  public static final String SOURCE_FILE = Cols.Q_FILE;

  /** The row's contract columns, as JSON. */
  public static final String ROW_JSON = Cols.Q_ROW;

  /** The table's schema, in column order. */
  public static final StructType SCHEMA =
      new StructType()
          .add(TABLE, StringType)
          .add(REASON, StringType)
          .add(SOURCE_FILE, StringType)
          .add(ROW_JSON, StringType);
}
