package io.nightshift.jobs.cli;

import io.nightshift.jobs.kernel.KernelSpec;
import io.nightshift.jobs.kernel.NightshiftKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kernel}: installs, removes or serves the {@code nightshift} Jupyter kernel. */
@Command(
    name = "kernel",
    mixinStandardHelpOptions = true,
    description = {
      "The 'nightshift' Jupyter kernel: Java cells (JShell) with Nightshift and a local Spark on the"
          + " classpath, for the notebooks in notebooks/. --install registers it for this user"
          + " (Jupyter itself comes from your OS packages, e.g. Debian's jupyter-notebook,"
          + " jupyter-nbconvert, python3-nbclient, python3-ipykernel); --uninstall removes it."
    })
public final class KernelCommand implements Callable<Integer> {

  static final class Action {
    @Option(names = "--install", description = "Register the kernelspec for this user.")
    boolean install;

    @Option(names = "--uninstall", description = "Remove the kernelspec.")
    boolean uninstall;

    @Option(
        names = "--connection-file",
        paramLabel = "FILE",
        description = "Serve a Jupyter connection (what Jupyter runs; not for people).",
        hidden = true)
    Path connectionFile;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Action action;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Jupyter data directory (default: $JUPYTER_DATA_DIR, else ~/.local/share/jupyter).")
  Path dataDir;

  @Option(
      names = "--launcher",
      paramLabel = "FILE",
      description = "The nightshift launcher the kernel runs (default: this installation's).")
  Path launcher;

  @Override
  public Integer call() throws Exception {
    Path data = dataDir != null ? dataDir : KernelSpec.userDataDir();
    if (action.connectionFile != null) {
      NightshiftKernel.serve(action.connectionFile);
      return ExitCodes.OK;
    }
    if (action.uninstall) {
      boolean removed = KernelSpec.uninstall(data);
      System.out.println(
          removed
              ? "nightshift kernel removed from " + data.resolve("kernels")
              : "no nightshift kernel in " + data.resolve("kernels"));
      return ExitCodes.OK;
    }
    Path spec = KernelSpec.install(data, launcher());
    System.out.println("nightshift kernel installed: " + spec.resolve("kernel.json"));
    System.out.println(
        "open the notebooks with: NIGHTSHIFT_OUT=<output root> jupyter notebook notebooks/");
    return ExitCodes.OK;
  }

  private Path launcher() {
    if (launcher != null) {
      return launcher;
    }
    String home = System.getProperty("nightshift.home");
    Path p = Path.of(home != null ? home : ".").resolve("nightshift").toAbsolutePath().normalize();
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException(
          "cannot find the nightshift launcher at " + p + "; pass --launcher");
    }
    return p;
  }
}
