package io.nightshift.jobs.eval;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code eval nab} (not built yet). */
@Command(name = "nab", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class EvalNabCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("nightshift eval nab: not built yet");
    return 1;
  }
}
