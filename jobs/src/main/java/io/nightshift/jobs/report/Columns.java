package io.nightshift.jobs.report;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Finds the columns the reports need in the output tables of the other stages. The reports read
 * those tables defensively: each role (e.g. "the crossing time") lists the names it accepts, and a
 * section whose columns are missing says so instead of failing the night.
 */
final class Columns {
  private Columns() {}

  /** The first of {@code names} that {@code d} has. */
  static Optional<String> find(Dataset<Row> d, String... names) {
    Set<String> have = Arrays.stream(d.columns()).collect(Collectors.toSet());
    for (String n : names) {
      if (have.contains(n)) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }

  /** The first of {@code names} that {@code d} has with a numeric type. */
  static Optional<String> findNumeric(Dataset<Row> d, String... names) {
    for (String n : names) {
      Optional<StructField> f = field(d, n);
      if (f.isPresent() && f.get().dataType() instanceof NumericType) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }

  /** The first of {@code names} that {@code d} has as an array of numbers. */
  static Optional<String> findNumericArray(Dataset<Row> d, String... names) {
    for (String n : names) {
      Optional<StructField> f = field(d, n);
      if (f.isPresent()
          && f.get().dataType() instanceof ArrayType a
          && a.elementType() instanceof NumericType) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code d} has every one of {@code names}. */
  static boolean hasAll(Dataset<Row> d, String... names) {
    Set<String> have = Arrays.stream(d.columns()).collect(Collectors.toSet());
    return Arrays.stream(names).allMatch(have::contains);
  }

  /** Whether a struct row has a field. */
  static boolean has(Row r, String name) {
    return r.schema() != null && Arrays.asList(r.schema().fieldNames()).contains(name);
  }

  /** An array column of a row as a list (empty when null). */
  static <T> java.util.List<T> list(Row r, String name) {
    int i = r.fieldIndex(name);
    return r.isNullAt(i) ? java.util.List.of() : r.getList(i);
  }

  /** A column's type, if present. */
  static Optional<DataType> type(Dataset<Row> d, String name) {
    return field(d, name).map(StructField::dataType);
  }

  private static Optional<StructField> field(Dataset<Row> d, String name) {
    return Arrays.stream(d.schema().fields()).filter(f -> f.name().equals(name)).findFirst();
  }
}
