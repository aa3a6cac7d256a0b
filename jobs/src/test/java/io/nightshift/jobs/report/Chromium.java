package io.nightshift.jobs.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Headless Chromium for tests: screenshots and DOM dumps of local pages. */
final class Chromium {
  private final String binary;

  private Chromium(String binary) {
    this.binary = binary;
  }

  /** The browser on the PATH (chromium, chromium-browser or google-chrome), if any. */
  static Optional<Chromium> find() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : path.split(File.pathSeparator)) {
        File f = new File(dir, name);
        if (f.isFile() && f.canExecute()) {
          return Optional.of(new Chromium(f.getAbsolutePath()));
        }
      }
    }
    return Optional.empty();
  }

  /** Takes a 1280x900 screenshot of {@code page} into {@code png}. */
  void screenshot(Path page, Path png, Path scratch) throws IOException, InterruptedException {
    run(
        scratch,
        "--screenshot=" + png.toAbsolutePath(),
        "--window-size=1280,900",
        page.toUri().toString());
  }

  /** The DOM of {@code page} after the browser parsed it. */
  String dumpDom(Path page, Path scratch) throws IOException, InterruptedException {
    return run(scratch, "--dump-dom", page.toUri().toString());
  }

  private String run(Path scratch, String... args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(scratch, "profile");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile));
    cmd.addAll(List.of(args));
    Path stdout = Files.createTempFile(scratch, "out", ".txt");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(stdout.toFile())
            .redirectError(scratch.resolve("stderr-" + System.nanoTime() + ".txt").toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("chromium timed out on " + String.join(" ", args));
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          "chromium exited with " + p.exitValue() + " on " + String.join(" ", args));
    }
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }
}
