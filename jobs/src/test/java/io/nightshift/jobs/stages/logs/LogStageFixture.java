package io.nightshift.jobs.stages.logs;

import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.InputTables;
import io.nightshift.jobs.io.ModelStore;
import io.nightshift.jobs.io.OutputWriter;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.stages.LogSignalStage;
import io.nightshift.jobs.stages.RunContext;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the log stage for one night on given log rows and commits the night's models under {@code
 * out}.
 */
final class LogStageFixture {
  private LogStageFixture() {}

  static Map<String, Dataset<Row>> night(
      SparkSession spark, Path out, LocalDate run, int lookbackDays, Dataset<Row> allLogs) {
    Instant end = run.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant start = run.minusDays(lookbackDays - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
    Dataset<Row> window =
        allLogs.filter(
            allLogs
                .col("ts")
                .geq(java.sql.Timestamp.from(start))
                .and(allLogs.col("ts").lt(java.sql.Timestamp.from(end))));
    NightshiftConfig cfg =
        NightshiftConfig.load(null, Map.of("nightshift.output.path", out.toString()));
    InputTables in = new InputTables(Map.of(InputTable.LOGS, window), start, end);
    RunContext ctx =
        new RunContext(
            spark,
            cfg,
            run,
            in,
            new ModelStore(out.toString(), spark.sparkContext().hadoopConfiguration(), run));
    Map<String, Dataset<Row>> tables = new LogSignalStage().compute(ctx);
    // The night commits: its template dictionary becomes the next night's starting point.
    new OutputWriter(spark, out.toString(), run).commit();
    return tables;
  }
}
