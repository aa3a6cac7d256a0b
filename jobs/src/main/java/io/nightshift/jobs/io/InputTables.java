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
 * {@code dt}), and the window they were read for. A table that is absent (only {@code changes} may
 * be) is empty.
 */
public final class InputTables {
  private final Map<InputTable, Dataset<Row>> tables;
  private final Instant windowStart;
  private final Instant windowEnd;

  public InputTables(Map<InputTable, Dataset<Row>> tables, Instant windowStart, Instant windowEnd) {
    this.tables = new EnumMap<>(tables);
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
  }

  /** Accepted rows of a table, if the table exists in the input. */
  public Optional<Dataset<Row>> get(InputTable t) {
    return Optional.ofNullable(tables.get(t));
  }

  /** Metrics: ts, entity, metric, value, service, capacity, dt. */
  public Dataset<Row> metrics() {
    return require(InputTable.METRICS);
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
    Dataset<Row> d = tables.get(t);
    if (d == null) {
      throw new IllegalStateException("input table " + t.tableName() + " was not loaded");
    }
    return d;
  }
}
