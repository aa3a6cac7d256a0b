package io.nightshift.jobs.cli;

import io.nightshift.jobs.SparkSessions;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.imports.ExportCsv;
import io.nightshift.jobs.imports.GenericCsvImport;
import io.nightshift.jobs.imports.ImportWriter;
import io.nightshift.jobs.imports.ServiceNowImport;
import io.nightshift.jobs.imports.SmartImport;
import io.nightshift.jobs.schema.InputTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code import}: turns a tool's export into the input contract (day-partitioned Parquet), as a
 * Spark job, and prints what it wrote and what it refused.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Turn a tool's CSV export into the input contract: day-partitioned Parquet under"
            + " <output>/<table>/dt=YYYY-MM-DD/ (days present in the export are replaced, others"
            + " kept). Rows that cannot enter the contract are refused, counted by reason and kept"
            + " as JSON under <output>/_refused/<table>/. Then: ./nightshift run --input <output>"
            + " --run-date D",
    subcommands = {
      ImportCommand.ServiceNow.class,
      ImportCommand.Smart.class,
      ImportCommand.Csv.class
    })
public final class ImportCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Options every import takes. */
  static final class Source {
    @Option(
        names = "--csv",
        required = true,
        paramLabel = "FILE",
        description = "The export (a file or a folder of CSV files with one header each).")
    String csv;

    @Option(
        names = "--output",
        required = true,
        paramLabel = "DIR",
        description = "Input lake to write (the --input of run).")
    String output;

    @Option(
        names = "--null",
        paramLabel = "TEXT",
        defaultValue = "?",
        description =
            "The export's spelling of a missing value besides empty (default: ${DEFAULT-VALUE}).")
    String nullValue;

    @Option(
        names = "--time-format",
        paramLabel = "PATTERN",
        split = ",",
        description = {
          "Timestamp patterns to try, in order (Spark datetime patterns). Default: ISO forms,",
          "then day-first d/M/yyyy H:mm[:ss] (13/07/2016 08:47). Times are UTC."
        })
    List<String> timeFormats;

    @Mixin CommonOptions common;

    ExportCsv read(SparkSession spark) {
      return ExportCsv.read(
          spark,
          csv,
          nullValue,
          timeFormats == null || timeFormats.isEmpty()
              ? ExportCsv.DEFAULT_TIME_FORMATS
              : timeFormats);
    }

    SparkSession start() {
      NightshiftConfig config = common.load(Map.of());
      return SparkSessions.start(config.spark());
    }

    int report(String kind, List<ImportWriter.Written> written) {
      System.out.printf("nightshift import %s: %s -> %s%n", kind, csv, output);
      written.forEach(w -> System.out.println(w.describe()));
      if (!written.stream().allMatch(w -> w.refused().isEmpty())) {
        System.out.println("  refused rows, with their reason: " + output + "/_refused/");
      }
      return 0;
    }
  }

  /** {@code import servicenow}. */
  @Command(
      name = "servicenow",
      header = "A ServiceNow incident export (table or event log) as the incidents table.",
      mixinStandardHelpOptions = true,
      description = {
        "A ServiceNow incident export (the incident table, or its event log: one row per update,",
        "of which the last - highest sys_mod_count - is kept) as the incidents table.",
        "Reads number, opened_at, resolved_at, closed_at, sys_updated_at, priority,",
        "assignment_group (-> service), cmdb_ci (-> entity), category, subcategory,",
        "u_symptom (-> symptom), short_description (-> title), close_code, incident_state.",
        "Priority keeps its export spelling (\"1 - Critical\"); the run maps it to SEV1-SEV4."
      })
  static final class ServiceNow implements Callable<Integer> {
    @Mixin Source source;

    @Override
    public Integer call() {
      SparkSession spark = source.start();
      ExportCsv csv = source.read(spark);
      return source.report(
          "servicenow",
          List.of(
              ImportWriter.write(
                  InputTable.INCIDENTS, ServiceNowImport.incidents(csv), source.output)));
    }
  }

  /** {@code import smart}. */
  @Command(
      name = "smart",
      header =
          "Backblaze daily drive stats as metrics (SMART attributes) and incidents (failures).",
      mixinStandardHelpOptions = true,
      description = {
        "Backblaze daily drive stats (date, serial_number, model, capacity_bytes, failure,",
        "smart_N_normalized, smart_N_raw) as metrics (one per drive, day and SMART attribute;",
        "service = model) and incidents (one per failure = 1)."
      })
  static final class Smart implements Callable<Integer> {
    @Mixin Source source;

    @Override
    public Integer call() {
      SparkSession spark = source.start();
      ExportCsv csv = source.read(spark);
      List<ImportWriter.Written> w = new ArrayList<>();
      w.add(ImportWriter.write(InputTable.METRICS, SmartImport.metrics(csv), source.output));
      w.add(ImportWriter.write(InputTable.INCIDENTS, SmartImport.incidents(csv), source.output));
      return source.report("smart", w);
    }
  }

  /** {@code import csv}. */
  @Command(
      name = "csv",
      header = "Any CSV as one input table, its columns mapped by name or by --map.",
      mixinStandardHelpOptions = true,
      description = {
        "Any CSV as one input table. Each contract column is read from the column of the same",
        "name, or the one --map names. Example:",
        "  import csv --csv m.csv --table metrics --map ts=time,entity=host --output lake"
      })
  static final class Csv implements Callable<Integer> {
    @Mixin Source source;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--table",
        required = true,
        paramLabel = "TABLE",
        description = "metrics, logs, incidents or changes.")
    String table;

    @Option(
        names = "--map",
        paramLabel = "CANONICAL=THEIRS,...",
        description = "Contract column = export column, comma-separated.")
    String map;

    @Override
    public Integer call() {
      InputTable t =
          InputTable.byName(table)
              .orElseThrow(
                  () ->
                      new CommandLine.ParameterException(
                          spec.commandLine(),
                          "--table: unknown table '"
                              + table
                              + "'; the tables are metrics, logs, incidents, changes"));
      Map<String, String> m;
      try {
        m = GenericCsvImport.parseMap(map);
        for (String canonical : m.keySet()) {
          if (t.column(canonical).isEmpty()) {
            throw new IllegalArgumentException(
                "--map: " + t.tableName() + " has no column '" + canonical + "'");
          }
        }
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      SparkSession spark = source.start();
      ExportCsv csv = source.read(spark);
      return source.report(
          "csv", List.of(ImportWriter.write(t, GenericCsvImport.rows(csv, t, m), source.output)));
    }
  }
}
