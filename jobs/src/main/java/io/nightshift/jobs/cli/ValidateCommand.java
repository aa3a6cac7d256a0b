package io.nightshift.jobs.cli;

import io.nightshift.jobs.SparkSessions;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.TableReader;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.validate.InputLoader;
import io.nightshift.jobs.validate.Validation;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code validate}: checks the input contract for a window and prints what would be quarantined.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Validate the input for one run date's look-back window without computing anything: schema"
            + " errors fail (exit 4, naming the file and column); bad rows are counted by quarantine"
            + " reason.")
public final class ValidateCommand implements Callable<Integer> {
  @Option(
      names = "--input",
      paramLabel = "DIR",
      description = "Input root (default: nightshift.input.path).")
  String input;

  @Option(
      names = "--run-date",
      paramLabel = "YYYY-MM-DD",
      description = "End of the window to check (default: today, UTC).")
  LocalDate runDate;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    Map<String, Object> extra = new LinkedHashMap<>();
    if (input != null) {
      extra.put("nightshift.input.path", input);
    }
    NightshiftConfig config = common.load(extra);
    LocalDate d = runDate != null ? runDate : LocalDate.now(ZoneOffset.UTC);
    SparkSession spark = SparkSessions.start(config.spark());
    InputLoader loader = new InputLoader(spark, config);
    InputLoader.Loaded loaded = loader.load(d);
    System.out.printf(
        "nightshift validate: %s, window %s .. %s%n", config.input().path(), loader.firstDay(d), d);
    System.out.printf(
        "  %-10s %6s %12s %12s %12s  %s%n",
        "table", "parts", "read", "accepted", "quarantined", "by reason");
    for (InputTable t : InputTable.values()) {
      TableReader.RawTable r = loaded.raw().get(t);
      Validation.Outcome o = loaded.outcomes().get(t);
      if (o == null) {
        System.out.printf("  %-10s absent (optional)%n", t.tableName());
        continue;
      }
      System.out.printf(
          "  %-10s %6d %12d %12d %12d  %s%n",
          t.tableName(),
          r.partitions().size(),
          o.read(),
          o.acceptedCount(),
          o.quarantinedRows(),
          o.quarantinedByReason());
      if (!r.corruptFiles().isEmpty()) {
        System.out.println("    skipped corrupt files: " + r.corruptFiles());
      }
      if (!InputLoader.emptyPartitions(r).isEmpty()) {
        System.out.println("    empty partitions: " + InputLoader.emptyPartitions(r));
      }
    }
    loaded.release();
    return ExitCodes.OK;
  }
}
