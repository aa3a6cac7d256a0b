package io.nightshift.jobs.stages;

import static io.nightshift.jobs.Fixtures.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.InputTables;
import io.nightshift.jobs.io.ModelPolicy;
import io.nightshift.jobs.io.ModelStore;
import io.nightshift.jobs.io.OutputWriter;
import io.nightshift.jobs.schema.AnomaliesTable;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.models.anomaly.AnomalyDetectorModel;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The anomalies table: events merged from anomalous points, and the retrain modes. */
@ExtendWith(SparkExtension.class)
class AnomalyStageTest {
  private static final Instant DAY = Instant.parse("2026-06-24T00:00:00Z"); // a Wednesday

  /** A scored point against a baseline of 50 (44 to 56: a sigma of 2). */
  private static Row point(String entity, String ts, double score, double sigmas) {
    return RowFactory.create(
        entity, "cpu", ts(ts), 50.0 + 2 * sigmas, 50.0, 44.0, 56.0, sigmas, score, score);
  }

  @Test
  void mergesConsecutiveAnomalousPointsIntoOneEventPerIncident(SparkSession spark) {
    Dataset<Row> scored =
        spark.createDataFrame(
            List.of(
                point("h1", "2026-06-23T10:00:00Z", 0.95, 9), // before the run date: ignored
                point("h1", "2026-06-24T10:00:00Z", 0.10, 0.5),
                point("h1", "2026-06-24T10:05:00Z", 0.70, 4.0),
                point("h1", "2026-06-24T10:10:00Z", 0.90, 6.5),
                point("h1", "2026-06-24T10:15:00Z", 0.75, 3.5),
                point("h1", "2026-06-24T14:00:00Z", 0.80, -5.0),
                point("h1", "2026-06-24T18:00:00Z", 0.85, 1.2), // a novelty alert near baseline
                point("h2", "2026-06-24T10:10:00Z", 0.20, 1.0)),
            AnomalyDetectorModel.OUTPUT_SCHEMA);
    Dataset<Row> metrics =
        Fixtures.rows(
            spark,
            InputTable.METRICS,
            Fixtures.row(ts("2026-06-24T10:00:00Z"), "h1", "cpu", 1.0, "web", null));
    NightshiftConfig config = NightshiftConfig.load();
    List<Row> events =
        AnomalyStage.events(scored, metrics, DAY, config.anomaly())
            .orderBy(AnomaliesTable.START)
            .collectAsList();
    assertEquals(3, events.size());
    Row first = events.get(0);
    assertEquals("web", first.getAs(AnomaliesTable.SERVICE));
    assertEquals(ts("2026-06-24T10:05:00Z"), first.getAs(AnomaliesTable.START));
    assertEquals(ts("2026-06-24T10:15:00Z"), first.getAs(AnomaliesTable.END));
    assertEquals(ts("2026-06-24T10:10:00Z"), first.getAs(AnomaliesTable.PEAK_TS));
    assertEquals(3L, (long) first.getAs(AnomaliesTable.POINTS));
    assertEquals(0.90, first.getAs(AnomaliesTable.SCORE), 1e-9);
    assertEquals(
        "6.5 sigma above the Wednesday 10:00 baseline", first.getAs(AnomaliesTable.REASON));
    assertEquals(
        "5.0 sigma below the Wednesday 14:00 baseline", events.get(1).getAs(AnomaliesTable.REASON));
    assertEquals(
        "new for this series though only 1.2 sigma above the Wednesday 18:00 baseline",
        events.get(2).getAs(AnomaliesTable.REASON));
    assertEquals(AnomaliesTable.SCHEMA.fieldNames().length, events.get(0).schema().fields().length);
  }

