package io.nightshift.jobs.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The user-level Jupyter kernelspec named {@code nightshift}: a folder {@code
 * <data-dir>/kernels/nightshift/} holding {@code kernel.json}, whose command is the project's own
 * launcher ({@code nightshift kernel --connection-file {connection_file}}), so the kernel gets the
 * launcher's Java 17, JVM options, driver memory and classpath. The data directory is Jupyter's
 * per-user one: {@code $JUPYTER_DATA_DIR}, else {@code $XDG_DATA_HOME/jupyter}, else {@code
 * ~/.local/share/jupyter} ({@code ~/Library/Jupyter} on macOS).
 */
public final class KernelSpec {
  /** The kernel's name, as notebooks' metadata and {@code --kernel_name} say it. */
  public static final String NAME = "nightshift";

  private KernelSpec() {}

  /** Jupyter's per-user data directory. */
  public static Path userDataDir() {
    String explicit = System.getenv("JUPYTER_DATA_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    Path home = Path.of(System.getProperty("user.home"));
    if (System.getProperty("os.name", "").toLowerCase().contains("mac")) {
      return home.resolve("Library/Jupyter");
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share"))
        .resolve("jupyter");
  }

  /** Writes the kernelspec; returns its folder. */
  public static Path install(Path dataDir, Path launcher) throws IOException {
    Path dir = dataDir.resolve("kernels").resolve(NAME);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("kernel.json"), json(launcher.toAbsolutePath()));
    return dir;
  }

  /** Removes the kernelspec; returns whether there was one. */
  public static boolean uninstall(Path dataDir) throws IOException {
    Path dir = dataDir.resolve("kernels").resolve(NAME);
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    return true;
  }

  static String json(Path launcher) {
    return """
        {
          "argv": [%s, "kernel", "--connection-file", "{connection_file}"],
          "display_name": "Nightshift (Java 17, Spark)",
          "language": "java",
          "interrupt_mode": "message",
          "metadata": {"debugger": false}
        }
        """
        .formatted(quote(launcher.toString()));
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
