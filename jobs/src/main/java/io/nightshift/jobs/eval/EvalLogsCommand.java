package io.nightshift.jobs.eval;

import io.nightshift.jobs.cli.CommonOptions;
import io.nightshift.jobs.cli.ExitCodes;
import io.nightshift.jobs.config.LogSettings;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.eval.logs.LeaveOneOut;
import io.nightshift.jobs.eval.logs.LogFormat;
import io.nightshift.jobs.eval.logs.LoghubEvaluation;
import io.nightshift.jobs.eval.logs.ThroughputBench;
import io.nightshift.models.logs.MinerSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code eval logs}: mines the templates of Loghub-style data sets ({@code DIR/<DS>/<DS>_2k.log}),
 * writes {@code OUT/<DS>_2k.log_structured.csv} for each and prints the grouping accuracy where the
 * ground truth is there. One configuration (the {@code nightshift.logs} section) for all.
 */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description =
        "Log template mining on Loghub-style data sets: structured CSV and grouping accuracy.")
public final class EvalLogsCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "Folder of <DS>/<DS>_2k.log data sets.")
  Path data;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Where <DS>_2k.log_structured.csv files go.")
  Path out;

  @Option(
      names = "--datasets",
      split = ",",
      paramLabel = "A,B",
      description = "Data sets to run (default: every <DS> folder holding <DS>_2k.log).")
  List<String> dataSets;

  @Option(
      names = "--format",
      paramLabel = "FMT",
      description =
          "Loghub-style line format, e.g. '<Date> <Time> <Level> <Component>: <Content>' or '<Content>'"
              + " (default: the preset named after the data set in nightshift.logs.formats).")
  String format;

  @Option(
      names = "--throughput-lines",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Also measure single-core mining and assignment speed on N lines built from the data sets.")
  int throughputLines;

  @Option(
      names = "--leave-one-out",
      description =
          "Also choose settings on all data sets but one (a grid around the configured settings,"
              + " mean of GA and PA) and measure the choice on the one left out; prints each fold"
              + " and the mean of the left-out scores.")
  boolean leaveOneOut;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter outW = spec.commandLine().getOut();
    NightshiftConfig config = common.load(Map.of());
    LogSettings logs = config.logs();
    List<String> names = dataSets == null || dataSets.isEmpty() ? discover(data) : dataSets;
    if (names.isEmpty()) {
      err.println("nightshift eval logs: no <DS>/<DS>_2k.log data sets under " + data);
      return ExitCodes.USAGE;
    }
    List<LogFormat> formats = new ArrayList<>();
    for (String ds : names) {
      String f = format != null ? format : logs.format(ds).orElse(null);
      if (f == null) {
        err.println(
            "nightshift eval logs: no line format for data set '"
                + ds
                + "': pass --format (e.g. --format '<Content>') or add nightshift.logs.formats."
                + ds
                + "; presets exist for "
                + logs.formats().keySet());
        return ExitCodes.USAGE;
      }
      try {
        formats.add(LogFormat.parse(f));
      } catch (IllegalArgumentException e) {
        err.println("nightshift eval logs: " + e.getMessage());
        return ExitCodes.USAGE;
      }
    }
    MinerSettings settings = logs.minerSettings();
    LoghubEvaluation eval = new LoghubEvaluation(settings);
    outW.printf(
        "%-12s %6s %9s %9s %8s %8s%n", "dataset", "lines", "unparsed", "templates", "GA", "PA");
    double gaSum = 0;
    double paSum = 0;
    int withTruth = 0;
    for (int i = 0; i < names.size(); i++) {
      LoghubEvaluation.Outcome o = eval.run(data, names.get(i), formats.get(i), out);
      outW.printf(
          "%-12s %6d %9d %9d %8s %8s%n",
          o.dataSet(), o.lines(), o.unparsed(), o.templates(), fmt(o.ga()), fmt(o.pa()));
      if (o.ga().isPresent()) {
        gaSum += o.ga().getAsDouble();
        paSum += o.pa().getAsDouble();
        withTruth++;
      }
    }
    if (withTruth > 0) {
      outW.printf(
          "mean over %d data set(s): GA %.4f, PA %.4f%n",
          withTruth, gaSum / withTruth, paSum / withTruth);
    }
    outW.println("structured CSVs written to " + out.toAbsolutePath());
    if (leaveOneOut && withTruth > 1) {
      printLeaveOneOut(outW, settings, names, formats);
    }
    if (throughputLines > 0) {
      List<String> contents = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        contents.addAll(eval.contents(data, names.get(i), formats.get(i)));
      }
      ThroughputBench.Result r = ThroughputBench.run(settings, contents, throughputLines);
      outW.printf(
          "throughput on %d lines (%d templates), one core: mining %.0f lines/s, assignment %.0f lines/s%n",
          r.lines(), r.templates(), r.miningPerSecond(), r.assignPerSecond());
    }
    outW.flush();
    return ExitCodes.OK;
  }

  private void printLeaveOneOut(
      PrintWriter outW, MinerSettings settings, List<String> names, List<LogFormat> formats) {
    List<LeaveOneOut.DataSet> sets = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      sets.add(new LeaveOneOut.DataSet(names.get(i), formats.get(i)));
    }
    List<LeaveOneOut.Candidate> grid = LeaveOneOut.candidates(settings);
    List<LeaveOneOut.Fold> folds = LeaveOneOut.run(grid, data, sets, out.resolve("leave-one-out"));
    outW.printf(
        "leave-one-out (%d candidate settings, chosen on the other sets by mean of GA and PA):%n",
        grid.size());
    outW.printf("%-12s %8s %8s  %s%n", "left out", "GA", "PA", "chosen on the others");
    double ga = 0;
    double pa = 0;
    for (LeaveOneOut.Fold f : folds) {
      outW.printf("%-12s %8.4f %8.4f  %s%n", f.leftOut(), f.ga(), f.pa(), f.chosen());
      ga += f.ga();
      pa += f.pa();
    }
    outW.printf(
        "mean of left-out scores over %d data set(s): GA %.4f, PA %.4f%n",
        folds.size(), ga / folds.size(), pa / folds.size());
  }

  private static String fmt(java.util.OptionalDouble v) {
    return v.isPresent() ? String.format("%.4f", v.getAsDouble()) : "n/a";
  }

  private static List<String> discover(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> Files.isRegularFile(p.resolve(p.getFileName() + "_2k.log")))
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
