package io.nightshift.jobs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code bench} command (not built yet). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class BenchCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("nightshift bench: not built yet");
    return ExitCodes.FAILURE;
  }
}
