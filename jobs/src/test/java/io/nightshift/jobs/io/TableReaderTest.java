package io.nightshift.jobs.io;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.ts;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.validate.BadInputException;
import io.nightshift.jobs.validate.InputLoader;
import io.nightshift.testkit.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The input contract: what the reader accepts, converts, and refuses with a clear message. */
@ExtendWith(SparkExtension.class)
class TableReaderTest {
  private static final LocalDate RUN = LocalDate.parse("2026-06-30");

  private static InputLoader.Loaded load(SparkSession spark, Path in, Path out, Object... kv) {
    NightshiftConfig cfg = Fixtures.config(in, out, kv);
    return new InputLoader(spark, cfg).load(RUN);
  }

  @Test
  void failsNamingTheFileAndColumnWhenARequiredColumnIsMissing(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Fixtures.smallLake(spark, in);
    Fixtures.writeAt(
        in,
        InputTable.METRICS,
        "2026-06-30",
        Fixtures.rows(
                spark,
                InputTable.METRICS,
                row(ts("2026-06-30T01:00:00Z"), "h1", "cpu_used_pct", 1.0, "web", 100.0))
            .drop("value"));
    BadInputException e = assertThrows(BadInputException.class, () -> load(spark, in, out));
    assertTrue(e.getMessage().startsWith("table 'metrics', file "), e.getMessage());
    assertTrue(e.getMessage().contains("dt=2026-06-30"), e.getMessage());
    assertTrue(e.getMessage().contains("required column 'value' is missing (expected type double"));
  }

  @Test
  void failsNamingExpectedAndActualTypeWhenAColumnIsMistyped(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Fixtures.smallLake(spark, in);
    Fixtures.writeAt(
        in,
        InputTable.INCIDENTS,
        "2026-06-29",
        Fixtures.rows(
                spark,
                InputTable.INCIDENTS,
                row(
                    "I9",
                    "web",
                    "h1",
                    "SEV3",
                    "disk",
                    "t",
                    ts("2026-06-29T10:00:00Z"),
                    null,
                    null,
                    null))
            .withColumn("opened_at", col("opened_at").cast("string")));
    BadInputException e = assertThrows(BadInputException.class, () -> load(spark, in, out));
    assertTrue(
        e.getMessage()
            .matches(
                "table 'incidents', file .*: column 'opened_at' has type string, expected timestamp"),
        e.getMessage());
  }

  @Test
  void failsOnlyWhenNeitherMetricsNorIncidentsArePresent(
      SparkSession spark, @TempDir Path in, @TempDir Path out) throws IOException {
    Fixtures.smallLake(spark, in);
    deleteTree(in.resolve("changes"));
    deleteTree(in.resolve("logs"));
    deleteTree(in.resolve("metrics"));
    InputLoader.Loaded l = load(spark, in, out);
    assertEquals(false, l.raw().get(InputTable.LOGS).present());
    assertEquals(false, l.tables().has(InputTable.METRICS));
    assertEquals(0, l.tables().metrics().count(), "an absent table reads as empty");
    deleteTree(in.resolve("incidents"));
    BadInputException e = assertThrows(BadInputException.class, () -> load(spark, in, out));
    assertTrue(e.getMessage().startsWith("the input has neither 'metrics' ("), e.getMessage());
  }

  @Test
  void failsNamingACorruptFileUnlessSkippingIsConfigured(
      SparkSession spark, @TempDir Path in, @TempDir Path out) throws IOException {
    Fixtures.smallLake(spark, in);
    Path bad = in.resolve("metrics/dt=2026-06-30/part-bad.parquet");
    Files.write(bad, "PAR1 this is not parquet".getBytes());
    BadInputException e = assertThrows(BadInputException.class, () -> load(spark, in, out));
    assertTrue(
        e.getMessage().startsWith("corrupt or unreadable Parquet file in table 'metrics': "),
        e.getMessage());
    assertTrue(e.getMessage().contains("part-bad.parquet"));

    InputLoader.Loaded l = load(spark, in, out, "nightshift.validation.skipCorruptFiles", true);
    assertEquals(1, l.raw().get(InputTable.METRICS).corruptFiles().size());
    assertEquals(3, l.outcomes().get(InputTable.METRICS).acceptedCount());
  }

  @Test
  void readsOnlyThePartitionsOfTheWindow(SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Fixtures.smallLake(spark, in);
    Fixtures.write(
        spark,
        in,
        InputTable.METRICS,
        row(ts("2026-06-01T10:00:00Z"), "h1", "cpu_used_pct", 40.0, "web", 100.0),
        row(ts("2026-07-01T10:00:00Z"), "h1", "cpu_used_pct", 40.0, "web", 100.0));
    InputLoader.Loaded l = load(spark, in, out);
    assertEquals(2, l.raw().get(InputTable.METRICS).partitions().size());
    assertEquals(3, l.outcomes().get(InputTable.METRICS).read());
  }

  @Test
  void readsPartitionsWhoseSchemasDriftAndReportsEmptyPartitions(
      SparkSession spark, @TempDir Path in, @TempDir Path out) throws IOException {
    Fixtures.smallLake(spark, in);
    // a day where value is float and an extra column appeared
    Fixtures.writeAt(
        in,
        InputTable.METRICS,
        "2026-06-28",
        Fixtures.rows(
                spark,
                InputTable.METRICS,
                row(ts("2026-06-28T10:00:00Z"), "h1", "cpu_used_pct", 41.5, "web", 100.0))
            .withColumn("value", col("value").cast("float"))
            .withColumn("region", org.apache.spark.sql.functions.lit("eu")));
    // a day where capacity is absent altogether (optional column)
    Fixtures.writeAt(
        in,
        InputTable.METRICS,
        "2026-06-27",
        Fixtures.rows(
                spark,
                InputTable.METRICS,
                row(ts("2026-06-27T10:00:00Z"), "h1", "cpu_used_pct", 7.0, "web", 100.0))
            .drop("capacity"));
    Files.createDirectories(in.resolve("metrics/dt=2026-06-26"));
    InputLoader.Loaded l = load(spark, in, out);
    assertEquals(5, l.outcomes().get(InputTable.METRICS).acceptedCount());
    assertEquals(
        List.of("2026-06-26"), InputLoader.emptyPartitions(l.raw().get(InputTable.METRICS)));
    double v =
        l.tables()
            .metrics()
            .filter(
                col("ts").equalTo(org.apache.spark.sql.functions.lit(ts("2026-06-28T10:00:00Z"))))
            .first()
            .getAs("value");
    assertEquals(41.5, v, 1e-6);
  }

  @Test
  void mapsColumnNamesFromConfig(SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Fixtures.smallLake(spark, in);
    Path in2 = in.resolve("mapped");
    Fixtures.writeAt(
        in2,
        InputTable.METRICS,
        "2026-06-30",
        Fixtures.rows(
                spark,
                InputTable.METRICS,
                row(ts("2026-06-30T01:00:00Z"), "h7", "cpu_used_pct", 1.0, "web", 100.0))
            .withColumnRenamed("entity", "host")
            .withColumnRenamed("ts", "event_time"));
    for (String t : List.of("logs", "incidents", "changes")) {
      copyTree(in.resolve(t), in2.resolve(t));
    }
    InputLoader.Loaded l =
        load(
            spark,
            in2,
            out,
            "nightshift.input.columns.metrics.entity",
            "host",
            "nightshift.input.columns.metrics.ts",
            "event_time");
    assertEquals("h7", l.tables().metrics().first().getAs("entity"));
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path f : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
