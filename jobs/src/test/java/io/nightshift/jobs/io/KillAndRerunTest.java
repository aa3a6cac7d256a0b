package io.nightshift.jobs.io;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.cli.ExitCodes;
import io.nightshift.jobs.cli.Main;
import io.nightshift.jobs.cluster.ChildJvm;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.stages.NightlyRun;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL in the middle of writing (in a child JVM) leaves the previous outputs
 * untouched and no {@code _SUCCESS}; while it runs, a second run of the date is refused (from
 * another process, exit 5); the next run takes over the dead run's lock at once, picks up
 * late-arriving data and completes; running it again gives row-identical outputs.
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class KillAndRerunTest {
  private static final LocalDate RUN = LocalDate.parse("2026-06-30");
  private static final String LIGHT_SKIP = "recurring_incident,situation,risk";

  /** Every row of every committed output table of the run date, as sorted text. */
  static Map<String, List<String>> snapshot(SparkSession spark, Path out) throws Exception {
    Map<String, List<String>> m = new TreeMap<>();
    try (var tables = Files.list(out)) {
      for (Path t : tables.toList()) {
        Path part = t.resolve("run_date=" + RUN);
        if (!t.getFileName().toString().startsWith("_") && Files.isDirectory(part)) {
          m.put(
              t.getFileName().toString(),
              spark.read().parquet(part.toString()).collectAsList().stream()
                  .map(Row::toString)
                  .sorted()
                  .toList());
        }
      }
    }
    return m;
  }

  @Test
  void aRunKilledMidWriteLeavesThePreviousOutputsAndTheNextRunCompletes(
      SparkSession spark, @TempDir Path dir) throws Exception {
    Path in = dir.resolve("in");
    Path out = dir.resolve("out");
    Path success = out.resolve("runs/2026-06-30/_SUCCESS");
    Fixtures.smallLake(spark, in);
    // The model stages that only read other stages' outputs are left out: what is tested here is
    // the commit protocol, which every stage's tables go through alike (NightlyRunTest runs them
    // all).
    NightshiftConfig cfg = Fixtures.config(in, out, "nightshift.stages.skip", LIGHT_SKIP);
    new NightlyRun(spark, cfg).runDate(RUN).execute();
    Map<String, List<String>> good = snapshot(spark, out);
    assertTrue(good.keySet().containsAll(List.of("kpis", "quarantine")), good.keySet().toString());

    // late data lands in the run date's partitions after the first run
    Fixtures.write(
        spark,
        in,
        InputTable.METRICS,
        row(ts("2026-06-30T11:00:00Z"), "h3", "cpu_used_pct", 60.0, "api", 100.0));
    Fixtures.write(
        spark,
        in,
        InputTable.INCIDENTS,
        row(
            "INC2",
            "api",
            "h3",
            "SEV1",
            "cpu",
            "CPU saturated",
            ts("2026-06-30T11:00:00Z"),
            ts("2026-06-30T11:05:00Z"),
            ts("2026-06-30T12:00:00Z"),
            null));

    Path marker = dir.resolve("writing");
    List<String> cmd =
        ChildJvm.javaCommand(
            "1g",
            PausedRunMain.class.getName(),
            in.toString(),
            out.toString(),
            RUN.toString(),
            marker.toString());
    long childPid;
    try (ChildJvm child = ChildJvm.start("paused run", cmd, dir.resolve("child.log"), Map.of())) {
      childPid = child.pid();
      child.await("output being written", () -> Files.exists(marker), Duration.ofMinutes(5));

      RunLockedException locked =
          assertThrows(
              RunLockedException.class, () -> new NightlyRun(spark, cfg).runDate(RUN).execute());
      assertTrue(
          locked.getMessage().startsWith("another run for 2026-06-30 holds the lock"),
          locked.getMessage());
      assertTrue(locked.getMessage().contains("pid " + childPid + " on "), locked.getMessage());
      assertEquals(
          ExitCodes.LOCKED,
          Main.execute(
              "run",
              "--run-date",
              RUN.toString(),
              "--input",
              in.toString(),
              "--output",
              out.toString(),
              "-Dnightshift.input.lookbackDays=7"));

      child.kill(); // kill -9 while a task is writing the last output
      assertFalse(child.process().isAlive());
    }

    assertFalse(Files.exists(success), "a killed run leaves no _SUCCESS");
    assertTrue(
        Files.isDirectory(out.resolve("_staging/run_date=2026-06-30/paused")),
        "the run was killed while writing its staged output");
    assertEquals(good, snapshot(spark, out), "the previous outputs are untouched");
    assertTrue(
        Files.readString(out.resolve("runs/2026-06-30/.lock")).contains("pid=" + childPid),
        "the dead run's lock is still there");

    // the next run takes over the dead process's lock (without waiting lockStaleMinutes)
    NightlyRun.Result r = new NightlyRun(spark, cfg).runDate(RUN).execute();
    assertTrue(Files.exists(success));
    assertFalse(Files.exists(out.resolve("_staging/run_date=2026-06-30")), "staging cleared");
    assertFalse(Files.exists(out.resolve("runs/2026-06-30/.lock")), "lock released");
    Map<String, List<String>> fresh = snapshot(spark, out);
    assertEquals(good.keySet(), fresh.keySet());
    assertNotEquals(good.get("kpis"), fresh.get("kpis"), "the late data is in the new KPIs");
    JsonNode m = new ObjectMapper().readTree(Path.of(r.manifestPath()).toFile());
    assertEquals(4, m.get("inputs").get("metrics").get("read").asLong());
    assertEquals(2, m.get("inputs").get("incidents").get("accepted").asLong());

    // idempotent: the same date again gives row-identical outputs
    new NightlyRun(spark, cfg).runDate(RUN).execute();
    assertEquals(fresh, snapshot(spark, out));
  }
}
