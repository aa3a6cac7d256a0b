package io.nightshift.jobs.io;

import io.nightshift.jobs.schema.Cols;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The one reader of earlier nights' output tables: which nights committed a partition of a table,
 * and their rows over a range of run dates (with the {@code run_date} column). Only committed
 * partitions count; staged and set-aside copies are never read. Stages use this instead of listing
 * folders themselves.
 */
public final class TableHistory {
  private final SparkSession spark;
  private final OutputLayout layout;

  public TableHistory(SparkSession spark, OutputLayout layout) {
    this.spark = spark;
    this.layout = layout;
  }

  /** The run dates with a committed partition of {@code table}, oldest first. */
  public List<LocalDate> dates(String table) {
    return partitionDates(layout.table(table));
  }

  /**
   * The rows earlier nights wrote to {@code table}, for run dates in {@code [from, to)}, with their
   * {@code run_date} column; empty when no such night committed one. Partitions written with an
   * older schema are merged: columns they lack are null.
   */
  public Optional<Dataset<Row>> read(String table, LocalDate from, LocalDate to) {
    return read(table, from, to, spark.read().option("mergeSchema", "true"));
  }

  /**
   * The same rows, only the columns of {@code schema} (plus {@code run_date}): partitions that lack
   * one of them read it as null. Nothing is inferred, so no Spark job merges the partitions'
   * schemas.
   */
  public Optional<Dataset<Row>> read(
      String table, LocalDate from, LocalDate to, StructType schema) {
    return read(
        table, from, to, spark.read().schema(schema.add(Cols.RUN_DATE, DataTypes.DateType)));
  }

  private Optional<Dataset<Row>> read(
      String table, LocalDate from, LocalDate to, DataFrameReader reader) {
    List<String> paths = new ArrayList<>();
    for (LocalDate d : dates(table)) {
      if (!d.isBefore(from) && d.isBefore(to)) {
        paths.add(layout.partition(table, d));
      }
    }
    if (paths.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        reader.option("basePath", layout.table(table)).parquet(paths.toArray(new String[0])));
  }

  /** The dates of the {@code run_date=D} folders directly under {@code dir}, oldest first. */
  List<LocalDate> partitionDates(String dir) {
    List<LocalDate> out = new ArrayList<>();
    try {
      Path p = new Path(dir);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        return out;
      }
      for (FileStatus s : fs.listStatus(p)) {
        if (s.isDirectory()) {
          OutputLayout.partitionDate(s.getPath().getName()).ifPresent(out::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the earlier nights under " + dir, e);
    }
    out.sort(null);
    return out;
  }
}
