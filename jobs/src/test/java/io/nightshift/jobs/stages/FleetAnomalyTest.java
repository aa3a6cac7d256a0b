package io.nightshift.jobs.stages;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.schema.AnomaliesTable;
import io.nightshift.models.anomaly.AnomalyDetector;
import io.nightshift.testkit.SharedData;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The detector on the bundled sample fleet against its ground truth ({@code
 * data-samples/fleet/truth/anomalies.csv}): every series is scored causally from its first point
 * with the default settings, the first 7 days are learning, and the events of the remaining 21 days
 * are matched to the injected anomalies. A truth anomaly is found when an event of the same entity
 * and metric overlaps it (from 5 minutes before its start to 60 minutes after its end); an event
 * that overlaps none is a false alarm. CI runs hosts 001-008; {@code
 * -Dnightshift.fleet.allHosts=true} runs all 24 (the figures in docs/anomaly.md).
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class FleetAnomalyTest {
  private static final Instant EVAL_START = Instant.parse("2026-06-10T00:00:00Z");
  private static final Instant END = Instant.parse("2026-07-01T00:00:00Z");

  private record Truth(String entity, String metric, Instant start, Instant end, String kind) {}

  @Test
  void findsInjectedAnomaliesWithFewFalseAlarms(SparkSession spark) throws Exception {
    Path fleet = SharedData.repoDir().resolve("data-samples/fleet");
    Assumptions.assumeTrue(Files.isDirectory(fleet.resolve("truth")), "no sample fleet truth");
    boolean all = Boolean.getBoolean("nightshift.fleet.allHosts");
    Dataset<Row> metrics = spark.read().parquet(fleet.resolve("metrics").toString());
    if (!all) {
      metrics = metrics.where(col("entity").leq("host-008"));
    }
    NightshiftConfig config = NightshiftConfig.load();
    Dataset<Row> scored =
        new AnomalyDetector()
            .setSettings(config.anomaly().detector())
            .untrained(spark)
            .transform(metrics);
    List<Row> events =
        AnomalyStage.events(scored, metrics, EVAL_START, config.anomaly()).collectAsList();
    long series = metrics.select("entity", "metric").distinct().count();

    List<Truth> truth = new ArrayList<>();
    List<String> lines = Files.readAllLines(fleet.resolve("truth/anomalies.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      Truth t = new Truth(f[1], f[3], Instant.parse(f[4]), Instant.parse(f[5]), f[6]);
      if (!t.start().isBefore(EVAL_START) && (all || t.entity().compareTo("host-008") <= 0)) {
        truth.add(t);
      }
    }
    Map<String, int[]> byKind = new TreeMap<>();
    boolean[] eventMatched = new boolean[events.size()];
    for (Truth t : truth) {
      boolean found = false;
      for (int i = 0; i < events.size(); i++) {
        Row e = events.get(i);
        Instant s = ((Timestamp) e.getAs(AnomaliesTable.START)).toInstant();
        Instant en = ((Timestamp) e.getAs(AnomaliesTable.END)).toInstant();
        boolean same =
            e.getAs(AnomaliesTable.ENTITY).equals(t.entity())
                && e.getAs(AnomaliesTable.METRIC).equals(t.metric());
        boolean overlaps =
            !en.isBefore(t.start().minus(Duration.ofMinutes(5)))
                && !s.isAfter(t.end().plus(Duration.ofMinutes(60)));
        if (same && overlaps) {
          found = true;
          eventMatched[i] = true;
        }
      }
      int[] c = byKind.computeIfAbsent(t.kind(), k -> new int[2]);
      c[0] += found ? 1 : 0;
      c[1]++;
    }
    int foundAll = byKind.values().stream().mapToInt(c -> c[0]).sum();
    int falseAlarms = 0;
    for (boolean m : eventMatched) {
      falseAlarms += m ? 0 : 1;
    }
    double days = Duration.between(EVAL_START, END).toHours() / 24.0;
    double recall = (double) foundAll / truth.size();
    double faPerSeriesDay = falseAlarms / (series * days);
    StringBuilder sb = new StringBuilder();
    byKind.forEach((k, c) -> sb.append(String.format(" %s %d/%d", k, c[0], c[1])));
    System.out.printf(
        "fleet (%s hosts, %d series, %.0f days): recall %d/%d = %.2f (%s); %d events, %d false"
            + " alarms = %.4f per series per day%n",
        all ? "all" : "8",
        series,
        days,
        foundAll,
        truth.size(),
        recall,
        sb.toString().trim(),
        events.size(),
        falseAlarms,
        faPerSeriesDay);
    assertTrue(recall >= 0.6, "recall " + recall);
    assertTrue(faPerSeriesDay <= 0.05, "false alarms per series per day " + faPerSeriesDay);
  }
}
