package io.nightshift.jobs.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.ModelStore;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models go through the night's staging and commit like tables: a night that dies after a stage
 * fitted its model leaves no model at the final path (later stages of that night read it from
 * staging); a night that completes commits it; the manifest says, per model, what the policy
 * decided and why.
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class ModelLifecycleTest {
  private static final LocalDate RUN = LocalDate.parse("2026-06-30");

  /** A later stage that looks up tonight's anomaly model, then dies before the night commits. */
  private static final class DyingStage implements NightlyStage {
    private final AtomicReference<Optional<ModelStore.Saved>> seen;

    DyingStage(AtomicReference<Optional<ModelStore.Saved>> seen) {
      this.seen = seen;
    }

    @Override
    public String name() {
      return "dying";
    }

    @Override
    public Map<String, Dataset<Row>> compute(RunContext ctx) {
      seen.set(ctx.models().latestOnOrBefore(AnomalyStage.MODEL, ctx.runDate()));
      throw new IllegalStateException("the night dies here");
    }
  }

  private static JsonNode manifest(Path out, String date) throws Exception {
    return new ObjectMapper().readTree(out.resolve("runs/" + date + "/manifest.json").toFile());
  }

  @Test
  void aNightThatDiesAfterFittingItsModelLeavesNoModelAtTheFinalPath(
      SparkSession spark, @TempDir Path in, @TempDir Path out) throws Exception {
    Fixtures.smallLake(spark, in);
    NightshiftConfig cfg = Fixtures.config(in, out, "nightshift.anomaly.retrain", "nightly");
    AtomicReference<Optional<ModelStore.Saved>> seen = new AtomicReference<>();
    IllegalStateException died =
        assertThrows(
            IllegalStateException.class,
            () ->
                new NightlyRun(spark, cfg)
                    .runDate(RUN)
                    .stages(List.of(new AnomalyStage(), new DyingStage(seen)))
                    .execute());
    assertEquals("the night dies here", died.getMessage());

    Path staged = out.resolve("_staging/run_date=2026-06-30/_models/anomaly");
    assertTrue(Files.isDirectory(staged.resolve("metadata")), "the model was fitted and staged");
    assertEquals(
        Optional.of(new ModelStore.Saved(staged.toString(), RUN)),
        seen.get(),
        "a later stage of the same night finds tonight's model in staging");
    assertFalse(Files.exists(out.resolve("models")), "no model at a final path");
    assertFalse(Files.exists(out.resolve("runs/2026-06-30/_SUCCESS")));

    new NightlyRun(spark, cfg).runDate(RUN).stages(List.of(new AnomalyStage())).execute();
    assertTrue(Files.isDirectory(out.resolve("models/anomaly/run_date=2026-06-30/metadata")));
    assertTrue(
        Files.exists(out.resolve("models/anomaly/run_date=2026-06-30/" + ModelStore.FINGERPRINT)));
    assertFalse(Files.exists(out.resolve("_staging/run_date=2026-06-30")), "staging cleared");
    JsonNode model = manifest(out, "2026-06-30").get("models").get(0);
    assertEquals("anomaly", model.get("name").asText());
    assertEquals("fitted", model.get("decision").asText());
    assertEquals("2026-06-30", model.get("saved_run_date").asText());
    assertEquals("fitted: retrained every night", model.get("reason").asText());
  }

  @Test
  void theNextNightsStreamOnFromTheModelCarriedForwardUntilItsScheduleEnds(
      SparkSession spark, @TempDir Path in, @TempDir Path out) throws Exception {
    Fixtures.smallLake(spark, in);
    NightshiftConfig weekly = Fixtures.config(in, out, "nightshift.anomaly.retrain", "weekly");
    List<NightlyStage> anomalies = List.of(new AnomalyStage());
    for (int night = 0; night < 3; night++) {
      new NightlyRun(spark, weekly).runDate(RUN.plusDays(night)).stages(anomalies).execute();
    }

    JsonNode first = manifest(out, "2026-06-30").get("models").get(0);
    assertEquals("fitted: no saved model", first.get("reason").asText());
    JsonNode second = manifest(out, "2026-07-01").get("models").get(0);
    assertEquals("reused", second.get("decision").asText());
    assertEquals("2026-06-30", second.get("saved_run_date").asText());
    assertEquals(
        "reused model of 2026-06-30 (1 day old, retrain every 7 days)",
        second.get("reason").asText());
    assertTrue(
        Files.isDirectory(out.resolve("models/anomaly/run_date=2026-07-01/metadata")),
        "the reused detector, having learned 2026-06-30, is kept for the next night");
    assertEquals(
        "2026-06-30",
        new ObjectMapper()
            .readTree(
                out.resolve("models/anomaly/run_date=2026-07-01/" + ModelStore.LINEAGE).toFile())
            .get("fitted_on")
            .asText());
    JsonNode third = manifest(out, "2026-07-02").get("models").get(0);
    assertEquals("2026-07-01", third.get("saved_run_date").asText());
    assertEquals(
        "reused model of 2026-07-01 (fitted 2026-06-30, 2 days old, retrain every 7 days)",
        third.get("reason").asText(),
        "the age counts from the fit, so carrying does not postpone the weekly retraining");
  }
}
