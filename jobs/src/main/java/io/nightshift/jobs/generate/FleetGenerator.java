package io.nightshift.jobs.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_micros;

import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.InputTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a generated fleet: {@code metrics}, {@code logs}, {@code incidents} and {@code changes} as
 * Parquet partitioned by {@code dt} (the input contract of {@link InputTable}), and the ground
 * truth under {@code truth/}. Metric and log rows are produced on the executors: the (host, day)
 * units are a {@code range} with one Spark partition per day, each unit flat-mapped to its rows
 * from the broadcast plan, so every day is written by one task as one file, without a shuffle.
 */
public final class FleetGenerator {
  private final SparkSession spark;
  private GeneratorOptions options;
  private Consumer<String> progress = m -> {};

  /** A generator writing with this session. */
  public FleetGenerator(SparkSession spark) {
    this.spark = spark;
  }

  /** What to generate. */
  public FleetGenerator options(GeneratorOptions o) {
    this.options = o;
    return this;
  }

  /** Where progress messages go (default: nowhere). */
  public FleetGenerator progress(Consumer<String> p) {
    this.progress = p;
    return this;
  }

  /** What was written: row counts per table, and the output root. */
  public record Result(Path out, Map<String, Long> rows, FleetPlan plan) {}

  /** Generates and writes everything; returns the row counts. */
  public Result execute() {
    if (options == null) {
      throw new IllegalStateException("options not set");
    }
    GeneratorOptions o = options;
    spark.sparkContext().setJobGroup("generate", "nightshift generate: sample fleet", false);
    String tsType = spark.conf().get("spark.sql.parquet.outputTimestampType");
    spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    try {
      long t0 = System.nanoTime();
      FleetPlan plan = FleetPlanner.plan(o);
      progress.accept(
          String.format(
              "planned %d hosts, %d incidents, %d changes, %d anomalies, %d cascades (%.1f s)",
              plan.hosts().size(),
              plan.incidents().size(),
              plan.changes().size(),
              plan.anomalies().size(),
              plan.cascades().size(),
              (System.nanoTime() - t0) / 1e9));
      Map<String, Long> rows = new LinkedHashMap<>();
      Broadcast<FleetPlan> b =
          JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(plan);
      write(InputTable.METRICS, metrics(b, o), rows);
      write(InputTable.LOGS, logs(b, o), rows);
      write(InputTable.INCIDENTS, incidents(plan), rows);
      write(InputTable.CHANGES, changes(plan), rows);
      TruthWriter.write(plan, o.outDir().resolve("truth"));
      progress.accept("wrote ground truth to " + o.outDir().resolve("truth"));
      b.destroy();
      return new Result(o.outDir(), rows, plan);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      spark.conf().set("spark.sql.parquet.outputTimestampType", tsType);
      spark.sparkContext().clearJobGroup();
    }
  }

  private Dataset<Row> metrics(Broadcast<FleetPlan> b, GeneratorOptions o) {
    StructType raw =
        new StructType()
            .add("ts_us", DataTypes.LongType)
            .add(Cols.ENTITY, DataTypes.StringType)
            .add(Cols.METRIC, DataTypes.StringType)
            .add(Cols.VALUE, DataTypes.DoubleType)
            .add(Cols.SERVICE, DataTypes.StringType)
            .add(Cols.CAPACITY, DataTypes.DoubleType)
            .add(Cols.DT, DataTypes.StringType);
    int n = o.entities();
    FlatMapFunction<Long, Row> f =
        u -> MetricRows.rows(b.value(), (int) (u % n), (int) (u / n)).iterator();
    return units(o).flatMap(f, Encoders.row(raw));
  }

  private Dataset<Row> logs(Broadcast<FleetPlan> b, GeneratorOptions o) {
    StructType raw =
        new StructType()
            .add("ts_us", DataTypes.LongType)
            .add(Cols.ENTITY, DataTypes.StringType)
            .add(Cols.SERVICE, DataTypes.StringType)
            .add(Cols.LEVEL, DataTypes.StringType)
            .add(Cols.MESSAGE, DataTypes.StringType)
            .add(Cols.DT, DataTypes.StringType);
    int n = o.entities();
    FlatMapFunction<Long, Row> f =
        u -> LogRows.rows(b.value(), (int) (u % n), (int) (u / n)).iterator();
    return units(o).flatMap(f, Encoders.row(raw));
  }

  /** (host, day) units numbered day * entities + host; one Spark partition holds one whole day. */
  private Dataset<Long> units(GeneratorOptions o) {
    long total = (long) o.entities() * o.days();
    return spark.range(0, total, 1, o.days()).as(Encoders.LONG());
  }

