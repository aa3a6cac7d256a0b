package io.nightshift.jobs.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.BadConfigException;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code nightshift.stages.skip}: leave stages out of a night, and say so in the manifest. */
@ExtendWith(SparkExtension.class)
class StageSelectionTest {
  private static final LocalDate RUN = LocalDate.parse("2026-06-30");

  @Test
  void skippedStagesWriteNothingTheirReadersRunWithoutThemAndTheManifestListsThem(
      SparkSession spark, @TempDir Path in, @TempDir Path out) throws Exception {
    Fixtures.smallLake(spark, in);
    List<String> skip = new ArrayList<>();
    NightlyPipeline.stages().forEach(s -> skip.add(s.name()));
    skip.removeAll(List.of("situation", "kpis")); // both read tables of skipped stages
    NightshiftConfig cfg =
        Fixtures.config(in, out, "nightshift.stages.skip", String.join(",", skip));

    NightlyRun.Result r = new NightlyRun(spark, cfg).runDate(RUN).execute();

    JsonNode m = new ObjectMapper().readTree(out.resolve("runs/2026-06-30/manifest.json").toFile());
    assertEquals("success", m.get("status").asText());
    assertEquals(2, m.get("stages").size(), "only situation and kpis ran");
    assertEquals("situation", m.get("stages").get(0).get("name").asText());
    assertEquals("kpis", m.get("stages").get(1).get("name").asText());
    assertEquals(skip.size(), m.get("skipped_stages").size());
    assertTrue(r.rows().containsKey("kpis"));
    assertFalse(Files.exists(out.resolve("anomalies")), "a skipped stage writes no table");
    assertFalse(Files.exists(out.resolve("risk_scores")));
  }

  @Test
  void anUnknownStageNameIsABadConfigNamingTheKeyAndTheStages(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    NightshiftConfig cfg = Fixtures.config(in, out, "nightshift.stages.skip", "risk, forecasts");

    BadConfigException e =
        assertThrows(
            BadConfigException.class, () -> new NightlyRun(spark, cfg).runDate(RUN).execute());

    assertTrue(e.getMessage().contains("nightshift.stages.skip"), e.getMessage());
    assertTrue(e.getMessage().contains("'forecasts'"), e.getMessage());
    assertTrue(e.getMessage().contains("capacity_forecast"), e.getMessage());
    assertFalse(Files.exists(out.resolve("runs")), "nothing is started: no lock, no run folder");
  }

  @Test
  void aConfigFileListAndACommandLineStringMeanTheSame(@TempDir Path in, @TempDir Path out) {
    NightshiftConfig fromString =
        Fixtures.config(in, out, "nightshift.stages.skip", "risk,situation");
    NightshiftConfig fromList =
        Fixtures.config(in, out, "nightshift.stages.skip", List.of("risk", "situation"));

    assertEquals(List.of("risk", "situation"), fromString.stages().skip());
    assertEquals(fromList.stages().skip(), fromString.stages().skip());
    assertEquals(List.of(), Fixtures.config(in, out).stages().skip(), "default: run everything");
  }
}
