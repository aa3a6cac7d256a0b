package io.nightshift.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;

import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.schema.InputTable;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** Builds tiny input lakes for tests: rows in the canonical schema, written partitioned by dt. */
public final class Fixtures {
  private Fixtures() {}

  /** A UTC timestamp from ISO text, e.g. {@code ts("2026-06-30T02:10:00Z")}. */
  public static Timestamp ts(String iso) {
    return Timestamp.from(Instant.parse(iso));
  }

  /** One row. */
  public static Row row(Object... values) {
    return RowFactory.create(values);
  }

  /**
   * Rows of a table in its canonical schema; a row shorter than the schema has its trailing
   * (optional) columns null.
   */
  public static Dataset<Row> rows(SparkSession spark, InputTable t, Row... rows) {
    int width = t.columns().size();
    List<Row> full = new java.util.ArrayList<>();
    for (Row r : rows) {
      Object[] v = new Object[width];
      for (int i = 0; i < r.size(); i++) {
        v[i] = r.get(i);
      }
      full.add(RowFactory.create(v));
    }
    return spark.createDataFrame(full, t.schema());
  }

  /** Writes rows under {@code root/<table>/dt=.../} by the day of the table's event time. */
  public static void write(SparkSession spark, Path root, InputTable t, Row... rows) {
    write(root, t, rows(spark, t, rows));
  }

  /** Writes a Dataset under {@code root/<table>/dt=.../} by the day of the table's event time. */
  public static void write(Path root, InputTable t, Dataset<Row> rows) {
    rows.withColumn("dt", to_date(col(t.eventTimeColumn())).cast("string"))
        .coalesce(1)
        .write()
        .mode(SaveMode.Append)
        .partitionBy("dt")
        .parquet(root.resolve(t.tableName()).toString());
  }

  /** Writes a Dataset into one given {@code dt} partition, whatever its timestamps say. */
  public static void writeAt(Path root, InputTable t, String dt, Dataset<Row> rows) {
    rows.coalesce(1)
        .write()
        .mode(SaveMode.Append)
        .parquet(root.resolve(t.tableName()).resolve("dt=" + dt).toString());
  }

  /** A minimal valid lake: two hosts of one service over two days, one incident, one change. */
  public static void smallLake(SparkSession spark, Path root) {
    write(
        spark,
        root,
        InputTable.METRICS,
        row(ts("2026-06-29T10:00:00Z"), "h1", "cpu_used_pct", 40.0, "web", 100.0),
        row(ts("2026-06-29T10:05:00Z"), "h1", "cpu_used_pct", 42.0, "web", 100.0),
        row(ts("2026-06-30T10:00:00Z"), "h2", "cpu_used_pct", 50.0, "web", 100.0));
    write(
        spark,
        root,
        InputTable.LOGS,
        row(ts("2026-06-29T10:00:00Z"), "h1", "web", "INFO", "GET /a 200 in 3 ms"),
        row(ts("2026-06-30T10:00:00Z"), "h2", "web", "ERROR", "Timeout after 3000 ms"));
    write(
        spark,
        root,
        InputTable.INCIDENTS,
        row(
            "INC1",
            "web",
            "h2",
            "SEV2",
            "latency",
            "High latency in web",
            ts("2026-06-30T10:00:00Z"),
            ts("2026-06-30T10:10:00Z"),
            ts("2026-06-30T11:00:00Z"),
            "slow query"));
    write(
        spark,
        root,
        InputTable.CHANGES,
        row("CHG1", "web", "h2", ts("2026-06-30T09:00:00Z"), "failed"));
  }

  /** Config pointing at an input and output folder, with overrides. */
  public static NightshiftConfig config(Path input, Path output, Object... keyValues) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("nightshift.input.path", input.toString());
    o.put("nightshift.output.path", output.toString());
    o.put("nightshift.input.lookbackDays", 7);
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      o.put((String) keyValues[i], keyValues[i + 1]);
    }
    return NightshiftConfig.load(null, o);
  }

  /** Collects a small result as a list (tests only). */
  public static List<Row> all(Dataset<Row> d) {
    return d.collectAsList();
  }
}
