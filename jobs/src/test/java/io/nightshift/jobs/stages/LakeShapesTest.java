package io.nightshift.jobs.stages;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.validate.BadInputException;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any lake runs the night its tables allow: a stage whose inputs are absent is skipped and named,
 * with the missing table, in the manifest and the morning summary.
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class LakeShapesTest {
  private static final LocalDate RUN = LocalDate.parse("2026-06-30");

  @Test
  void anIncidentsOnlyLakeGetsKpisAndFamiliesAndNamesTheStagesItSkipped(
      SparkSession spark, @TempDir Path in, @TempDir Path out) throws Exception {
    Fixtures.write(
        spark,
        in,
        InputTable.INCIDENTS,
        incident("INC1", "2026-06-29T10:00:00Z"),
        incident("INC2", "2026-06-30T08:00:00Z"));

    NightlyRun.Result r = night(spark, in, out);

    Map<String, String> skipped = skipped(out);
    assertEquals("no input table 'metrics'", skipped.get("anomalies"));
    assertEquals("no input table 'logs'", skipped.get("log_signal"));
    assertEquals("no input table 'metrics'", skipped.get("risk"));
    assertTrue(skipped.containsKey("capacity_forecast"), skipped.toString());
    assertFalse(skipped.containsKey("kpis"), skipped.toString());
    assertTrue(r.rows().get("kpis") > 0, r.rows().toString());
    assertTrue(r.rows().containsKey("incident_families"), r.rows().toString());
    String summary = Files.readString(out.resolve("reports/2026-06-30/index.html"));
    assertTrue(summary.contains("Stages not run tonight"), "the summary names skipped stages");
    assertTrue(summary.contains("no input table &#39;metrics&#39;"), "with the reason");
  }

  @Test
  void aMetricsOnlyLakeGetsAnomaliesAndCapacityAndNoRiskModel(
      SparkSession spark, @TempDir Path in, @TempDir Path out) throws Exception {
    Fixtures.write(
        spark,
        in,
        InputTable.METRICS,
        row(ts("2026-06-29T10:00:00Z"), "h1", "disk_used_pct", 40.0, "web", 100.0),
        row(ts("2026-06-29T11:00:00Z"), "h1", "disk_used_pct", 42.0, "web", 100.0),
        row(ts("2026-06-30T10:00:00Z"), "h1", "disk_used_pct", 50.0, "web", 100.0));

    NightlyRun.Result r = night(spark, in, out);

    Map<String, String> skipped = skipped(out);
    assertEquals("no input table 'incidents'", skipped.get("risk"));
    assertEquals("no input table 'incidents'", skipped.get("recurring_incident"));
    assertEquals("no input table 'incidents'", skipped.get("kpis"));
    assertTrue(r.rows().containsKey("anomalies"), r.rows().toString());
    assertTrue(r.rows().containsKey("capacity_forecast"), r.rows().toString());
    assertFalse(r.rows().containsKey("risk_scores"), r.rows().toString());
  }

  @Test
  void aLakeWithNeitherMetricsNorIncidentsIsRefusedNamingBoth(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Fixtures.write(
        spark, in, InputTable.LOGS, row(ts("2026-06-30T10:00:00Z"), "h1", "web", "INFO", "ok"));

    BadInputException e = assertThrows(BadInputException.class, () -> night(spark, in, out));

    assertTrue(e.getMessage().startsWith("the input has neither 'metrics'"), e.getMessage());
    assertTrue(e.getMessage().contains("nor 'incidents'"), e.getMessage());
  }

  private static NightlyRun.Result night(SparkSession spark, Path in, Path out) {
    NightshiftConfig cfg = Fixtures.config(in, out);
    return new NightlyRun(spark, cfg).runDate(RUN).listeners(RunListeners.defaults()).execute();
  }

  private static Map<String, String> skipped(Path out) throws Exception {
    JsonNode m = new ObjectMapper().readTree(out.resolve("runs/2026-06-30/manifest.json").toFile());
    assertEquals("success", m.get("status").asText());
    Map<String, String> byStage = new LinkedHashMap<>();
    m.get("skipped_stages")
        .forEach(s -> byStage.put(s.get("stage").asText(), s.get("reason").asText()));
    return byStage;
  }

  private static org.apache.spark.sql.Row incident(String id, String opened) {
    return row(
        id,
        "web",
        "h1",
        "SEV2",
        "disk",
        "Disk full on h1",
        ts(opened),
        ts(opened),
        new java.sql.Timestamp(ts(opened).getTime() + 3_600_000L),
        null);
  }
}
