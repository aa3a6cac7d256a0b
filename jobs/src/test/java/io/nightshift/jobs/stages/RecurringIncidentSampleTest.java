package io.nightshift.jobs.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.InputTables;
import io.nightshift.jobs.io.ModelStore;
import io.nightshift.jobs.schema.IncidentFamiliesTable;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.RecurringIncidentsTable;
import io.nightshift.testkit.SharedData;
import io.nightshift.testkit.SparkExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stage on the generated sample fleet against its truth/: pairwise grouping precision and
 * recall, the ranking of the truth's families, and whether each family's planted precursor is among
 * its top three. Signals for precursors are the truth's own injected anomalies (degradation ramps
 * included) and log bursts (a perfect detector), plus the saturation hours the stage derives from
 * the sample's own metrics, so this checks the grouping, ranking and precursor mining, not the
 * upstream detectors. Skipped when the sample has no truth.
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class RecurringIncidentSampleTest {
  @TempDir static Path out;
  private static Path fleet;
  private static Map<String, String> familyOf;
  private static Map<String, String> truthOf;
  private static List<Row> ranked;
  private static List<Row> truthFamilies;

  static Path fleetDir() {
    String p = System.getProperty("nightshift.fleet.dir");
    return p == null || p.isBlank()
        ? SharedData.repoDir().resolve("data-samples/fleet")
        : Paths.get(p).toAbsolutePath();
  }

  private static Dataset<Row> csv(SparkSession spark, String name) {
    return spark
        .read()
        .option("header", true)
        .option("inferSchema", false)
        .csv(fleet.resolve("truth").resolve(name).toString());
  }

  private static Dataset<Row> canonical(SparkSession spark, InputTable t) {
    Dataset<Row> raw = spark.read().parquet(fleet.resolve(t.tableName()).toString());
    List<Column> cols = new ArrayList<>();
    for (var f : t.schema().fields()) {
      cols.add(
          Arrays.asList(raw.columns()).contains(f.name())
              ? col(f.name()).cast(f.dataType()).as(f.name())
              : lit(null).cast(f.dataType()).as(f.name()));
    }
    return raw.select(cols.toArray(Column[]::new));
  }

  @BeforeAll
  static void runStage(SparkSession spark) throws Exception {
    fleet = fleetDir();
    Assumptions.assumeTrue(
        Files.exists(fleet.resolve("truth/families.csv")),
        () -> "SKIPPED: no sample fleet truth at " + fleet);
    List<String> days = new ArrayList<>();
    for (File f : fleet.resolve("metrics").toFile().listFiles()) {
      if (f.getName().startsWith("dt=")) {
        days.add(f.getName().substring(3));
      }
    }
    days.sort(null);
    LocalDate last = LocalDate.parse(days.get(days.size() - 1));
    Instant start = LocalDate.parse(days.get(0)).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant end = last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Dataset<Row> incidents = canonical(spark, InputTable.INCIDENTS);
    Dataset<Row> changes = canonical(spark, InputTable.CHANGES);
    Dataset<Row> metrics = canonical(spark, InputTable.METRICS);
    Dataset<Row> anomalies =
        csv(spark, "anomalies.csv")
            .select("service", "metric", "start", "end")
            .withColumn("start", col("start").cast("timestamp"))
            .withColumn("end", col("end").cast("timestamp"));
    Dataset<Row> logSignals =
        csv(spark, "log_bursts.csv")
            .select(
                col("service"),
                col("start").cast("timestamp").as("start"),
                col("end").cast("timestamp").as("end"),
                col("template_id"));
    NightshiftConfig config = NightshiftConfig.load();
    RunContext ctx =
        new RunContext(
            spark,
            config,
            last,
            new InputTables(
                Map.of(
                    InputTable.INCIDENTS,
                    incidents,
                    InputTable.CHANGES,
                    changes,
                    InputTable.METRICS,
                    metrics),
                start,
                end),
            new ModelStore(out.toString(), spark.sparkContext().hadoopConfiguration(), last));
    ctx.registerWritten("anomalies", anomalies);
    ctx.registerWritten("log_signals", logSignals);
    Map<String, Dataset<Row>> tables = new RecurringIncidentStage().compute(ctx);
    ranked =
        tables
            .get(RecurringIncidentsTable.NAME)
            .orderBy(RecurringIncidentsTable.RANK)
            .collectAsList();
    familyOf = new HashMap<>();
    for (Row r : tables.get(IncidentFamiliesTable.NAME).collectAsList()) {
      familyOf.put(r.getString(0), r.getString(1));
    }
    truthOf = new HashMap<>();
    for (Row r : csv(spark, "incidents.csv").select("incident_id", "family_id").collectAsList()) {
      truthOf.put(
          r.getString(0), r.getString(1) == null ? "one-off/" + r.getString(0) : r.getString(1));
    }
    truthFamilies =
        csv(spark, "families.csv").orderBy(col("impact_rank").cast("int")).collectAsList();
    for (Row r : ranked) {
      System.out.printf(
          "sample rank %d %s impact %.0f n=%d mttr %.1f label '%s' precursors %s%n",
          r.<Integer>getAs("rank"),
          r.getAs("family_id"),
          r.<Double>getAs("impact"),
          r.<Long>getAs("incident_count"),
          r.<Double>getAs("mttr_mean_min"),
          r.getAs("label"),
          r.getList(r.fieldIndex("precursors")));
    }
  }

  /** The family our stage gave most of a truth family's incidents. */
  private static String ourFamily(String truthFamily) {
    Map<String, Integer> votes = new TreeMap<>();
    truthOf.forEach(
        (inc, t) -> {
          if (t.equals(truthFamily)) {
            votes.merge(familyOf.get(inc), 1, Integer::sum);
          }
        });
    return votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  @Test
  void recoversTheTruthFamiliesWithPairwisePrecisionAndRecallAtLeast90Percent() {
    List<String> ids = new ArrayList<>(truthOf.keySet());
    long tp = 0;
    long predicted = 0;
    long actual = 0;
    for (int a = 0; a < ids.size(); a++) {
      for (int b = a + 1; b < ids.size(); b++) {
        boolean same = truthOf.get(ids.get(a)).equals(truthOf.get(ids.get(b)));
        boolean grouped = familyOf.get(ids.get(a)).equals(familyOf.get(ids.get(b)));
        tp += same && grouped ? 1 : 0;
        predicted += grouped ? 1 : 0;
        actual += same ? 1 : 0;
      }
    }
    double precision = predicted == 0 ? 0 : (double) tp / predicted;
    double recall = (double) tp / actual;
    System.out.printf(
        "sample grouping: precision %.3f recall %.3f (%d true pairs)%n", precision, recall, actual);
    assertTrue(precision >= 0.9, "precision " + precision);
    assertTrue(recall >= 0.9, "recall " + recall);
  }

  @Test
  void ranksTheTopFiveTruthFamiliesInTheTruthsImpactOrder() {
    List<String> expected = new ArrayList<>();
    List<String> actual = new ArrayList<>();
    for (Row t : truthFamilies.subList(0, Math.min(5, truthFamilies.size()))) {
      expected.add(t.getAs("family_id"));
    }
    for (Row r : ranked) {
      for (Row t : truthFamilies) {
        if (ourFamily(t.getAs("family_id")).equals(r.getAs("family_id"))
            && expected.contains(t.<String>getAs("family_id"))) {
          actual.add(t.getAs("family_id"));
        }
      }
    }
    System.out.println("sample ranking: truth " + expected + " ours " + actual);
    assertEquals(expected, actual);
  }

  @Test
  void findsEachPlantedPrecursorAmongItsFamilysTopThree() {
    int hits = 0;
    for (Row t : truthFamilies) {
      String[] planted = t.<String>getAs("planted_precursor").split(":", 2);
      List<String> kinds =
          switch (planted[0]) {
            case "metric" ->
                List.of(
                    RecurringIncidentsTable.KIND_METRIC_ANOMALY,
                    RecurringIncidentsTable.KIND_METRIC_SATURATION);
            case "log" -> List.of(RecurringIncidentsTable.KIND_LOG_TEMPLATE);
            default -> List.of(RecurringIncidentsTable.KIND_CHANGE);
          };
      String ours = ourFamily(t.getAs("family_id"));
      boolean hit = false;
      for (Row r : ranked) {
        if (r.getAs("family_id").equals(ours)) {
          for (Row p : r.<Row>getList(r.fieldIndex("precursors"))) {
            hit |=
                p.<Integer>getAs("rank") <= 3
                    && kinds.contains(p.<String>getAs("kind"))
                    && (kinds.contains(RecurringIncidentsTable.KIND_CHANGE)
                        || planted[1].equals(p.getAs("name")));
          }
        }
      }
      System.out.printf(
          "sample precursor %s %s: %s%n", t.getAs("family_id"), t.getAs("planted_precursor"), hit);
      hits += hit ? 1 : 0;
    }
    assertEquals(truthFamilies.size(), hits, hits + " of " + truthFamilies.size());
  }
}
