package io.nightshift.jobs.risk;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_date;

import io.nightshift.jobs.schema.Cols;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * A signal table over the training window, not just tonight: tonight's rows of an earlier stage's
 * table (anomalies, log_signals, ...) joined by the rows the earlier runs wrote to {@code
 * <output>/<table>/run_date=D/}. Each earlier day contributes the rows of its own night (the rows
 * of day D from the partition {@code run_date=D}), so a day is never counted twice; a night with no
 * partition simply has no rows (nothing is faked). Earlier partitions are read in tonight's schema:
 * columns they lack are null, columns tonight's table lacks are dropped.
 */
public final class SignalHistory {
  private static final String PREFIX = "run_date=";

  /** A run's partition folder (not a staged or set-aside copy). */
  private static final Pattern PARTITION = Pattern.compile("run_date=\\d{4}-\\d{2}-\\d{2}");

  private SignalHistory() {}

  /**
   * Tonight's table with the earlier runs' rows of the days {@code from} to {@code runDate - 1}.
   * Returns tonight's table unchanged when it has no entity or time column, or when no earlier
   * partition exists.
   *
   * @param outputRoot the output root holding {@code <table>/run_date=.../}
   * @param name the table's name (its folder under the root)
   * @param tonight the rows this run's stage wrote
   * @param from first day of the training window
   * @param runDate tonight
   */
  public static Dataset<Row> withEarlierRuns(
      SparkSession spark,
      String outputRoot,
      String name,
      Dataset<Row> tonight,
      LocalDate from,
      LocalDate runDate) {
    Optional<String> time = SignalFeatures.timeColumn(tonight);
    if (time.isEmpty() || !List.of(tonight.columns()).contains(Cols.ENTITY)) {
      return tonight;
    }
    String root = outputRoot.replaceAll("/+$", "") + "/" + name;
    List<String> paths = new ArrayList<>();
    List<Object> days = new ArrayList<>();
    for (LocalDate d : partitionDates(spark, root)) {
      if (!d.isBefore(from) && d.isBefore(runDate)) {
        paths.add(root + "/" + PREFIX + d);
        days.add(Date.valueOf(d));
      }
    }
    if (paths.isEmpty()) {
      return tonight;
    }
    Dataset<Row> earlier =
        spark
            .read()
            .option("basePath", root)
            .option("mergeSchema", "true")
            .parquet(paths.toArray(new String[0]));
    List<String> have = List.of(earlier.columns());
    if (!have.contains(time.get()) || !have.contains(Cols.ENTITY)) {
      return tonight;
    }
    List<Column> aligned = new ArrayList<>();
    for (StructField f : tonight.schema().fields()) {
      Column c = have.contains(f.name()) ? col(f.name()) : lit(null);
      aligned.add(c.cast(f.dataType()).alias(f.name()));
    }
    Column rowDay = to_date(col(time.get()));
    Dataset<Row> ownNights =
        earlier.filter(rowDay.equalTo(col(Cols.RUN_DATE))).select(aligned.toArray(new Column[0]));
    return ownNights.unionByName(tonight.filter(not(rowDay.isin(days.toArray()))));
  }

  /** The run dates with a partition folder under {@code root} (none when it does not exist). */
  static List<LocalDate> partitionDates(SparkSession spark, String root) {
    List<LocalDate> out = new ArrayList<>();
    try {
      Path p = new Path(root);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        return out;
      }
      for (FileStatus s : fs.listStatus(p)) {
        String n = s.getPath().getName();
        if (s.isDirectory() && PARTITION.matcher(n).matches()) {
          out.add(LocalDate.parse(n.substring(PREFIX.length())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list earlier runs of " + root, e);
    }
    out.sort(null);
    return out;
  }
}
