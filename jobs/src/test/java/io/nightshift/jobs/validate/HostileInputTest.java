package io.nightshift.jobs.validate;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.ts;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unhex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.testkit.SparkExtension;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input the reader and validation must survive, each on its own: damaged Parquet, schema
 * drift, extreme values, zoned and zone-less timestamps, non-UTF-8 and 1 MB log lines, markup in
 * titles. Every row read is accepted or quarantined, and the files' footers agree with the count.
 * (Empty partitions, missing and mistyped columns: {@code TableReaderTest}; null keys, NaN,
 * duplicates: {@link ValidationTest}; a whole run on hostile input: {@code HostileRunTest}.)
 */
@ExtendWith(SparkExtension.class)
class HostileInputTest {
  private static final LocalDate RUN = LocalDate.parse("2026-06-30");

  static InputLoader.Loaded load(SparkSession spark, Path in, Path out, Object... kv) {
    return new InputLoader(spark, Fixtures.config(in, out, kv)).load(RUN);
  }

  static void assertAccounted(InputLoader.Loaded l, InputTable t) {
    Validation.Outcome o = l.outcomes().get(t);
    assertEquals(o.read(), o.acceptedCount() + o.quarantinedRows(), "read = accepted + q");
    assertEquals(l.raw().get(t).rowsInFiles(), o.read(), "read = rows the footers declare");
  }

