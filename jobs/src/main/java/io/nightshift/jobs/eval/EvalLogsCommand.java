package io.nightshift.jobs.eval;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code eval logs} (not built yet). */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class EvalLogsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("nightshift eval logs: not built yet");
    return 1;
  }
}
