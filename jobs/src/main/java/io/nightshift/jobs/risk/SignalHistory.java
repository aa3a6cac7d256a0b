package io.nightshift.jobs.risk;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_date;

import io.nightshift.jobs.io.OutputLayout;
import io.nightshift.jobs.io.TableHistory;
import io.nightshift.jobs.schema.Cols;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    TableHistory history = new TableHistory(spark, new OutputLayout(outputRoot));
    List<Object> days = new ArrayList<>();
    for (LocalDate d : history.dates(name)) {
      if (!d.isBefore(from) && d.isBefore(runDate)) {
        days.add(Date.valueOf(d));
      }
    }
    Optional<Dataset<Row>> read = history.read(name, from, runDate);
    if (read.isEmpty()) {
      return tonight;
    }
    Dataset<Row> earlier = read.get();
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
}
