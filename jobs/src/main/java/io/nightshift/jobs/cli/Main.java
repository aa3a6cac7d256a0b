package io.nightshift.jobs.cli;

import io.nightshift.jobs.config.BadConfigException;
import io.nightshift.jobs.io.RunLockedException;
import io.nightshift.jobs.validate.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nightshift} launcher's entry point, also the main class for {@code spark-submit}. Maps
 * failures to the documented exit codes ({@link ExitCodes}).
 */
@Command(
    name = "nightshift",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Predictive maintenance for IT operations: the nightly Spark job and its tools.",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      GenerateCommand.class,
      EvalCommand.class,
      BenchCommand.class,
      ImportCommand.class,
      KernelCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:failure (unexpected; retry may help)",
      "2:usage error",
      "3:bad configuration",
      "4:bad input",
      "5:another run for this date holds the lock"
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setUsageHelpAutoWidth(true);
    cl.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          int code = exitCodeOf(ex);
          line.getErr().println("nightshift: " + describe(ex));
          if (code == ExitCodes.FAILURE) {
            ex.printStackTrace(line.getErr());
          }
          return code;
        });
    return cl.execute(args);
  }

  static int exitCodeOf(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof BadConfigException) {
        return ExitCodes.BAD_CONFIG;
      }
      if (t instanceof BadInputException) {
        return ExitCodes.BAD_INPUT;
      }
      if (t instanceof RunLockedException) {
        return ExitCodes.LOCKED;
      }
    }
    return ExitCodes.FAILURE;
  }

  private static String describe(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof BadConfigException
          || t instanceof BadInputException
          || t instanceof RunLockedException) {
        return t.getMessage();
      }
    }
    return ex.toString();
  }
}
