package io.nightshift.jobs.schema;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The input contract, declared once: the four input tables, their columns, types, meanings and
 * units. Every table is Parquet under {@code <input>/<table>/dt=YYYY-MM-DD/}; timestamps are UTC.
 * Column names can be mapped in config ({@code nightshift.input.columns.<table>.<canonical> =
 * "their_name"}). Every table is optional, but a night needs one of {@link #ANCHORS} (metrics or
 * incidents); a stage whose inputs are absent is skipped and named in the manifest.
 */
public enum InputTable {
  METRICS(
      "metrics",
      Cols.TS,
      List.of(
          new Column(Cols.TS, TimestampType, true, "sample time", "UTC timestamp"),
          new Column(Cols.ENTITY, StringType, true, "host, instance or device measured", "id"),
          new Column(Cols.METRIC, StringType, true, "what is measured, e.g. disk_used_pct", "name"),
          new Column(Cols.VALUE, DoubleType, true, "measured value", "the metric's own unit"),
          new Column(Cols.SERVICE, StringType, false, "service the entity belongs to", "name"),
          new Column(
              Cols.CAPACITY,
              DoubleType,
              false,
              "limit of the resource, if it has one",
              "metric's unit"))),
  LOGS(
      "logs",
      Cols.TS,
      List.of(
          new Column(Cols.TS, TimestampType, true, "time the line was written", "UTC timestamp"),
          new Column(Cols.ENTITY, StringType, true, "host or instance that wrote it", "id"),
          new Column(Cols.SERVICE, StringType, true, "service that wrote it", "name"),
          new Column(Cols.LEVEL, StringType, true, "log level: ERROR, WARN, INFO, DEBUG", "enum"),
          new Column(Cols.MESSAGE, StringType, true, "the log message", "text"))),
  INCIDENTS(
      "incidents",
      Cols.OPENED_AT,
      List.of(
          new Column(Cols.INCIDENT_ID, StringType, true, "incident identifier", "id"),
          new Column(Cols.SERVICE, StringType, true, "affected service", "name"),
          new Column(Cols.ENTITY, StringType, false, "affected entity (configuration item)", "id"),
          new Column(
              Cols.SEVERITY,
              StringType,
              true,
              "SEV1 (worst) to SEV4; exported spellings (1-4, P1-P5, 1 - Critical, words) are mapped",
              "enum"),
          new Column(
              Cols.CATEGORY, StringType, false, "incident category, e.g. disk, network", "name"),
          new Column(Cols.TITLE, StringType, false, "short description", "text"),
          new Column(Cols.OPENED_AT, TimestampType, true, "when the impact began", "UTC timestamp"),
          new Column(
              Cols.DETECTED_AT,
              TimestampType,
              false,
              "when operations became aware",
              "UTC timestamp"),
          new Column(
              Cols.RESOLVED_AT,
              TimestampType,
              false,
              "when service was restored; null if open",
              "UTC"),
          new Column(Cols.ROOT_CAUSE, StringType, false, "root cause, if known", "text"),
          new Column(
              Cols.CLOSED_AT,
              TimestampType,
              false,
              "when the ticket was closed; ends the incident when resolved_at is null",
              "UTC"),
          new Column(Cols.SUBCATEGORY, StringType, false, "incident subcategory, e.g. 174", "name"),
          new Column(
              Cols.SYMPTOM,
              StringType,
              false,
              "symptom code or reported symptom, e.g. 491",
              "code"),
          new Column(
              Cols.CLOSE_CODE, StringType, false, "how it was closed, e.g. code 7", "code"))),
  CHANGES(
      "changes",
      Cols.TS,
      List.of(
          new Column(Cols.CHANGE_ID, StringType, true, "change identifier", "id"),
          new Column(Cols.SERVICE, StringType, true, "changed service", "name"),
          new Column(Cols.ENTITY, StringType, false, "changed entity", "id"),
          new Column(
              Cols.TS, TimestampType, true, "when the change was implemented", "UTC timestamp"),
          new Column(Cols.STATUS, StringType, true, "success, failed or rolled_back", "enum")));

  /** A night needs at least one of these tables: everything else is derived from them. */
  public static final List<InputTable> ANCHORS = List.of(METRICS, INCIDENTS);

  private final String tableName;
  private final String eventTimeColumn;
  private final List<Column> columns;

  InputTable(String tableName, String eventTimeColumn, List<Column> columns) {
    this.tableName = tableName;
    this.eventTimeColumn = eventTimeColumn;
    this.columns = columns;
  }

  /** Folder name under the input root, and the name used in the manifest. */
  public String tableName() {
    return tableName;
  }

  /** The timestamp that places a row in the look-back window. */
  public String eventTimeColumn() {
    return eventTimeColumn;
  }

  /** All declared columns, required first as documented. */
  public List<Column> columns() {
    return columns;
  }

  /** The canonical Spark schema (without the {@code dt} partition column). */
  public StructType schema() {
    return new StructType(columns.stream().map(Column::field).toArray(StructField[]::new));
  }

  /** A column by canonical name. */
  public Optional<Column> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** Looks a table up by its folder name. */
  public static Optional<InputTable> byName(String name) {
    for (InputTable t : values()) {
      if (t.tableName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * The columns that identify one series of the table (metrics: entity and metric), empty when rows
   * are not series. Validation partitions a table by them, so that every later per-series step
   * (hourly roll-up, per-series models) finds each series in one partition, in time order.
   */
  public List<String> seriesKey() {
    return this == METRICS ? List.of(Cols.ENTITY, Cols.METRIC) : List.of();
  }
}
