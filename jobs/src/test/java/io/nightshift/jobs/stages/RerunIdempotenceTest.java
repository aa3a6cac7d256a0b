package io.nightshift.jobs.stages;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.map_entries;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.jobs.SampleFleetNight;
import io.nightshift.jobs.io.OutputLayout;
import io.nightshift.jobs.io.TableHistory;
import io.nightshift.jobs.schema.OutputTable;
import io.nightshift.testkit.SparkExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-running a night gives the same answers: the bundled sample fleet's night of 2026-06-30 ({@link
 * SampleFleetNight}: all stages and the report site, as {@code ./nightshift run} does) is run once
 * into a fresh output root and a second time into a copy of that root (over the first run's
 * partitions, kept days, models and reports). Every declared output table is equal row for row, the
 * report files are equal byte for byte but for each page's "generated" time, and the manifests
 * account for the same rows. The second run reuses the risk models the first one saved (they are
 * younger than {@code retrainEveryDays}) and every validated day it kept: both must score the same.
 *
 * <p>That two cold runs of the same input agree (no clock or random seed in the answers) is checked
 * where a second cold run is made anyway: {@code IncrementalNightTest} (a {@code --full} night
 * against a steady one, every table) and {@code ClusterRunIT} (a local and a cluster run).
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class RerunIdempotenceTest {
  private static final LocalDate RUN = SampleFleetNight.RUN;

  /**
   * The one part of a report page that must differ between runs: the footer's wall-clock time at
   * which the page was rendered ("generated 2026-12-02 13:19"), which says when the reader's copy
   * was made. Every page has exactly one; nothing else is masked.
   */
  private static final Pattern GENERATED_AT =
      Pattern.compile("generated \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}(:\\d{2})?");

  @Test
  void aNightRunTwiceIntoOneOutputGivesTheSameTablesReportsAndAccounts(
      SparkSession spark, @TempDir Path dir) throws IOException {
    Path first = SampleFleetNight.output(spark); // the first run, into a fresh root
    Path same = dir.resolve("out");

    copy(first, same); // the second run replaces what the first wrote, in a copy of its root
    SampleFleetNight.run(spark, same);

    List<String> tables = sameTables(spark, first, same);
    assertTrue(
        tables.containsAll(
            List.of("kpis", "anomalies", "log_signals", "capacity_forecast", "risk_scores")),
        "the night wrote its tables: " + tables);
    sameReports(first, same);
    sameAccounts(first, same);
    assertEquals(
        0,
        manifest(same).path("inputs").path("metrics").path("partitions_recomputed").asInt(),
        "the re-run reused every validated day the first run kept");
  }

  /** Asserts every declared table is committed by both runs or neither, with equal rows. */
  private static List<String> sameTables(SparkSession spark, Path a, Path b) {
    List<String> written = new ArrayList<>();
    for (OutputTable t : OutputTable.values()) {
      Optional<Dataset<Row>> x = committed(spark, a, t.tableName());
      Optional<Dataset<Row>> y = committed(spark, b, t.tableName());
      assertEquals(x.isPresent(), y.isPresent(), t.tableName() + " committed by one run only");
      if (x.isPresent()) {
        Dataset<Row> left = comparable(x.get());
        Dataset<Row> right = comparable(y.get());
        assertEquals(left.count(), right.count(), t.tableName() + ": row count");
        assertEquals(0, left.exceptAll(right).count(), t.tableName() + ": rows only in " + a);
        assertEquals(0, right.exceptAll(left).count(), t.tableName() + ": rows only in " + b);
        written.add(t.tableName());
      }
    }
    return written;
  }

  /** The run date's committed partition of a table, read as stages read earlier nights. */
  private static Optional<Dataset<Row>> committed(SparkSession spark, Path root, String table) {
    return new TableHistory(spark, new OutputLayout(root.toString()))
        .read(table, RUN, RUN.plusDays(1));
  }

  /**
   * Map columns as their entries sorted by key: set operations refuse maps, and a map's entry order
   * is not part of its value.
   */
  private static Dataset<Row> comparable(Dataset<Row> d) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : d.schema().fields()) {
      cols.add(
          f.dataType() instanceof MapType
              ? array_sort(map_entries(col(f.name()))).as(f.name())
              : col(f.name()));
    }
    return d.select(cols.toArray(Column[]::new));
  }

  /** Asserts the report folders hold the same files with the same bytes, "generated" aside. */
  private static void sameReports(Path a, Path b) throws IOException {
    Path ra = a.resolve("reports").resolve(RUN.toString());
    Path rb = b.resolve("reports").resolve(RUN.toString());
    List<String> names = files(ra);
    assertEquals(names, files(rb), "report files");
    assertTrue(names.contains("index.html") && names.contains("risk.csv"), names.toString());
    for (String name : names) {
      byte[] x = Files.readAllBytes(ra.resolve(name));
      byte[] y = Files.readAllBytes(rb.resolve(name));
      if (name.endsWith(".html")) {
        assertEquals(withoutGeneratedAt(name, x), withoutGeneratedAt(name, y), name);
      } else {
        assertArrayEquals(x, y, name + " differs between " + a + " and " + b);
      }
    }
  }

  private static String withoutGeneratedAt(String page, byte[] html) {
    String text = new String(html, StandardCharsets.UTF_8);
    Matcher m = GENERATED_AT.matcher(text);
    int found = 0;
    while (m.find()) {
      found++;
    }
    assertEquals(1, found, page + ": one 'generated' time in the footer");
    return GENERATED_AT.matcher(text).replaceAll("generated <time>");
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * Asserts the manifests account for the same rows: each input's files, rows read, accepted and
   * quarantined (by reason); each output's rows; the stages run or skipped and what they wrote; the
   * warnings. Timings, start and end times and output paths are the run's own.
   */
  private static void sameAccounts(Path a, Path b) throws IOException {
    JsonNode x = manifest(a);
    JsonNode y = manifest(b);
    assertEquals("success", x.get("status").asText());
    assertEquals("success", y.get("status").asText());
    assertEquals(accounts(x.get("inputs")), accounts(y.get("inputs")), "inputs");
    assertTrue(x.get("inputs").get("metrics").get("read").asLong() > 0, "metrics were read");
    assertEquals(rowsByOutput(x), rowsByOutput(y), "rows per output");
    assertEquals(stageTables(x), stageTables(y), "stages and their tables");
    assertEquals(x.get("skipped_stages"), y.get("skipped_stages"), "skipped stages");
    assertEquals(x.get("warnings"), y.get("warnings"), "warnings");
  }

  /**
   * The inputs' accounting without how their days were obtained (a re-run reuses the days the first
   * run validated and kept; a run into another output recomputes them: the rows are the same).
   */
  private static JsonNode accounts(JsonNode inputs) {
    ObjectNode out = inputs.deepCopy();
    out.properties()
        .forEach(
            e ->
                ((ObjectNode) e.getValue())
                    .remove(
                        List.of(
                            "partitions_reused",
                            "partitions_recomputed",
                            "partitions_recomputed_by_reason")));
    return out;
  }

  private static JsonNode manifest(Path root) throws IOException {
    return new ObjectMapper().readTree(root.resolve("runs/" + RUN + "/manifest.json").toFile());
  }

  private static ObjectNode rowsByOutput(JsonNode manifest) {
    ObjectNode rows = new ObjectMapper().createObjectNode();
    manifest
        .get("outputs")
        .properties()
        .forEach(e -> rows.set(e.getKey(), e.getValue().get("rows")));
    return rows;
  }

  private static List<String> stageTables(JsonNode manifest) {
    List<String> out = new ArrayList<>();
    manifest
        .get("stages")
        .forEach(s -> out.add(s.get("name").asText() + " " + s.get("tables").toString()));
    return out;
  }

  private static void copy(Path from, Path to) {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
