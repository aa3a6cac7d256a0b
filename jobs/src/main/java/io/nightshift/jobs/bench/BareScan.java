package io.nightshift.jobs.bench;

import io.nightshift.jobs.schema.InputTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The yardstick: read every column of every input table's files and discard them (Spark's {@code
 * noop} sink materialises all columns; a plain {@code count()} would read only Parquet metadata).
 */
public final class BareScan {
  private BareScan() {}

  /** Seconds for the scan, and the rows it read. */
  public record Result(double seconds, long rows, Map<String, Long> rowsByTable) {}

  public static Result run(SparkSession spark, Path fleet) {
    spark.sparkContext().setJobGroup("bench:scan", "bare scan of the inputs", false);
    try {
      Map<String, Long> rows = new LinkedHashMap<>();
      long total = 0;
      long t0 = System.nanoTime();
      for (InputTable t : InputTable.values()) {
        Path dir = fleet.resolve(t.tableName());
        if (!Files.isDirectory(dir)) {
          continue;
        }
        Dataset<Row> d = spark.read().parquet(dir.toString());
        d.write().format("noop").mode("overwrite").save();
        long n = d.count();
        rows.put(t.tableName(), n);
        total += n;
      }
      return new Result((System.nanoTime() - t0) / 1e9, total, rows);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }
}
