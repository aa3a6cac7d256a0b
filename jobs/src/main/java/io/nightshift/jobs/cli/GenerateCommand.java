package io.nightshift.jobs.cli;

import io.nightshift.jobs.SparkSessions;
import io.nightshift.jobs.generate.FleetGenerator;
import io.nightshift.jobs.generate.GeneratorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code generate} command: writes a realistic sample fleet (metrics, logs, incidents, changes)
 * with its ground truth, deterministically from a seed, generated in parallel by Spark.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Generate a realistic sample fleet with known ground truth, as Parquet partitioned by day:"
            + " OUT/metrics, OUT/logs, OUT/incidents, OUT/changes (dt=YYYY-MM-DD/part-*.parquet) and"
            + " OUT/truth/*.csv. The same options always give identical data.")
public final class GenerateCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description =
          "Output root; its metrics, logs, incidents, changes and truth folders are replaced.")
  Path out;

  @Option(
      names = "--entities",
      defaultValue = "24",
      paramLabel = "N",
      description =
          "Number of hosts (host-001 ...), spread over 8 services (default: ${DEFAULT-VALUE}).")
  int entities;

  @Option(
      names = "--days",
      defaultValue = "28",
      paramLabel = "D",
      description = "Number of days, ending with --end (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--end",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "Last day of the generated window (UTC), e.g. 2026-06-30.")
  LocalDate end;

  @Option(
      names = "--seed",
      defaultValue = "7",
      paramLabel = "S",
      description =
          "Random seed; same seed and options give identical rows (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--resolution-minutes",
      defaultValue = "" + GeneratorOptions.DEFAULT_RESOLUTION_MINUTES,
      paramLabel = "M",
      description = "Minutes between metric samples, dividing 1440 (default: ${DEFAULT-VALUE}).")
  int resolutionMinutes;

  @Option(
      names = "--log-rate",
      defaultValue = "" + GeneratorOptions.DEFAULT_LOG_RATE,
      paramLabel = "R",
      description =
          "Mean background log lines per host and minute, following the daily load cycle;"
              + " planted bursts come on top (default: ${DEFAULT-VALUE}).")
  double logRate;

  @Override
  public Integer call() throws IOException {
    GeneratorOptions o;
    try {
      o =
          new GeneratorOptions(
              out.toString(), entities, days, end, seed, resolutionMinutes, logRate);
    } catch (IllegalArgumentException e) {
      System.err.println("nightshift generate: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    long t0 = System.nanoTime();
    System.out.printf(
        "nightshift generate: %d hosts x %d days ending %s, seed %d, %d-minute metrics, %.2f log"
            + " lines per host-minute -> %s%n",
        entities, days, end, seed, resolutionMinutes, logRate, out.toAbsolutePath());
    SparkSession spark = SparkSessions.start(common.load(Map.of()).spark());
    FleetGenerator.Result r =
        new FleetGenerator(spark).options(o).progress(System.out::println).execute();
    System.out.printf("done in %.1f s. Wrote:%n", (System.nanoTime() - t0) / 1e9);
    for (Map.Entry<String, Long> e : r.rows().entrySet()) {
      Path p = out.resolve(e.getKey());
      System.out.printf(
          "  %-10s %,12d rows  %4d files  %8.2f MB  %s%n",
          e.getKey(), e.getValue(), files(p), bytes(p) / 1e6, p);
    }
    Path truth = out.resolve("truth");
    System.out.printf(
        "  %-10s %12s  %4d files  %8.2f MB  %s%n",
        "truth", "", files(truth), bytes(truth) / 1e6, truth);
    return ExitCodes.OK;
  }

  private static long files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !p.getFileName().toString().startsWith("_"))
          .count();
    }
  }

  private static long bytes(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .sum();
    }
  }
}
