package io.nightshift.jobs.stages.situations;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.config.SituationSettings;
import io.nightshift.jobs.schema.AnomaliesTable;
import io.nightshift.jobs.schema.SituationMembersTable;
import io.nightshift.jobs.schema.SituationsTable;
import io.nightshift.jobs.stages.AnomalyStage;
import io.nightshift.jobs.stages.SituationStage;
import io.nightshift.models.anomaly.AnomalyDetector;
import io.nightshift.testkit.SharedData;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Situations on the bundled sample fleet against its truth (see {@link GroupingQuality}): the
 * anomaly detector scores every series causally from its first point (default settings), its events
 * from 2026-06-04 on (after a day of learning; every planted cascade) are the anomalies, the whole
 * sample's logs, changes and incidents are the other inputs, and the situations are computed over
 * the 27 days at once with the default {@code nightshift.situations} settings. CI floor: pairwise
 * precision and recall >= 0.9 and the planted cause ranked first in >= 80% of the cascades. The
 * printed figures are the ones in docs/situations.md.
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class SituationSampleTest {
  private static final Instant WINDOW_START = Instant.parse("2026-06-03T00:00:00Z");
  private static final Instant FROM = Instant.parse("2026-06-04T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-07-01T00:00:00Z");

  /**
   * The detector's events on the sample (default settings, scored causally from the first point,
   * events from 2026-06-04 on), kept as a fixture so the test runs in seconds rather than minutes;
   * {@code -Dnightshift.situations.detect=true} runs the detector instead and rewrites it.
   */
  private static final Path FIXTURE =
      SharedData.repoDir().resolve("jobs/src/test/resources/situations/sample-anomalies.csv");

  private static void writeFixture(List<Row> events) throws java.io.IOException {
    StringBuilder sb = new StringBuilder(String.join(",", AnomaliesTable.SCHEMA.fieldNames()));
    sb.append('\n');
    for (Row r : events) {
      for (int i = 0; i < r.size(); i++) {
        Object v = r.get(i);
        sb.append(i == 0 ? "" : ",")
            .append(
                v == null
                    ? ""
                    : v instanceof java.sql.Timestamp t ? t.toInstant().toString() : v.toString());
      }
      sb.append('\n');
    }
    Files.createDirectories(FIXTURE.getParent());
    Files.writeString(FIXTURE, sb.toString());
  }

  @Test
  void groupsThePlantedCascadesAndRanksTheirCauseFirst(SparkSession spark) throws Exception {
    Path fleet = SharedData.repoDir().resolve("data-samples/fleet");
    Assumptions.assumeTrue(Files.isDirectory(fleet.resolve("truth")), "no sample fleet truth");
    NightshiftConfig config = NightshiftConfig.load();
    Dataset<Row> metrics = spark.read().parquet(fleet.resolve("metrics").toString());
    Dataset<Row> events;
    if (Boolean.getBoolean("nightshift.situations.detect")) {
      Dataset<Row> scored =
          new AnomalyDetector()
              .setSettings(config.anomaly().detector())
              .untrained(spark)
              .transform(metrics);
      events = AnomalyStage.events(scored, metrics, FROM, config.anomaly()).localCheckpoint();
      writeFixture(events.orderBy("start", "entity", "metric").collectAsList());
    } else {
      events =
          spark.read().schema(AnomaliesTable.SCHEMA).option("header", true).csv(FIXTURE.toString());
    }
    Dataset<Row> logs = spark.read().parquet(fleet.resolve("logs").toString());
    Dataset<Row> changes = spark.read().parquet(fleet.resolve("changes").toString());
    Dataset<Row> incidents = spark.read().parquet(fleet.resolve("incidents").toString());
    SituationStage.Inputs in =
        new SituationStage.Inputs(
            events,
            Optional.empty(),
            logs,
            metrics.select(col("service")).union(logs.select(col("service"))).distinct(),
            Optional.of(changes),
            incidents,
            Optional.empty(),
            WINDOW_START,
            FROM,
            TO);

    SituationSettings settings = config.situations();
    long t0 = System.nanoTime();
    Map<String, Dataset<Row>> out = SituationStage.compute(in, settings);
    List<Row> members = out.get(SituationMembersTable.NAME).collectAsList();
    List<Row> situations = out.get(SituationsTable.NAME).collectAsList();
    System.out.printf("  situations computed in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    Path truth = fleet.resolve("truth");
    GroupingQuality.Figures figures =
        new GroupingQuality(truth, false, false).score(members, situations);
    System.out.println("situations on the sample (default settings): " + figures);
    System.out.println(
        "  per detected event: "
            + new GroupingQuality(truth, false, true).score(members, situations));
    System.out.println(
        "  strict truth (incident impacts and precursor ramps as separate anomalies): "
            + new GroupingQuality(truth, true, false).score(members, situations));
    if (Boolean.getBoolean("nightshift.situations.variants")) {
      Map<String, Dataset<Row>> noDeps =
          SituationStage.compute(in, settings.withLearnDependencies(false));
      System.out.println(
          "  without learned dependencies: "
              + new GroupingQuality(truth, false, false)
                  .score(
                      noDeps.get(SituationMembersTable.NAME).collectAsList(),
                      noDeps.get(SituationsTable.NAME).collectAsList()));
    }

    assertTrue(figures.precision() >= 0.9, "pairwise precision " + figures.precision());
    assertTrue(figures.recall() >= 0.9, "pairwise recall " + figures.recall());
    assertTrue(figures.causeAccuracy() >= 0.8, "cause ranked first " + figures.causeAccuracy());
  }
}
