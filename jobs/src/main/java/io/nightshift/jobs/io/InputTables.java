package io.nightshift.jobs.io;

import io.nightshift.jobs.schema.InputTable;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The accepted rows of each input table for one run, with canonical column names and types (plus
 * {@code dt}), and the window they were read for. A table that is absent from the lake is not
 * {@link #has present}; its accessor then gives an empty Dataset in the canonical schema when one
 * was supplied, so a stage that merely reads it (e.g. logs beside metrics) still runs.
 */
public final class InputTables {
  private final Map<InputTable, Dataset<Row>> tables;
  private final Map<InputTable, Dataset<Row>> empties;
  private final Instant windowStart;
  private final Instant windowEnd;
  private final Optional<Dataset<Row>> hourlyMetrics;
  private final Optional<Dataset<Row>> logShapes;
  private final Optional<Dataset<Row>> logWarnings;

  public InputTables(Map<InputTable, Dataset<Row>> tables, Instant windowStart, Instant windowEnd) {
    this(tables, Map.of(), windowStart, windowEnd);
  }

  /**
   * @param tables accepted rows of the tables present in the lake
   * @param empties empty Datasets in the canonical schema (plus dt) for tables absent from the lake
   */
  public InputTables(
      Map<InputTable, Dataset<Row>> tables,
      Map<InputTable, Dataset<Row>> empties,
      Instant windowStart,
      Instant windowEnd) {
    this.tables = new EnumMap<>(InputTable.class);
    this.tables.putAll(tables);
    this.empties = new EnumMap<>(InputTable.class);
    this.empties.putAll(empties);
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.hourlyMetrics = Optional.empty();
    this.logShapes = Optional.empty();
    this.logWarnings = Optional.empty();
  }

  private InputTables(
      InputTables base,
      Optional<Dataset<Row>> hourlyMetrics,
      Optional<Dataset<Row>> logShapes,
      Optional<Dataset<Row>> logWarnings) {
    this.tables = base.tables;
    this.empties = base.empties;
    this.windowStart = base.windowStart;
    this.windowEnd = base.windowEnd;
    this.hourlyMetrics = hourlyMetrics;
    this.logShapes = logShapes;
    this.logWarnings = logWarnings;
  }

  /** Accepted rows of a table, if the table exists in the input. */
  public Optional<Dataset<Row>> get(InputTable t) {
    return Optional.ofNullable(tables.get(t));
  }

  /** Whether the table exists in the input (it may still have no rows in the window). */
  public boolean has(InputTable t) {
    return tables.containsKey(t);
  }

  /** Metrics: ts, entity, metric, value, service, capacity, dt. */
  public Dataset<Row> metrics() {
    return require(InputTable.METRICS);
  }

  /**
   * The metrics' hourly roll-up ({@code HourlyMetrics}) when the night has it from kept state (the
   * kept days' roll-ups add up to the window's); otherwise stages roll {@link #metrics} up.
   */
  public Optional<Dataset<Row>> hourlyMetrics() {
    return hourlyMetrics;
  }

  /**
   * The logs counted by shape ({@code LogShapes}) when the night has them from kept state (the kept
   * days' counts add up to the window's); otherwise the log stage counts {@link #logs}.
   */
  public Optional<Dataset<Row>> logShapes() {
    return logShapes;
  }

  /**
   * The logs' WARN-or-worse lines ({@code LogWarnings}) when the night has them from kept state;
   * otherwise their readers filter {@link #logs}.
   */
  public Optional<Dataset<Row>> logWarnings() {
    return logWarnings;
  }

  /**
   * These tables with the summaries taken from kept state: hourly metrics, log shapes, warnings.
   */
  public InputTables withSummaries(
      Optional<Dataset<Row>> hourly,
      Optional<Dataset<Row>> shapes,
      Optional<Dataset<Row>> warnings) {
    return new InputTables(this, hourly, shapes, warnings);
  }

  /** Logs: ts, entity, service, level, message, dt. */
  public Dataset<Row> logs() {
    return require(InputTable.LOGS);
  }

  /** Incidents: incident_id ... root_cause, dt. */
  public Dataset<Row> incidents() {
    return require(InputTable.INCIDENTS);
  }

  /** Changes, when the input has them. */
  public Optional<Dataset<Row>> changes() {
    return get(InputTable.CHANGES);
  }

  public Instant windowStart() {
    return windowStart;
  }

  public Instant windowEnd() {
    return windowEnd;
  }

  private Dataset<Row> require(InputTable t) {
    Dataset<Row> d = tables.getOrDefault(t, empties.get(t));
    if (d == null) {
      throw new IllegalStateException("input table " + t.tableName() + " was not loaded");
    }
    return d;
  }
}
