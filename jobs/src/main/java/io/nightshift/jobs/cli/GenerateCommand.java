package io.nightshift.jobs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code generate} command (not built yet). */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class GenerateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("nightshift generate: not built yet");
    return ExitCodes.FAILURE;
  }
}
