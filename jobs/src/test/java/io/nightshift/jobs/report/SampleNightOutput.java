package io.nightshift.jobs.report;

import io.nightshift.jobs.Fixtures;
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
 * One real night of the bundled sample fleet for the review tests to read: every stage and the
 * report site, as {@code ./nightshift run --run-date 2026-06-30} runs it, with 30 days of look-back
 * and a shorter risk model ({@code nightshift.risk.maxIter} = 15). It runs once per test JVM, at
 * the first review that asks, and is only read afterwards, so the reviews of one suite read the
 * same night. {@code -Dnightshift.review.output=DIR} reviews an existing run's output instead.
 */
final class SampleNightOutput {
  static final LocalDate RUN = LocalDate.parse("2026-06-30");
  private static Path root;

  private SampleNightOutput() {}

  /** The output root of the sample night, run on first use. */
  static synchronized Path root(SparkSession spark) {
    if (root == null) {
      root = given() != null ? given() : run(spark);
    }
    return root;
  }

  private static Path given() {
    String given = System.getProperty("nightshift.review.output");
    return given == null || given.isBlank() ? null : Paths.get(given).toAbsolutePath();
  }

  private static Path run(SparkSession spark) {
    Path fleet = SharedData.repoDir().resolve("data-samples/fleet");
    Assumptions.assumeTrue(Files.isDirectory(fleet.resolve("metrics")), "no sample fleet");
    try {
      Path out = Files.createTempDirectory("nightshift-review");
      new NightlyRun(
              spark,
              Fixtures.config(
                  fleet, out, "nightshift.input.lookbackDays", 30, "nightshift.risk.maxIter", 15))
          .runDate(RUN)
          .listeners(RunListeners.defaults())
          .execute();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