  /** The only Parquet data file of a partition written by {@link Fixtures#writeAt}. */
  static Path onlyFile(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> files = s.filter(p -> p.toString().endsWith(".parquet")).toList();
      assertEquals(1, files.size(), files.toString());
      return files.get(0);
    }
  }

  /** Writes one metrics row into its own folder and returns the file's bytes. */
  static byte[] parquetBytes(SparkSession spark, Path scratch) throws IOException {
    Fixtures.writeAt(
        scratch,
        InputTable.METRICS,
        "2026-06-30",
        Fixtures.rows(
            spark,
            InputTable.METRICS,
            row(ts("2026-06-30T05:00:00Z"), "h5", "cpu_used_pct", 5.0, "web", 100.0)));
    return Files.readAllBytes(onlyFile(scratch.resolve("metrics/dt=2026-06-30")));
  }

  @Test
  void failsNamingATruncatedOrEmptyParquetFileUnlessSkippingIsConfigured(
      SparkSession spark, @TempDir Path in, @TempDir Path out, @TempDir Path scratch)
      throws IOException {
    Fixtures.smallLake(spark, in);
    byte[] good = parquetBytes(spark, scratch);
    Path part = in.resolve("metrics/dt=2026-06-30");
    Files.write(part.resolve("part-truncated.parquet"), java.util.Arrays.copyOf(good, 100));
    BadInputException e = assertThrows(BadInputException.class, () -> load(spark, in, out));
    assertTrue(
        e.getMessage().startsWith("corrupt or unreadable Parquet file in table 'metrics': "),
        e.getMessage());
    assertTrue(e.getMessage().contains("part-truncated.parquet"), e.getMessage());

    Files.write(part.resolve("part-empty.parquet"), new byte[0]);
    InputLoader.Loaded l = load(spark, in, out, "nightshift.validation.skipCorruptFiles", true);
    List<String> skipped = l.raw().get(InputTable.METRICS).corruptFiles();
    assertEquals(2, skipped.size(), skipped.toString());
    assertTrue(
        skipped.stream().anyMatch(f -> f.endsWith("part-empty.parquet")), skipped.toString());
    assertEquals(3, l.outcomes().get(InputTable.METRICS).acceptedCount());
    assertAccounted(l, InputTable.METRICS);
  }

  @Test
  void failsNamingAFileWhoseFooterIsIntactButWhoseDataIsDamaged(
      SparkSession spark, @TempDir Path in, @TempDir Path out, @TempDir Path scratch)
      throws IOException {
    Fixtures.smallLake(spark, in);
    byte[] bytes = parquetBytes(spark, scratch);
    // overwrite the column chunks between the leading magic and the footer; keep the footer intact
    int n = bytes.length;
    int footer =
        (bytes[n - 8] & 0xff)
            | (bytes[n - 7] & 0xff) << 8
            | (bytes[n - 6] & 0xff) << 16
            | (bytes[n - 5] & 0xff) << 24;
    for (int i = 4; i < n - 8 - footer; i++) {
      bytes[i] = (byte) 0xAB;
    }
    Files.write(in.resolve("metrics/dt=2026-06-30/part-damaged.parquet"), bytes);
    BadInputException e = assertThrows(BadInputException.class, () -> load(spark, in, out));
    assertTrue(
        e.getMessage().startsWith("corrupt Parquet data in table 'metrics': "), e.getMessage());
    assertTrue(e.getMessage().contains("part-damaged.parquet"), e.getMessage());

    InputLoader.Loaded l = load(spark, in, out, "nightshift.validation.skipCorruptFiles", true);
    assertEquals(1, l.raw().get(InputTable.METRICS).corruptFiles().size());
    assertEquals(3, l.outcomes().get(InputTable.METRICS).acceptedCount());
    assertAccounted(l, InputTable.METRICS);
  }

  @Test
  void readsIntegerLongAndDoublePartitionsOfOneColumnAndAnAddedColumn(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Fixtures.smallLake(spark, in);
    Dataset<Row> base =
        Fixtures.rows(
            spark,
            InputTable.METRICS,
            row(ts("2026-06-27T10:00:00Z"), "h1", "mem_used_bytes", 7.0, "web", null));
    Fixtures.writeAt(
        in, InputTable.METRICS, "2026-06-27", base.withColumn("value", col("value").cast("int")));
    Fixtures.writeAt(
        in,
        InputTable.METRICS,
        "2026-06-28",
        base.withColumn("value", lit(Long.MAX_VALUE))
            .withColumn("ts", lit(ts("2026-06-28T10:00:00Z")))
            .withColumn("datacenter", lit("fra1")));
    InputLoader.Loaded l = load(spark, in, out);
    List<Row> rows =
        l.tables()
            .metrics()
            .filter(col("metric").equalTo("mem_used_bytes"))
            .orderBy("ts")
            .collectAsList();
    assertEquals(2, rows.size());
    assertEquals(7.0, rows.get(0).<Double>getAs("value"));
    assertEquals((double) Long.MAX_VALUE, rows.get(1).<Double>getAs("value"));
    assertAccounted(l, InputTable.METRICS);
  }

  @Test
  void keepsHugeFiniteValuesAndQuarantinesNegativeDurations(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Fixtures.smallLake(spark, in);
    Fixtures.write(
        spark,
        in,
        InputTable.METRICS,
        row(ts("2026-06-30T03:00:00Z"), "h1", "net_bytes", Double.MAX_VALUE, "web", null),
        row(ts("2026-06-30T03:01:00Z"), "h1", "net_bytes", -1e308, "web", null),
        row(ts("2026-06-30T03:02:00Z"), "h1", "net_bytes", Double.MIN_VALUE, "web", 1e300));
    Fixtures.write(
        spark,
        in,
        InputTable.INCIDENTS,
        row(
            "INC-DETECTED-BEFORE-OPEN",
            "web",
            "h1",
            "SEV3",
            "disk",
            "x",
            ts("2026-06-29T10:00:00Z"),
            ts("2026-06-29T09:00:00Z"),
            null,
            null),
        row(
            "INC-20-YEARS",
            "web",
            "h1",
            "SEV3",
            "disk",
            "x",
            ts("2026-06-29T10:00:00Z"),
            null,
            ts("2046-06-29T10:00:00Z"),
            null));
    InputLoader.Loaded l = load(spark, in, out);
    assertEquals(
        3, l.tables().metrics().filter(col("metric").equalTo("net_bytes")).count(), "all finite");
    assertEquals(
        Double.MAX_VALUE,
        l.tables()
            .metrics()
            .filter(col("ts").equalTo(lit(ts("2026-06-30T03:00:00Z"))))
            .first()
            .<Double>getAs("value"));
    assertEquals(
        Map.of("negative_duration", 1L),
        l.outcomes().get(InputTable.INCIDENTS).quarantinedByReason());
    assertEquals(2, l.outcomes().get(InputTable.INCIDENTS).acceptedCount(), "INC1, 20 years");
    assertAccounted(l, InputTable.METRICS);
    assertAccounted(l, InputTable.INCIDENTS);
  }

  @Test
  void readsZoneLessTimestampsAsUtcAndPlacesRowsByInstantNotByFolder(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Fixtures.smallLake(spark, in);
    // a writer that stores local wall time without a zone (TIMESTAMP_NTZ): read as UTC
    Fixtures.writeAt(
        in,
        InputTable.METRICS,
        "2026-06-30",
        spark.sql(
            "select timestamp_ntz'2026-06-30 23:30:00' as ts, 'h7' as entity, 'cpu_used_pct' as"
                + " metric, 1.0d as value, 'web' as service, 100.0d as capacity"));
    // 2026-06-30 23:30 at UTC-05:00 is 2026-07-01 04:30Z: after the run date, whatever the folder
    Fixtures.writeAt(
        in,
        InputTable.METRICS,
        "2026-06-30",
        spark.sql(
            "select to_utc_timestamp(timestamp_ntz'2026-06-30 23:30:00', '-05:00') as ts, 'h8' as"
                + " entity, 'cpu_used_pct' as metric, 1.0d as value, 'web' as service, 100.0d as"
                + " capacity"));
    InputLoader.Loaded l = load(spark, in, out);
    Row h7 = l.tables().metrics().filter(col("entity").equalTo("h7")).first();
    assertEquals(ts("2026-06-30T23:30:00Z"), h7.getAs("ts"));
    assertEquals(
        Map.of("in_future", 1L), l.outcomes().get(InputTable.METRICS).quarantinedByReason());
    assertAccounted(l, InputTable.METRICS);
  }

  @Test
  void passesNonUtf8MegabyteAndMarkupTextThroughUnchanged(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Fixtures.smallLake(spark, in);
    String badUtf8Hex = "4572726F72FF FE C3 28 E2 82".replace(" ", ""); // "Error" + invalid bytes
    String megabyte = "x".repeat(1 << 20);
    String markup = "<script>alert('x')</script> & <b>\"disk\"</b> </td><img src=x onerror=1>";
    Dataset<Row> logs =
        Fixtures.rows(
            spark,
            InputTable.LOGS,
            row(ts("2026-06-30T04:00:00Z"), "h1", "web", "ERROR", "placeholder"),
            row(ts("2026-06-30T04:00:01Z"), "h1", "web", "ERROR", megabyte),
            row(ts("2026-06-30T04:00:02Z"), "h1", "web", "WARN", markup));
    logs =
        logs.withColumn(
            "message",
            org.apache
                .spark
                .sql
                .functions
                .when(col("message").equalTo("placeholder"), unhex(lit(badUtf8Hex)).cast("string"))
                .otherwise(col("message")));
    Fixtures.writeAt(in, InputTable.LOGS, "2026-06-30", logs);
    // a lake that stores messages as plain binary (no UTF-8 annotation)
    Fixtures.writeAt(
        in,
        InputTable.LOGS,
        "2026-06-28",
        Fixtures.rows(
                spark,
                InputTable.LOGS,
                row(ts("2026-06-28T04:00:00Z"), "h2", "web", "INFO", "bytes"))
            .withColumn("message", unhex(lit(badUtf8Hex))));
    Fixtures.write(
        spark,
        in,
        InputTable.INCIDENTS,
        row(
            "INC-M",
            "web",
            "h1",
            "SEV2",
            "x",
            markup,
            ts("2026-06-30T04:00:00Z"),
            null,
            null,
            null),
        row(
            "INC-Q",
            "web",
            "h1",
            "BOGUS",
            "x",
            markup,
            ts("2026-06-30T04:00:00Z"),
            null,
            null,
            null));

    InputLoader.Loaded l = load(spark, in, out);
    Dataset<Row> accepted = l.tables().logs();
    assertEquals(6, accepted.count(), "2 of the small lake, 3 written as text, 1 as binary");
    assertEquals(
        2,
        accepted.filter(hex(col("message")).equalTo(badUtf8Hex)).count(),
        "invalid UTF-8 bytes kept as they were, from string and binary columns");
    assertEquals(1, accepted.filter(length(col("message")).equalTo(1 << 20)).count());
    assertEquals(1, accepted.filter(col("message").equalTo(markup)).count());
    assertEquals(
        markup,
        l.tables().incidents().filter(col("incident_id").equalTo("INC-M")).first().getAs("title"));
    Row q = l.quarantine().filter(col("reason").equalTo("unknown_severity")).first();
    assertEquals(markup, parse(q.getAs("row_json")).get("title").asText(), "intact in quarantine");
    assertAccounted(l, InputTable.LOGS);
  }

  @Test
  void namesTheSourceFileOfQuarantinedRowsAsAUriEvenWithSpacesInThePath(
      SparkSession spark, @TempDir Path dir) {
    Path in = dir.resolve("lake with spaces/and ünïcode");
    Fixtures.smallLake(spark, in);
    Fixtures.write(
        spark,
        in,
        InputTable.METRICS,
        row(ts("2026-06-30T01:00:00Z"), null, "m", 1.0, "web", null));
    InputLoader.Loaded l = load(spark, in, dir.resolve("out dir"));
    String file = l.quarantine().first().getAs("source_file");
    assertTrue(Files.exists(Path.of(URI.create(file))), file);
    assertTrue(file.contains("dt=2026-06-30"), file);
  }

  private static JsonNode parse(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
