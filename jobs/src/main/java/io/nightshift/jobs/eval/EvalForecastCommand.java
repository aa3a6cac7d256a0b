package io.nightshift.jobs.eval;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code eval forecast} (not built yet). */
@Command(name = "forecast", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class EvalForecastCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("nightshift eval forecast: not built yet");
    return 1;
  }
}
