package io.nightshift.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.cli.ExitCodes;
import io.nightshift.jobs.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The {@code generate} command line: documented options and usage errors (no Spark needed). */
class GenerateCommandTest {

  @Test
  void helpDocumentsEveryOption() {
    String help = capture(() -> assertEquals(0, Main.execute("generate", "--help")));
    for (String opt :
        new String[] {
          "--out", "--entities", "--days", "--end", "--seed", "--resolution-minutes", "--log-rate"
        }) {
      assertTrue(help.contains(opt), opt + " missing from:\n" + help);
    }
    assertTrue(help.contains("default: 5"), help);
  }

  @Test
  void rejectsAResolutionThatDoesNotDivideTheDayAsAUsageError() {
    int code =
        Main.execute(
            "generate", "--out", "/tmp/never", "--end", "2026-06-30", "--resolution-minutes", "7");
    assertEquals(ExitCodes.USAGE, code);
  }

  private static String capture(Runnable r) {
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
}
