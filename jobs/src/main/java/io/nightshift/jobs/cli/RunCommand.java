package io.nightshift.jobs.cli;

import io.nightshift.jobs.SparkSessions;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.OutputLayout;
import io.nightshift.jobs.io.RunFiles;
import io.nightshift.jobs.stages.NightlyRun;
import io.nightshift.jobs.stages.RunListeners;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code run}: the nightly job for one date, or a backfill over a range of dates. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run the nightly job: read the look-back window, validate, compute every output, write"
            + " reports, the manifest (runs/<date>/manifest.json) and _SUCCESS. Exit 0 only on full"
            + " success.")
public final class RunCommand implements Callable<Integer> {

  static final class Dates {
    @Option(
        names = "--run-date",
        paramLabel = "YYYY-MM-DD",
        description = "The night to compute (data up to the end of this UTC day).")
    LocalDate runDate;

    @ArgGroup(exclusive = false)
    Range range;
  }

  static final class Range {
    @Option(
        names = "--from",
        required = true,
        paramLabel = "YYYY-MM-DD",
        description = "Backfill start.")
    LocalDate from;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "YYYY-MM-DD",
        description = "Backfill end.")
    LocalDate to;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Dates dates;

  @Option(
      names = "--input",
      paramLabel = "DIR",
      description = "Input root (default: nightshift.input.path, the bundled sample).")
  String input;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      description = "Output root (default: nightshift.output.path = out).")
  String output;

  @Option(names = "--force", description = "In a backfill, re-run dates that already succeeded.")
  boolean force;

  @Option(
      names = "--full",
      description =
          "Recompute every input day instead of reusing the validated days earlier nights kept"
              + " under <output>/state (same answers, slower; the first night of a backfill is"
              + " always full).")
  boolean full;

  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Map<String, Object> extra = new LinkedHashMap<>();
    if (input != null) {
      extra.put("nightshift.input.path", input);
    }
    if (output != null) {
      extra.put("nightshift.output.path", output);
    }
    NightshiftConfig config = common.load(extra);
    LocalDate from = dates.runDate != null ? dates.runDate : dates.range.from;
    LocalDate to = dates.runDate != null ? dates.runDate : dates.range.to;
    if (to.isBefore(from)) {
      throw new ParameterException(spec.commandLine(), "--to must not be before --from");
    }
    boolean backfill = dates.runDate == null;
    SparkSession spark = SparkSessions.start(config.spark());
    PrintStream out = System.out;
    int done = 0;
    int skipped = 0;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      RunFiles files =
          new RunFiles(config.output().path(), d, spark.sparkContext().hadoopConfiguration());
      if (backfill && !force && files.succeeded()) {
        out.println(
            "nightshift run " + d + ": already successful, skipped (use --force to re-run)");
        skipped++;
        continue;
      }
      NightlyRun.Result r;
      try {
        r =
            new NightlyRun(spark, config)
                .runDate(d)
                .full(full)
                .listeners(RunListeners.defaults())
                .execute();
      } catch (RuntimeException e) {
        if (backfill) {
          System.err.printf(
              "nightshift run %s: failed; backfill stopped (%d dates run, %d skipped before it;"
                  + " later dates not attempted)%n",
              d, done, skipped);
        }
        throw e;
      }
      done++;
      out.printf("nightshift run %s: success in %.1f s%n", d, r.seconds());
      r.outputs().forEach((k, v) -> out.printf("  %-22s %9d rows  %s%n", k, r.rows().get(k), v));
      out.println("  manifest:  " + localPath(r.manifestPath()));
      String reports = new OutputLayout(config.output().path()).reports(d);
      out.println("  reports:   " + localPath(reports) + "/index.html");
    }
    if (backfill) {
      out.printf(
          "nightshift run %s..%s: %d dates run, %d skipped as already successful%n",
          from, to, done, skipped);
    }
    return ExitCodes.OK;
  }

  /** A local path as an absolute path; other URIs (hdfs://, s3a://) unchanged. */
  static String localPath(String path) {
    if (path.startsWith("file:")) {
      return Paths.get(path.replaceFirst("^file:(//)?", "")).toAbsolutePath().toString();
    }
    if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return path;
    }
    return Paths.get(path).toAbsolutePath().toString();
  }
}
