package io.nightshift.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.Fixtures;
import io.nightshift.testkit.SparkExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's commands: help, and the documented exit codes. */
@ExtendWith(SparkExtension.class)
class CliTest {

  private static String captureOut(Runnable r) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] cmd :
        new String[][] {
          {"--help"},
          {"run", "--help"},
          {"validate", "--help"},
          {"generate", "--help"},
          {"eval", "--help"},
          {"eval", "nab", "--help"},
          {"eval", "forecast", "--help"},
          {"eval", "logs", "--help"},
          {"eval", "risk", "--help"},
          {"bench", "--help"}
        }) {
      int[] code = new int[1];
      String out = captureOut(() -> code[0] = Main.execute(cmd));
      assertEquals(0, code[0], String.join(" ", cmd));
      assertTrue(out.startsWith("Usage: nightshift"), out);
    }
  }

  @Test
  void aMissingRunDateIsAUsageError() {
    assertEquals(ExitCodes.USAGE, Main.execute("run"));
  }

  @Test
  void aBadConfigValueExitsWith3(@TempDir Path out) {
    assertEquals(
        ExitCodes.BAD_CONFIG,
        Main.execute(
            "run",
            "--run-date",
            "2026-06-30",
            "--output",
            out.toString(),
            "-Dnightshift.input.lookbackDays=-1"));
  }

  @Test
  void aMissingInputTableExitsWith4(@TempDir Path in, @TempDir Path out) {
    assertEquals(
        ExitCodes.BAD_INPUT,
        Main.execute(
            "run",
            "--run-date",
            "2026-06-30",
            "--input",
            in.toString(),
            "--output",
            out.toString()));
  }

  @Test
  void runPrintsWhereTheOutputsAndManifestAre(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Path in = dir.resolve("in with spaces");
    Path out = dir.resolve("out");
    Fixtures.smallLake(spark, in);
    int[] code = new int[1];
    String printed =
        captureOut(
            () ->
                code[0] =
                    Main.execute(
                        "run",
                        "--run-date",
                        "2026-06-30",
                        "--input",
                        in.toString(),
                        "--output",
                        out.toString(),
                        "-Dnightshift.input.lookbackDays=7",
                        "-Dnightshift.stages.skip=recurring_incident,situation,risk"));
    assertEquals(0, code[0]);
    assertTrue(printed.contains("nightshift run 2026-06-30: success"), printed);
    assertTrue(printed.contains("manifest:"), printed);
    assertTrue(Files.exists(out.resolve("runs/2026-06-30/manifest.json")));
  }

  @Test
  void validatePrintsTheAccountingPerTable(SparkSession spark, @TempDir Path in) {
    Fixtures.smallLake(spark, in);
    int[] code = new int[1];
    String printed =
        captureOut(
            () ->
                code[0] =
                    Main.execute("validate", "--input", in.toString(), "--run-date", "2026-06-30"));
    assertEquals(0, code[0]);
    assertTrue(printed.contains("metrics"), printed);
    assertTrue(printed.matches("(?s).*incidents\\s+1\\s+1\\s+1\\s+0.*"), printed);
  }
}
