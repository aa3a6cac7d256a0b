package io.nightshift.jobs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code run} command (not built yet). */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class RunCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("nightshift run: not built yet");
    return ExitCodes.FAILURE;
  }
}
