package io.nightshift.jobs.cli;

import io.nightshift.jobs.eval.EvalForecastCommand;
import io.nightshift.jobs.eval.EvalLogsCommand;
import io.nightshift.jobs.eval.EvalNabCommand;
import io.nightshift.jobs.eval.EvalRiskCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code eval}: measures each model on real, labelled data it was not tuned on. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate a model on a benchmark data set (nab, forecast, logs, risk).",
    subcommands = {
      EvalNabCommand.class,
      EvalForecastCommand.class,
      EvalLogsCommand.class,
      EvalRiskCommand.class
    })
public final class EvalCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
