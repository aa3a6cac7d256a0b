package io.nightshift.models.risk;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Rows and positive labels per training day, from one aggregation pass: the days the {@link
 * TimeSplit} divides, and the counts of either side of the split (the base rate of the fitting
 * days, the calibration days' class sizes) summed on the driver. The counts are whole numbers, so
 * summing them per day first gives exactly what a count over either side's rows gives; one query
 * replaces a distinct-days query and a count per side. At most one row per day reaches the driver.
 */
final class DayCounts {
  /** Rows and the sum of the 0/1 labels of a set of days. */
  record Totals(long rows, double positives) {}

  private final TreeMap<LocalDate, Totals> byDay;

  private DayCounts(TreeMap<LocalDate, Totals> byDay) {
    this.byDay = byDay;
  }

  /**
   * Counts the rows and sums the labels per day.
   *
   * @param dayCol a date column
   * @param labelCol a numeric 0/1 label column (nulls are not summed)
   */
  static DayCounts of(Dataset<Row> rows, String dayCol, String labelCol) {
    List<Row> perDay =
        rows.groupBy(col(dayCol))
            .agg(count("*"), sum(col(labelCol).cast("double")))
            .collectAsList();
    TreeMap<LocalDate, Totals> byDay = new TreeMap<>();
    for (Row r : perDay) {
      byDay.put(day(r.get(0)), new Totals(r.getLong(1), r.isNullAt(2) ? 0 : r.getDouble(2)));
    }
    return new DayCounts(byDay);
  }

  private static LocalDate day(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("the day column has nulls: every row needs its day");
    }
    return value instanceof LocalDate d ? d : ((java.sql.Date) value).toLocalDate();
  }

  /** The distinct days, ascending. */
  List<LocalDate> days() {
    return List.copyOf(byDay.keySet());
  }

  /** Every day's rows. */
  Totals total() {
    return add(byDay);
  }

  /** The rows of the days before {@code day}. */
  Totals before(LocalDate day) {
    return add(byDay.headMap(day, false));
  }

  /** The rows of {@code day} and the days after it. */
  Totals from(LocalDate day) {
    return add(byDay.tailMap(day, true));
  }

  private static Totals add(Map<LocalDate, Totals> days) {
    long rows = 0;
    double positives = 0;
    for (Totals t : days.values()) {
      rows += t.rows();
      positives += t.positives();
    }
    return new Totals(rows, positives);
  }
}
