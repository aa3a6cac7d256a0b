package io.nightshift.jobs;

import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.stages.NightlyRun;
import io.nightshift.jobs.stages.RunListeners;
import io.nightshift.testkit.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;

/**
 * One real night of the bundled sample fleet, shared by the tests that only read it (the page
 * reviews) or compare their own runs with it (re-run idempotence): every stage and the report site,
 * as {@code ./nightshift run --run-date 2026-06-30} runs it, with 30 days of look-back and a
 * shorter risk model ({@code nightshift.risk.maxIter} = 15). It runs once per test JVM, into a
 * fresh output root, at the first test that asks; nothing writes to it afterwards.
 */
public final class SampleFleetNight {
  public static final LocalDate RUN = LocalDate.parse("2026-06-30");
  private static Path root;

  private SampleFleetNight() {}

  /** The bundled sample fleet (the calling test is skipped when it is absent). */
  public static Path fleet() {
    Path fleet = SharedData.repoDir().resolve("data-samples/fleet");
    Assumptions.assumeTrue(Files.isDirectory(fleet.resolve("metrics")), "no sample fleet");
    return fleet;
  }

  /** The night's settings: 30 days of look-back, 15 trees per risk model. */
  public static NightshiftConfig config(Path input, Path output) {
    return Fixtures.config(
        input, output, "nightshift.input.lookbackDays", 30, "nightshift.risk.maxIter", 15);
  }

  /** Runs the sample night with {@link #config} into {@code out}, as the launcher does. */
  public static void run(SparkSession spark, Path out) {
    new NightlyRun(spark, config(fleet(), out))
        .runDate(RUN)
        .listeners(RunListeners.defaults())
        .execute();
  }

  /** The output root of the shared sample night, run on first use. Read it; never write to it. */
  public static synchronized Path output(SparkSession spark) {
    if (root == null) {
      try {
        Path out = Files.createTempDirectory("nightshift-sample-night");
        run(spark, out);
        root = out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  /**
   * What a review reads: the output given with {@code -Dnightshift.review.output=DIR} (an existing
   * run's, e.g. of {@code ./nightshift run --run-date 2026-06-30}), else {@link #output}.
   */
  public static Path reviewed(SparkSession spark) {
    String given = System.getProperty("nightshift.review.output");
    return given == null || given.isBlank() ? output(spark) : Paths.get(given).toAbsolutePath();
  }
}