  @Test
  void weeklyModeReusesTheSavedModelAndNightlyModeRefits(SparkSession spark, @TempDir Path dir) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 4 * 288; i++) {
      Timestamp t = Timestamp.from(Instant.parse("2026-06-22T00:00:00Z").plusSeconds(300L * i));
      rows.add(Fixtures.row(t, "h1", "cpu", 50.0 + (i % 7), "web", null));
    }
    Dataset<Row> metrics = Fixtures.rows(spark, InputTable.METRICS, rows.toArray(new Row[0]));
    Path out = dir.resolve("out");
    NightshiftConfig weekly = Fixtures.config(dir, out, "nightshift.anomaly.retrain", "weekly");
    NightshiftConfig nightly = Fixtures.config(dir, out, "nightshift.anomaly.retrain", "nightly");
    Night first = night(spark, weekly, out, metrics, LocalDate.parse("2026-06-23"));
    new OutputWriter(spark, out.toString(), LocalDate.parse("2026-06-23")).commit();
    Night reused = night(spark, weekly, out, metrics, LocalDate.parse("2026-06-25"));
    Night refit = night(spark, nightly, out, metrics, LocalDate.parse("2026-06-25"));
    assertEquals(first.model().uid(), reused.model().uid());
    assertNotEquals(first.model().uid(), refit.model().uid());
    assertEquals(1, reused.model().states().count());
    assertEquals("fitted: no saved model", first.decision().reason());
    assertEquals(
        "reused model of 2026-06-23 (2 days old, retrain every 7 days)",
        reused.decision().reason());
    assertEquals("fitted: retrained every night", refit.decision().reason());
  }

  @Test
  void weeklyModeRefitsWhenTheDetectorSettingsChanged(SparkSession spark, @TempDir Path dir) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 4 * 288; i++) {
      Timestamp t = Timestamp.from(Instant.parse("2026-06-22T00:00:00Z").plusSeconds(300L * i));
      rows.add(Fixtures.row(t, "h1", "cpu", 50.0 + (i % 7), "web", null));
    }
    Dataset<Row> metrics = Fixtures.rows(spark, InputTable.METRICS, rows.toArray(new Row[0]));
    Path out = dir.resolve("out");
    NightshiftConfig weekly = Fixtures.config(dir, out, "nightshift.anomaly.retrain", "weekly");
    night(spark, weekly, out, metrics, LocalDate.parse("2026-06-23"));
    new OutputWriter(spark, out.toString(), LocalDate.parse("2026-06-23")).commit();
    NightshiftConfig changed =
        Fixtures.config(
            dir,
            out,
            "nightshift.anomaly.retrain",
            "weekly",
            "nightshift.anomaly.alertScore",
            weekly.anomaly().detector().alertScore() / 2);
    Night next = night(spark, changed, out, metrics, LocalDate.parse("2026-06-25"));
    assertEquals(ModelPolicy.Kind.FITTED, next.decision().kind());
    assertTrue(
        next.decision().reason().startsWith("fitted: saved model of 2026-06-23 was fitted with "),
        next.decision().reason());
  }

  /**
   * One night's anomaly model and the policy's decision, with the models kept under {@code out}.
   */
  private record Night(AnomalyDetectorModel model, ModelPolicy.Decision decision) {}

  private static Night night(
      SparkSession spark, NightshiftConfig c, Path out, Dataset<Row> metrics, LocalDate day) {
    Instant end = day.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    InputTables inputs =
        new InputTables(Map.of(InputTable.METRICS, metrics), end.minusSeconds(7 * 86400), end);
    ModelStore store =
        new ModelStore(out.toString(), spark.sparkContext().hadoopConfiguration(), day);
    RunContext ctx = new RunContext(spark, c, day, inputs, store);
    AnomalyDetectorModel model =
        AnomalyStage.model(ctx, metrics, end.minusSeconds(86400), c.anomaly());
    return new Night(model, store.decisions().get(0));
  }

  @Test
  void aSavedModelsFingerprintNamesTheDetectorsStateVersionSoAnOlderStateIsRefittedNotMisread() {
    var settings = NightshiftConfig.load().anomaly();
    var spec =
        AnomalyStage.spec(
            settings,
            new io.nightshift.models.anomaly.AnomalyDetector().setSettings(settings.detector()));

    assertEquals(
        String.valueOf(io.nightshift.models.anomaly.SeriesDetector.STATE_VERSION),
        spec.fingerprint().get(AnomalyStage.STATE_VERSION),
        "a model saved before the state changed lacks this entry or holds another value: refitted");
  }
}
