package io.nightshift.jobs.stages;

import io.nightshift.jobs.schema.InputTable;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One step of the nightly run: computes one or more output tables from the validated inputs and the
 * tables earlier stages wrote. The pipeline writes what it returns (partitioned by run date),
 * records row counts in the manifest and hands the written tables to later stages. A stage reads
 * nothing from global state: earlier nights' tables through {@link RunContext#history()}, paths (if
 * it must) from {@link RunContext#layout()}. What it returns must match the tables' declared
 * schemas ({@code schema/OutputTable}); the writer refuses anything else.
 */
public interface NightlyStage {

  /** A short name, shown in logs, the Spark UI's job group and the manifest's stage timings. */
  String name();

  /**
   * The input tables this stage cannot do without: when one is absent from the lake the pipeline
   * skips the stage and names it, with the missing table, in the manifest and the summary. Other
   * tables it reads are given as empty Datasets when absent.
   */
  default Set<InputTable> needs() {
    return Set.of();
  }

  /**
   * Computes this stage's outputs.
   *
   * @return output table name to its rows (without the run_date column; the writer adds it). Empty
   *     when the stage has nothing to say for this run (e.g. its input is absent).
   */
  Map<String, Dataset<Row>> compute(RunContext ctx);
}
