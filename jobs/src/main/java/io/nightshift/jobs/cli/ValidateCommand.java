package io.nightshift.jobs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code validate} command (not built yet). */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class ValidateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("nightshift validate: not built yet");
    return ExitCodes.FAILURE;
  }
}
