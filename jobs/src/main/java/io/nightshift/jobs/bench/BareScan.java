package io.nightshift.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.nightshift.jobs.schema.InputTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The yardsticks, over the partitions of one look-back window (a fleet generated for a cold and a
 * steady night holds one day more). The bare scan reads every column of every input table's files
 * and discards them (Spark's {@code noop} sink materialises all columns; a plain {@code count()}
 * would read only Parquet metadata). The series scan does the same, but first brings each series of
 * a table that has them (metrics) together in time order, as any per-series model must: one shuffle
 * by series and a sort within it. It is the least a night of per-series models can cost, before any
 * model computes anything.
 */
public final class BareScan {
  private BareScan() {}

  /** Seconds for the scan, and the rows it read. */
  public record Result(double seconds, long rows, Map<String, Long> rowsByTable) {}

  /** Reads every column of every input table's partitions from {@code from} on. */
  public static Result run(SparkSession spark, Path fleet, LocalDate from) {
    return scan(spark, fleet, from, false, "bench:scan", "bare scan of the inputs");
  }

  /** The same, each series regrouped in time order. */
  public static Result seriesOrdered(SparkSession spark, Path fleet, LocalDate from) {
    return scan(spark, fleet, from, true, "bench:series-scan", "series scan of the inputs");
  }

  private static Result scan(
      SparkSession spark,
      Path fleet,
      LocalDate from,
      boolean bySeries,
      String group,
      String description) {
    spark.sparkContext().setJobGroup(group, description, false);
    try {
      Map<String, Long> rows = new LinkedHashMap<>();
      long total = 0;
      long t0 = System.nanoTime();
      for (InputTable t : InputTable.values()) {
        Path dir = fleet.resolve(t.tableName());
        if (!Files.isDirectory(dir)) {
          continue;
        }
        Dataset<Row> d =
            spark
                .read()
                .parquet(dir.toString())
                .filter(col("dt").geq(lit(java.sql.Date.valueOf(from))));
        Dataset<Row> scanned = bySeries ? inSeriesOrder(t, d) : d;
        scanned.write().format("noop").mode("overwrite").save();
        long n = d.count();
        rows.put(t.tableName(), n);
        total += n;
      }
      return new Result((System.nanoTime() - t0) / 1e9, total, rows);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  private static Dataset<Row> inSeriesOrder(InputTable t, Dataset<Row> d) {
    if (t.seriesKey().isEmpty()) {
      return d;
    }
    List<Column> order = new ArrayList<>();
    t.seriesKey().forEach(c -> order.add(col(c)));
    Column[] series = order.toArray(Column[]::new);
    order.add(col(t.eventTimeColumn()));
    return d.repartition(series).sortWithinPartitions(order.toArray(Column[]::new));
  }
}
