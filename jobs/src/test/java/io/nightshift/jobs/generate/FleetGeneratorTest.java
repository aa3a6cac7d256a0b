package io.nightshift.jobs.generate;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.testkit.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Generates a small fleet with Spark and checks it against the contract and its own truth. */
@ExtendWith(SparkExtension.class)
class FleetGeneratorTest {

  private static final LocalDate END = LocalDate.parse("2026-06-30");

  @TempDir static Path tmp;
  private static SparkSession spark;
  private static Path fleet;
  private static FleetGenerator.Result result;

  @BeforeAll
  static void generate(SparkSession s) {
    spark = s;
    fleet = tmp.resolve("fleet");
    result = run(fleet, 8, 4, 5);
  }

  private static FleetGenerator.Result run(Path out, int entities, int days, long seed) {
    return new FleetGenerator(spark)
        .options(new GeneratorOptions(out.toString(), entities, days, END, seed, 5, 0.3))
        .execute();
  }

  private static Dataset<Row> table(Path root, String name) {
    return spark.read().parquet(root.resolve(name).toString());
  }

  private static List<String[]> truth(String file) throws IOException {
    List<String[]> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(fleet.resolve("truth").resolve(file));
    for (String l : lines.subList(1, lines.size())) {
      rows.add(l.split(",", -1));
    }
    return rows;
  }

