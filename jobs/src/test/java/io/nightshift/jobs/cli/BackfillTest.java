package io.nightshift.jobs.cli;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.testkit.SparkExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --from --to}: dates in order, already successful dates skipped unless {@code --force};
 * late data for a past date is picked up by re-running it. And the exit codes no other test
 * reaches.
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class BackfillTest {

  private static String[] run(Path in, Path out, String... more) {
    String[] base = {
      "run",
      "--input",
      in.toString(),
      "--output",
      out.toString(),
      "-Dnightshift.input.lookbackDays=7",
      // the date logic is under test, not the models: the stages that only read other stages'
      // outputs are left out (NightlyRunTest runs them all)
      "-Dnightshift.stages.skip=recurring_incident,situation,risk"
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  private static String captureOut(int[] code, String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      code[0] = Main.execute(args);
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  private static long metricsRead(Path out, String date) throws Exception {
    return new ObjectMapper()
        .readTree(out.resolve("runs/" + date + "/manifest.json").toFile())
        .get("inputs")
        .get("metrics")
        .get("read")
        .asLong();
  }

  @Test
  void backfillsInOrderSkipsSuccessfulDatesAndReRunsThemWithForce(
      SparkSession spark, @TempDir Path in, @TempDir Path out) throws Exception {
    Fixtures.smallLake(spark, in);
    int[] code = new int[1];
    String first = captureOut(code, run(in, out, "--from", "2026-06-29", "--to", "2026-06-30"));
    assertEquals(ExitCodes.OK, code[0], first);
    int a = first.indexOf("nightshift run 2026-06-29: success");
    int b = first.indexOf("nightshift run 2026-06-30: success");
    assertTrue(a >= 0 && b > a, first);
    assertTrue(first.contains("2 dates run, 0 skipped"), first);
    assertEquals(3, metricsRead(out, "2026-06-30"));

    // late data for 2026-06-30 lands after its run
    Fixtures.write(
        spark,
        in,
        InputTable.METRICS,
        row(ts("2026-06-30T20:00:00Z"), "h2", "cpu_used_pct", 90.0, "web", 100.0));
    Path success = out.resolve("runs/2026-06-30/_SUCCESS");
    FileTime marked = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
    Files.setLastModifiedTime(success, marked);

    String again = captureOut(code, run(in, out, "--from", "2026-06-29", "--to", "2026-06-30"));
    assertEquals(ExitCodes.OK, code[0], again);
    assertTrue(again.contains("2026-06-29: already successful, skipped"), again);
    assertTrue(again.contains("0 dates run, 2 skipped"), again);
    assertEquals(marked, Files.getLastModifiedTime(success), "not re-run");
    assertEquals(3, metricsRead(out, "2026-06-30"), "late data not seen without a re-run");

    String forced =
        captureOut(code, run(in, out, "--from", "2026-06-30", "--to", "2026-06-30", "--force"));
    assertEquals(ExitCodes.OK, code[0], forced);
    assertTrue(forced.contains("1 dates run, 0 skipped"), forced);
    assertEquals(4, metricsRead(out, "2026-06-30"), "the re-run picked up the late row");
  }

  @Test
  void anUnwritableOutputIsAnUnexpectedFailureExit1(@TempDir Path dir) throws Exception {
    Path notADir = Files.writeString(dir.resolve("a-file"), "x");
    assertEquals(
        ExitCodes.FAILURE,
        Main.execute(run(dir.resolve("in"), notADir.resolve("out"), "--run-date", "2026-06-30")));
  }

  @Test
  void aLockHeldByALiveRunElsewhereExits5(@TempDir Path in, @TempDir Path out) throws Exception {
    Path lock = Files.createDirectories(out.resolve("runs/2026-06-30")).resolve(".lock");
    Files.writeString(lock, "pid=1\nhost=another-host\nstarted=?\ntoken=t\n");
    assertEquals(ExitCodes.LOCKED, Main.execute(run(in, out, "--run-date", "2026-06-30")));
  }

  @Test
  void aBackfillWithToBeforeFromIsAUsageError(@TempDir Path in, @TempDir Path out) {
    assertEquals(
        ExitCodes.USAGE, Main.execute(run(in, out, "--from", "2026-06-30", "--to", "2026-06-29")));
  }
}
