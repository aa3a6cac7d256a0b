package io.nightshift.jobs.schema;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;

/**
 * One column of the input contract: its canonical name, Spark type, whether it is required, what it
 * means and its unit. The README's contract table is tested against these declarations.
 */
public record Column(String name, DataType type, boolean required, String meaning, String unit) {

  /**
   * The Spark field for this column (always nullable: nulls are quarantined, not rejected by
   * Parquet).
   */
  public StructField field() {
    return new StructField(name, type, true, Metadata.empty());
  }
}
