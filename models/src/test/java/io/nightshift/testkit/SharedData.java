package io.nightshift.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real public data sets ({@code ../shared/data} beside the repository) through one
 * configurable path: the system property {@code nightshift.data.dir}, else the environment variable
 * {@code NIGHTSHIFT_DATA_DIR}, else {@code ../shared/data} relative to the repository. Tests that
 * need a data set call {@link #require(String)}, which skips the test with a clear message where it
 * is absent (a user's clone has no {@code ../shared}); CI has it and runs them.
 */
public final class SharedData {
  private SharedData() {}

  /** The data root, whether or not it exists. */
  public static Path root() {
    String p = System.getProperty("nightshift.data.dir");
    if (p == null || p.isBlank()) {
      p = System.getenv("NIGHTSHIFT_DATA_DIR");
    }
    if (p == null || p.isBlank()) {
      p = repoDir().resolve("../shared/data").toString();
    }
    return Paths.get(p).toAbsolutePath().normalize();
  }

  /**
   * The repository root (system property {@code nightshift.repo.dir}, else found upward from here).
   */
  public static Path repoDir() {
    String p = System.getProperty("nightshift.repo.dir");
    if (p != null && !p.isBlank()) {
      return Paths.get(p).toAbsolutePath().normalize();
    }
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("nightshift"))) {
      dir = dir.getParent();
    }
    return dir == null ? Paths.get("").toAbsolutePath() : dir;
  }

  /**
   * The folder of one data set ({@code nab}, {@code m4-hourly}, {@code loghub-2k}); skips if
   * absent.
   */
  public static Path require(String dataSet) {
    Path dir = root().resolve(dataSet);
    Assumptions.assumeTrue(
        Files.isDirectory(dir),
        () ->
            "SKIPPED: real data set '"
                + dataSet
                + "' not found at "
                + dir
                + " (set -Dnightshift.data.dir or NIGHTSHIFT_DATA_DIR to the shared data folder)");
    return dir;
  }
}
