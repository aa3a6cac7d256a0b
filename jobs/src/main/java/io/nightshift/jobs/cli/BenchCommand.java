package io.nightshift.jobs.cli;

import io.nightshift.jobs.SparkSessions;
import io.nightshift.jobs.bench.Benchmark;
import io.nightshift.jobs.config.NightshiftConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench}: the benchmark harness (generate or reuse a fleet, bare scan, full nightly job).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the nightly job at scale factor S (S=1: 200 entities, 30 days, 5-minute metrics).",
      "Times a bare scan of the same inputs in the same JVM and reports each stage as a multiple of it.",
      "Writes DIR/bench.json and prints a table."
    })
public final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--scale",
      required = true,
      paramLabel = "S",
      description = "Scale factor: entities = round(200 * S), at least 2.")
  double scale;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "bench-out",
      description =
          "Where bench.json, the run's outputs and (unless --data) the fleet go. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Reuse fleets under DIR (fleet-s<S>), generating only what is missing. Default: <out>.")
  Path data;

  @Option(
      names = "--days",
      defaultValue = "30",
      description =
          "Days of history in the fleet (and the run's look-back). Default: ${DEFAULT-VALUE}.")
  int days;

  @Option(
      names = "--end",
      defaultValue = "2026-06-30",
      description = "Last day of the fleet; the run date. Default: ${DEFAULT-VALUE}.")
  LocalDate end;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    NightshiftConfig config = common.load(Map.of());
    SparkSession spark = SparkSessions.start(config.spark());
    Benchmark.Result r =
        new Benchmark(spark, config)
            .scale(scale)
            .days(days)
            .end(end)
            .out(out)
            .fleetRoot(data == null ? out : data)
            .progress(System.err::println)
            .execute();
    System.out.print(r.table());
    System.out.println("bench.json: " + r.json().toAbsolutePath());
    return ExitCodes.OK;
  }
}
