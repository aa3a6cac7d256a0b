package io.nightshift.models.common;

import java.util.Arrays;
import java.util.function.Predicate;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one schema check of the model families: {@code fit} and {@code transform} call it on their
 * input before any work, and it fails with one message format naming the model, the column, the
 * expected and the actual type:
 *
 * <pre>
 * forecaster: input column 'value' must be numeric, was string
 * forecaster: input column 'value' (numeric) is missing; columns are [series, ts]
 * </pre>
 */
public final class InputColumns {
  private InputColumns() {}

  /** A kind of column a model accepts: its name in messages and which Spark types qualify. */
  public record Kind(String name, Predicate<DataType> accepts) {}

  public static final Kind STRING = new Kind("string", t -> t.equals(DataTypes.StringType));
  public static final Kind NUMERIC = new Kind("numeric", t -> t instanceof NumericType);
  public static final Kind DATE = new Kind("date", t -> t.equals(DataTypes.DateType));
  public static final Kind TIMESTAMP =
      new Kind("timestamp", t -> t.equals(DataTypes.TimestampType));

  /** A timestamp with or without a time zone. */
  public static final Kind ANY_TIMESTAMP =
      new Kind(
          "timestamp",
          t -> t.equals(DataTypes.TimestampType) || t.equals(DataTypes.TimestampNTZType));

  /**
   * Fails unless {@code column} is in {@code schema} with a type of {@code kind}.
   *
   * @param model who checks, first word of the message ("forecaster", "risk model", ...)
   * @throws IllegalArgumentException naming the model, the column, the expected and actual type
   */
  public static StructField require(StructType schema, String model, String column, Kind kind) {
    return require(schema, model, "input", column, kind);
  }

  /**
   * As {@link #require(StructType, String, String, Kind)}, naming the column's role in the message
   * ("feature column", "label column") instead of "input column".
   */
  public static StructField require(
      StructType schema, String model, String role, String column, Kind kind) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(column)) {
        if (!kind.accepts().test(f.dataType())) {
          throw new IllegalArgumentException(
              String.format(
                  "%s: %s column '%s' must be %s, was %s",
                  model, role, column, kind.name(), f.dataType().simpleString()));
        }
        return f;
      }
    }
    throw new IllegalArgumentException(
        String.format(
            "%s: %s column '%s' (%s) is missing; columns are %s",
            model, role, column, kind.name(), Arrays.toString(schema.fieldNames())));
  }

  /** Checks the type of an optional column, when the input has it. */
  public static void requireIfPresent(StructType schema, String model, String column, Kind kind) {
    if (Arrays.asList(schema.fieldNames()).contains(column)) {
      require(schema, model, column, kind);
    }
  }
}
