package io.nightshift.jobs.stages;

import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.InputTables;
import io.nightshift.jobs.io.ModelStore;
import io.nightshift.jobs.io.OutputLayout;
import io.nightshift.jobs.io.TableHistory;
import io.nightshift.jobs.schema.HourlyMetrics;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * What a stage may read: the session, the config, the run date and its window, the validated
 * inputs, the tables earlier stages wrote in this run, and the store of fitted models.
 */
public final class RunContext {
  private final SparkSession spark;
  private final NightshiftConfig config;
  private final LocalDate runDate;
  private final InputTables inputs;
  private final ModelStore models;
  private final OutputLayout layout;
  private final TableHistory history;
  private final Map<String, Dataset<Row>> written = new LinkedHashMap<>();
  private final List<Dataset<Row>> stageCaches = new ArrayList<>();
  private Dataset<Row> hourlyMetrics;

  public RunContext(
      SparkSession spark,
      NightshiftConfig config,
      LocalDate runDate,
      InputTables inputs,
      ModelStore models) {
    this.spark = spark;
    this.config = config;
    this.runDate = runDate;
    this.inputs = inputs;
    this.models = models;
    this.layout = new OutputLayout(config.output().path());
    this.history = new TableHistory(spark, layout);
  }

  public SparkSession spark() {
    return spark;
  }

  public NightshiftConfig config() {
    return config;
  }

  /** The night being computed: data up to the end of this UTC day. */
  public LocalDate runDate() {
    return runDate;
  }

  /** Start of the look-back window (inclusive, UTC midnight). */
  public Instant windowStart() {
    return inputs.windowStart();
  }

  /** End of the run date (exclusive, UTC midnight of the next day). */
  public Instant windowEnd() {
    return inputs.windowEnd();
  }

  /** The validated (accepted) input rows, canonical column names. */
  public InputTables inputs() {
    return inputs;
  }

  /**
   * The validated metrics rolled up to hours ({@link HourlyMetrics}), built on first use and cached
   * for the rest of the run: the stages that aggregate metrics by hour share one pass. A night with
   * kept state reads the kept days' roll-ups instead of the window's points.
   */
  public Dataset<Row> hourlyMetrics() {
    if (hourlyMetrics == null) {
      hourlyMetrics =
          inputs
              .hourlyMetrics()
              .orElseGet(() -> HourlyMetrics.of(inputs.metrics()))
              .persist(StorageLevel.MEMORY_AND_DISK());
    }
    return hourlyMetrics;
  }

  /** Called by the pipeline once every stage has run: drops what the run cached. */
  public void releaseRunCaches() {
    if (hourlyMetrics != null) {
      hourlyMetrics.unpersist(false);
      hourlyMetrics = null;
    }
  }

  /** Where fitted models of this and earlier runs are kept. */
  public ModelStore models() {
    return models;
  }

  /** Where tables, models and state live under the output root. */
  public OutputLayout layout() {
    return layout;
  }

  /** Earlier nights' committed output tables (tonight's are {@link #table}). */
  public TableHistory history() {
    return history;
  }

  /** A table an earlier stage of this run wrote, read back from its Parquet output. */
  public Optional<Dataset<Row>> table(String name) {
    return Optional.ofNullable(written.get(name));
  }

  /** Called by the pipeline after it wrote a table. */
  public void registerWritten(String name, Dataset<Row> table) {
    written.put(name, table);
  }

  /**
   * Persists an intermediate result the stage reads more than once (memory, spilling to disk). The
   * pipeline releases it once the stage's tables are written, so caches do not pile up over a
   * backfill.
   */
  public Dataset<Row> cacheForStage(Dataset<Row> ds) {
    Dataset<Row> cached = ds.persist(StorageLevel.MEMORY_AND_DISK());
    stageCaches.add(cached);
    return cached;
  }

  /** Called by the pipeline after a stage's tables are written: drops what the stage cached. */
  public void releaseStageCaches() {
    stageCaches.forEach(d -> d.unpersist(false));
    stageCaches.clear();
  }
}