  @Test
  void writesTheInputContractPartitionedByDay() throws IOException {
    for (InputTable t : InputTable.values()) {
      StructType actual = table(fleet, t.tableName()).drop(Cols.DT).schema();
      assertEquals(fields(t.schema()), fields(actual), t.tableName());
    }
    try (Stream<Path> dirs = Files.list(fleet.resolve("metrics"))) {
      Set<String> dts =
          dirs.map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith("dt="))
              .collect(Collectors.toSet());
      assertEquals(Set.of("dt=2026-06-27", "dt=2026-06-28", "dt=2026-06-29", "dt=2026-06-30"), dts);
      for (String dt : dts) {
        try (Stream<Path> files = Files.list(fleet.resolve("metrics").resolve(dt))) {
          assertEquals(1, files.filter(f -> f.toString().endsWith(".parquet")).count(), dt);
        }
      }
    }
    long misplaced =
        table(fleet, "incidents")
            .filter(col(Cols.DT).notEqual(col(Cols.OPENED_AT).cast("date").cast("string")))
            .count();
    assertEquals(0, misplaced, "incidents partitioned by the day of opened_at");
  }

  private static List<String> fields(StructType s) {
    return Arrays.stream(s.fields()).map(StructField::toString).toList();
  }

  @Test
  void sameSeedGivesIdenticalRowsAndOtherSeedDiffers() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Path c = tmp.resolve("c");
    run(a, 4, 2, 3);
    run(b, 4, 2, 3);
    run(c, 4, 2, 4);
    for (String t : List.of("metrics", "logs", "incidents", "changes")) {
      Dataset<Row> x = table(a, t);
      Dataset<Row> y = table(b, t);
      assertEquals(0, x.except(y).count(), t);
      assertEquals(0, y.except(x).count(), t);
      assertEquals(x.count(), y.count(), t);
    }
    for (String f : List.of("anomalies.csv", "saturation.csv", "incidents.csv", "log_bursts.csv")) {
      assertEquals(
          Files.readString(a.resolve("truth").resolve(f)),
          Files.readString(b.resolve("truth").resolve(f)),
          f);
    }
    assertNotEquals(0, table(a, "metrics").except(table(c, "metrics")).count());
    assertNotEquals(0, table(a, "logs").except(table(c, "logs")).count());
  }

  @Test
  void everyTruthIncidentIsInTheIncidentsTable() throws IOException {
    List<Row> rows =
        table(fleet, "incidents").select(Cols.INCIDENT_ID, Cols.OPENED_AT).collectAsList();
    Set<String> table =
        rows.stream()
            .map(r -> r.getString(0) + "@" + r.getTimestamp(1).toInstant())
            .collect(Collectors.toSet());
    Set<String> truth =
        truth("incidents.csv").stream()
            .map(r -> r[0] + "@" + Instant.parse(r[4]))
            .collect(Collectors.toSet());
    assertTrue(truth.size() >= 3, "incidents " + truth.size());
    assertEquals(truth, table);
  }

  @Test
  void saturationCrossingTimesMatchTheGeneratedDiskValues() throws IOException {
    int checked = 0;
    Dataset<Row> disk =
        table(fleet, "metrics").filter(col(Cols.METRIC).equalTo(MetricRows.DISK)).cache();
    for (String[] r : truth("saturation.csv")) {
      double growth = Double.parseDouble(r[3]);
      if (growth == 0) {
        assertEquals("", r[4], r[0]);
        continue;
      }
      long c85 = Instant.parse(r[4]).getEpochSecond();
      long c100 = Instant.parse(r[5]).getEpochSecond();
      assertEquals(15.0 / growth, (c100 - c85) / 86_400.0, 1e-4 * 15.0 / growth + 1e-4, r[0]);
      long from = r[7].isEmpty() ? 0 : Instant.parse(r[7]).getEpochSecond();
      Row worst =
          disk.filter(col(Cols.ENTITY).equalTo(r[0]))
              .filter(col(Cols.TS).cast("long").geq(from))
              .filter(col(Cols.VALUE).lt(96))
              .select(
                  max(abs(
                          col(Cols.VALUE)
                              .minus(
                                  lit(85.0)
                                      .plus(
                                          col(Cols.TS)
                                              .cast("long")
                                              .minus(c85)
                                              .multiply(growth / 86_400.0)))))
                      .as("err"))
              .first();
      if (!worst.isNullAt(0)) {
        assertTrue(worst.getDouble(0) < 1.2, r[0] + " max deviation from trend " + worst.get(0));
        checked++;
      }
    }
    assertTrue(checked >= 2, "growing disks checked: " + checked);
  }

  @Test
  void logBurstsArePresentInTheLogs() throws IOException {
    java.util.Map<String, String> templates = new java.util.HashMap<>();
    for (LogTemplate t : LogTemplate.values()) {
      templates.put(t.name(), regex(t.template()));
    }
    Dataset<Row> logs = table(fleet, "logs").cache();
    List<String[]> bursts = truth("log_bursts.csv");
    assertTrue(bursts.size() >= 2, "bursts " + bursts.size());
    for (String[] b : bursts) {
      long start = Instant.parse(b[2]).getEpochSecond();
      long end = Instant.parse(b[3]).getEpochSecond();
      long n =
          logs.filter(col(Cols.ENTITY).equalTo(b[0]))
              .filter(col(Cols.TS).cast("long").geq(start).and(col(Cols.TS).cast("long").lt(end)))
              .filter(col(Cols.MESSAGE).rlike(templates.get(b[4])))
              .count();
      double minutes = (end - start) / 60.0;
      assertTrue(n >= Math.max(1, minutes * 0.5), b[0] + " " + b[4] + " " + b[2] + ": " + n);
    }
  }

  private static String regex(String template) {
    String[] parts = template.split(Pattern.quote("<*>"), -1);
    return "^"
        + Arrays.stream(parts)
            .map(p -> p.isEmpty() ? "" : Pattern.quote(p))
            .collect(Collectors.joining("\\S+"))
        + "$";
  }

  @Test
  void cascadeCausesShowAsLatencySurges() throws IOException {
    Dataset<Row> m = table(fleet, "metrics").filter(col(Cols.METRIC).equalTo(MetricRows.LATENCY));
    List<String[]> anomalies = truth("anomalies.csv");
    int checked = 0;
    for (String[] a : anomalies) {
      if (!a[8].equals("true")) {
        continue;
      }
      long start = Instant.parse(a[4]).getEpochSecond();
      long end = Instant.parse(a[5]).getEpochSecond();
      Dataset<Row> host = m.filter(col(Cols.ENTITY).equalTo(a[1]));
      double during =
          host.filter(col(Cols.TS).cast("long").geq(start).and(col(Cols.TS).cast("long").lt(end)))
              .agg(org.apache.spark.sql.functions.min(Cols.VALUE))
              .first()
              .getDouble(0);
      double median = host.stat().approxQuantile(Cols.VALUE, new double[] {0.5}, 0.01)[0];
      assertTrue(during > 1.8 * median, a[0] + ": " + during + " vs median " + median);
      checked++;
    }
    assertTrue(checked >= 1);
  }

  @Test
  void volumesAreRealistic() {
    long expectedMetrics = 8L * 4 * 288 * MetricRows.METRICS.length;
    long metrics = result.rows().get("metrics");
    assertTrue(
        metrics > 0.98 * expectedMetrics && metrics <= expectedMetrics,
        "metrics " + metrics + " of " + expectedMetrics);
    double perHostMinute = result.rows().get("logs") / (8.0 * 4 * 1440);
    assertTrue(
        perHostMinute > 0.2 && perHostMinute < 0.6, "log lines per host-minute " + perHostMinute);
    double changesPerServiceDay = result.rows().get("changes") / (8.0 * 4);
    assertTrue(
        changesPerServiceDay > 0.4 && changesPerServiceDay < 3,
        "changes per service-day " + changesPerServiceDay);
    long levels = table(fleet, "logs").select(Cols.LEVEL).distinct().count();
    assertEquals(4, levels);
    long nullCapacity =
        table(fleet, "metrics")
            .filter(col(Cols.CAPACITY).isNull())
            .select(Cols.METRIC)
            .distinct()
            .count();
    assertEquals(2, nullCapacity, "latency_ms and error_rate have no capacity");
  }
}