  private Dataset<Row> incidents(FleetPlan plan) {
    StructType raw =
        new StructType()
            .add(Cols.INCIDENT_ID, DataTypes.StringType)
            .add(Cols.SERVICE, DataTypes.StringType)
            .add(Cols.ENTITY, DataTypes.StringType)
            .add(Cols.SEVERITY, DataTypes.StringType)
            .add(Cols.CATEGORY, DataTypes.StringType)
            .add(Cols.TITLE, DataTypes.StringType)
            .add("opened_s", DataTypes.LongType)
            .add("detected_s", DataTypes.LongType)
            .add("resolved_s", DataTypes.LongType)
            .add(Cols.ROOT_CAUSE, DataTypes.StringType)
            .add(Cols.DT, DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (FleetPlan.Incident i : plan.incidents()) {
      rows.add(
          RowFactory.create(
              i.incidentId(),
              i.service(),
              i.entity(),
              i.severity(),
              i.category(),
              i.title(),
              i.openedAt(),
              i.detectedAt(),
              i.resolvedAt(),
              i.rootCause(),
              Dates.dt(i.openedAt())));
    }
    return spark
        .createDataFrame(rows, raw)
        .withColumn(Cols.OPENED_AT, seconds("opened_s"))
        .withColumn(Cols.DETECTED_AT, seconds("detected_s"))
        .withColumn(Cols.RESOLVED_AT, seconds("resolved_s"));
  }

  private Dataset<Row> changes(FleetPlan plan) {
    StructType raw =
        new StructType()
            .add(Cols.CHANGE_ID, DataTypes.StringType)
            .add(Cols.SERVICE, DataTypes.StringType)
            .add(Cols.ENTITY, DataTypes.StringType)
            .add("ts_s", DataTypes.LongType)
            .add(Cols.STATUS, DataTypes.StringType)
            .add(Cols.DT, DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (FleetPlan.Change c : plan.changes()) {
      rows.add(
          RowFactory.create(
              c.changeId(), c.service(), c.entity(), c.ts(), c.status(), Dates.dt(c.ts())));
    }
    return spark.createDataFrame(rows, raw).withColumn(Cols.TS, seconds("ts_s"));
  }

  /**
   * Drops Hadoop's local {@code .crc} side files and names each day's files {@code
   * part-00000.zstd.parquet}, ...: the same data then gives byte-identical files, so regenerating
   * the bundled sample only changes what really changed.
   */
  private static void tidy(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> files = s.filter(Files::isRegularFile).sorted().toList();
      for (Path p : files) {
        if (p.getFileName().toString().endsWith(".crc")) {
          Files.delete(p);
        }
      }
      Map<Path, Integer> perDir = new HashMap<>();
      for (Path p : files) {
        String name = p.getFileName().toString();
        if (name.startsWith("part-") && name.endsWith(".parquet")) {
          int k = perDir.merge(p.getParent(), 1, Integer::sum) - 1;
          Files.move(p, p.resolveSibling(String.format("part-%05d.zstd.parquet", k)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Column seconds(String c) {
    return timestamp_micros(col(c).multiply(1_000_000L));
  }

  private void write(InputTable table, Dataset<Row> raw, Map<String, Long> rows) {
    long t0 = System.nanoTime();
    Dataset<Row> df = raw;
    if (Arrays.asList(raw.columns()).contains("ts_us")) {
      df = df.withColumn(Cols.TS, timestamp_micros(col("ts_us")));
    }
    List<Column> cols = new ArrayList<>();
    List<String> have = Arrays.asList(df.columns());
    for (io.nightshift.jobs.schema.Column c : table.columns()) {
      cols.add((have.contains(c.name()) ? col(c.name()) : lit(null)).cast(c.type()).as(c.name()));
    }
    cols.add(col(Cols.DT));
    df = df.select(cols.toArray(new Column[0]));
    if (table == InputTable.INCIDENTS || table == InputTable.CHANGES) {
      df = df.coalesce(1);
    }
    String path = options.outDir().resolve(table.tableName()).toString();
    progress.accept("writing " + table.tableName() + " to " + path + " ...");
    DayProgress listener = new DayProgress(table.tableName(), options.days(), progress);
    boolean perDay = table == InputTable.METRICS || table == InputTable.LOGS;
    if (perDay) {
      spark.sparkContext().addSparkListener(listener);
    }
    try {
      df.sortWithinPartitions(Cols.DT)
          .write()
          .mode(SaveMode.Overwrite)
          .option("compression", "zstd")
          .partitionBy(Cols.DT)
          .parquet(path);
    } finally {
      if (perDay) {
        spark.sparkContext().removeSparkListener(listener);
      }
    }
    tidy(options.outDir().resolve(table.tableName()));
    long n = spark.read().parquet(path).count();
    rows.put(table.tableName(), n);
    progress.accept(
        String.format(
            "  %s: %,d rows in %.1f s", table.tableName(), n, (System.nanoTime() - t0) / 1e9));
  }
}
