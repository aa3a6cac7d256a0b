package io.nightshift.jobs.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.RunLockedException;
import io.nightshift.testkit.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One night end to end: outputs partitioned by run date, a manifest that accounts for every row,
 * _SUCCESS. (Re-running a night into the same output, every table and report compared, is {@link
 * RerunIdempotenceTest}.)
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class NightlyRunTest {
  private static final LocalDate RUN = LocalDate.parse("2026-06-30");

  @Test
  void writesOutputsManifestAndSuccessMarker(
      SparkSession spark, @TempDir Path in, @TempDir Path out) throws IOException {
    Fixtures.smallLake(spark, in);
    NightshiftConfig cfg = Fixtures.config(in, out);
    NightlyRun.Result r = new NightlyRun(spark, cfg).runDate(RUN).execute();

    Path runDir = out.resolve("runs/2026-06-30");
    assertTrue(Files.exists(runDir.resolve("_SUCCESS")));
    assertFalse(Files.exists(runDir.resolve(".lock")), "the lock is released");
    JsonNode m = new ObjectMapper().readTree(runDir.resolve("manifest.json").toFile());
    assertEquals("success", m.get("status").asText());
    for (String input : List.of("metrics", "logs", "incidents", "changes")) {
      JsonNode i = m.get("inputs").get(input);
      assertEquals(
          i.get("read").asLong(),
          i.get("accepted").asLong() + i.get("quarantined").asLong(),
          "read = accepted + quarantined for " + input);
    }
    assertEquals(3, m.get("inputs").get("metrics").get("read").asLong());
    JsonNode kpis = m.get("outputs").get("kpis");
    assertTrue(kpis.get("path").asText().endsWith("kpis/run_date=2026-06-30"));
    assertEquals(r.rows().get("kpis").longValue(), kpis.get("rows").asLong());
    assertTrue(Files.isDirectory(out.resolve("kpis/run_date=2026-06-30")));
    assertTrue(m.get("config").get("input").get("lookbackDays").asInt() == 7);
    assertTrue(m.get("stages").size() >= 1);
  }

  @Test
  void refusesASecondRunOfTheSameDateWhileTheFirstHoldsTheLock(
      SparkSession spark, @TempDir Path in, @TempDir Path out) throws IOException {
    Fixtures.smallLake(spark, in);
    Path lock = out.resolve("runs/2026-06-30/.lock");
    Files.createDirectories(lock.getParent());
    Files.writeString(lock, "12345 now");
    NightshiftConfig cfg = Fixtures.config(in, out);
    RunLockedException e =
        assertThrows(
            RunLockedException.class, () -> new NightlyRun(spark, cfg).runDate(RUN).execute());
    assertTrue(
        e.getMessage().startsWith("another run for 2026-06-30 holds the lock"), e.getMessage());
    assertFalse(Files.exists(out.resolve("runs/2026-06-30/_SUCCESS")));
  }
}
