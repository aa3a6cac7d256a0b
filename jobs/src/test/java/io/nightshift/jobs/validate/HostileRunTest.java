package io.nightshift.jobs.validate;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.stages.NightlyRun;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Whole nightly runs on hostile input: they complete, and the manifest accounts for every row. */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class HostileRunTest {

  private static JsonNode manifest(Path out, String date) throws Exception {
    return new ObjectMapper().readTree(out.resolve("runs/" + date + "/manifest.json").toFile());
  }

  @Test
  void aDayWithNoDataAtAllCompletesAndSaysSo(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Path in = dir.resolve("in");
    Path out = dir.resolve("out");
    Fixtures.smallLake(spark, in); // data on 2026-06-29 and -30 only
    new NightlyRun(spark, Fixtures.config(in, out))
        .runDate(LocalDate.parse("2026-07-20"))
        .execute();
    assertTrue(Files.exists(out.resolve("runs/2026-07-20/_SUCCESS")));
    JsonNode m = manifest(out, "2026-07-20");
    for (String t : List.of("metrics", "logs", "incidents", "changes")) {
      assertEquals(0, m.get("inputs").get(t).get("read").asLong(), t);
    }
    assertTrue(
        m.get("warnings").toString().contains("input metrics has no partition for the run date"),
        m.get("warnings").toString());
    assertEquals(0, m.get("outputs").get("quarantine").get("rows").asLong());
  }

  @Test
  void skipsAndListsCorruptFilesAndAccountsForEveryRowInPathsWithSpaces(
      SparkSession spark, @TempDir Path dir) throws Exception {
    Path in = dir.resolve("in put");
    Path out = dir.resolve("out put");
    Fixtures.smallLake(spark, in);
    Files.write(in.resolve("logs/dt=2026-06-30/part-garbage.parquet"), "not parquet".getBytes());
    Files.createDirectories(in.resolve("incidents/dt=2026-06-28"));
    Fixtures.write(
        spark,
        in,
        InputTable.METRICS,
        row(ts("2026-06-30T01:00:00Z"), null, "cpu_used_pct", 1.0, "web", 100.0),
        row(ts("2026-06-30T01:00:00Z"), "h1", "cpu_used_pct", Double.NaN, "web", 100.0),
        row(ts("2026-06-29T10:00:00Z"), "h1", "cpu_used_pct", 40.0, "web", 100.0));
    new NightlyRun(spark, Fixtures.config(in, out, "nightshift.validation.skipCorruptFiles", true))
        .runDate(LocalDate.parse("2026-06-30"))
        .execute();

    JsonNode m = manifest(out, "2026-06-30");
    assertEquals("success", m.get("status").asText());
    JsonNode logs = m.get("inputs").get("logs");
    assertEquals(1, logs.get("corrupt_files").size());
    assertTrue(logs.get("corrupt_files").get(0).asText().endsWith("part-garbage.parquet"));
    assertEquals(
        "[\"2026-06-28\"]", m.get("inputs").get("incidents").get("empty_partitions").toString());
    long quarantined = 0;
    for (String t : List.of("metrics", "logs", "incidents", "changes")) {
      JsonNode i = m.get("inputs").get(t);
      assertEquals(i.get("rows_in_files").asLong(), i.get("read").asLong(), t);
      assertEquals(
          i.get("read").asLong(), i.get("accepted").asLong() + i.get("quarantined").asLong(), t);
      quarantined += i.get("quarantined").asLong();
    }
    assertEquals(6, m.get("inputs").get("metrics").get("read").asLong());
    assertEquals(3, m.get("inputs").get("metrics").get("quarantined").asLong());
    assertEquals(quarantined, m.get("outputs").get("quarantine").get("rows").asLong());
    assertEquals(
        quarantined,
        spark.read().parquet(out.resolve("quarantine/run_date=2026-06-30").toString()).count());
  }
}
