package io.nightshift.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.jobs.SparkSessions;
import io.nightshift.jobs.bench.Benchmark;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.report.ScalingChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench}: the benchmark harness (generate or reuse a fleet, bare scan, full nightly job).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark the nightly job at scale factor S (S=1: 200 entities, 30 days, 5-minute"
            + " metrics). Times a bare scan of one look-back window in the same JVM, then two nights:"
            + " a first (cold) night with nothing kept, and the next date's steady night, which"
            + " reuses the state the first kept (job_seconds, steady_job_seconds); reports each"
            + " stage as a multiple of the scan. Writes DIR/bench.json and prints a table. With --plot FILE and"
            + " the DIRs of earlier runs, draws their scaling plot (SVG) instead.")
public final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--scale",
      paramLabel = "S",
      description = "Scale factor: entities = round(200 * S), at least 2. Required unless --plot.")
  Double scale;

  @Option(
      names = "--plot",
      paramLabel = "FILE",
      description =
          "Write the scaling plot (job and scan seconds against S) of the runs in DIR... to FILE"
              + " (SVG) and exit.")
  Path plot;

  @Parameters(
      paramLabel = "DIR",
      arity = "0..*",
      description = "With --plot: earlier bench output folders (each holds a bench.json).")
  List<Path> runs = new ArrayList<>();

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
          "Days of the run's look-back window (the fleet holds one day more, for the steady"
              + " night). Default: ${DEFAULT-VALUE}.")
  int days;

  @Option(
      names = "--warm",
      description =
          "Run a night before the timed first night (untimed), so it reuses that night's saved"
              + " models and template dictionary (but not its validated input days). Without it"
              + " the timed first night is fully cold.")
  boolean warm;

  @Option(
      names = "--no-steady",
      description = "Time the first (cold) night only, not the next date's steady night after it.")
  boolean noSteady;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Measure N times in this JVM, each a fresh night (nothing reused from the repetition"
              + " before) into DIR/rep-<k>. From the second on, the JVM has compiled its code: the"
              + " difference is what a fresh JVM costs a night. Default: ${DEFAULT-VALUE}.")
  int repeat;

  @Option(
      names = "--end",
      defaultValue = "2026-06-30",
      description =
          "Last day of the fleet: the steady night's run date (the first night is the day"
              + " before). Default: ${DEFAULT-VALUE}.")
  LocalDate end;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    if (plot != null) {
      return plot();
    }
    if (scale == null) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "bench needs --scale S (or --plot FILE DIR...)");
    }
    if (repeat < 1) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--repeat must be at least 1, was " + repeat);
    }
    NightshiftConfig config = common.load(Map.of());
    SparkSession spark = SparkSessions.start(config.spark());
    for (int k = 1; k <= repeat; k++) {
      Path dir = repeat == 1 ? out : out.resolve("rep-" + k);
      if (repeat > 1) {
        System.err.printf("bench: repetition %d of %d into %s%n", k, repeat, dir);
      }
      Benchmark.Result r =
          new Benchmark(spark, common::load)
              .warm(warm)
              .steady(!noSteady)
              .scale(scale)
              .days(days)
              .end(end)
              .out(dir)
              .fleetRoot(data == null ? out : data)
              .progress(System.err::println)
              .execute();
      if (repeat > 1) {
        System.out.printf("repetition %d of %d in this JVM:%n", k, repeat);
      }
      System.out.print(r.table());
      System.out.println("bench.json: " + r.json().toAbsolutePath());
    }
    return ExitCodes.OK;
  }

  private int plot() throws IOException {
    if (runs.isEmpty()) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--plot needs the bench output folders to draw (DIR...)");
    }
    List<ScalingChart.Run> points = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (Path dir : runs) {
      Path file = dir.resolve("bench.json");
      if (!Files.isRegularFile(file)) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "no bench.json in " + dir + " (run bench --out " + dir + ")");
      }
      JsonNode n = json.readTree(file.toFile());
      points.add(
          new ScalingChart.Run(
              n.path("scale").asDouble(),
              n.path("job_seconds").asDouble(),
              n.path("scan_seconds").asDouble()));
    }
    Files.writeString(plot, new ScalingChart(points).render());
    System.out.println("scaling plot: " + plot.toAbsolutePath());
    return ExitCodes.OK;
  }
}
