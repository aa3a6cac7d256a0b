package io.nightshift.jobs.eval;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code eval risk} (not built yet). */
@Command(name = "risk", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class EvalRiskCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("nightshift eval risk: not built yet");
    return 1;
  }
}
