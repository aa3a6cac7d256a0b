package io.nightshift.jobs.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Every output table of the nightly run, declared once: its name (its folder under the output
 * root), what one row is, what it holds, and its schema (from the table's own class, e.g. {@link
 * AnomaliesTable#SCHEMA}). The writer checks each table a stage hands it against this declaration
 * ({@link #check}); the README's Outputs table and {@code docs/outputs.md} are generated from it
 * ({@link OutputDoc}) and kept equal by a test.
 */
public enum OutputTable {
  QUARANTINE(
      QuarantineTable.NAME,
      "bad input row",
      "the row as JSON, its table, file and reason",
      QuarantineTable.SCHEMA),
  KPIS(
      KpisTable.NAME,
      "service and ISO week",
      "incident counts by severity, MTTD, MTTR, availability, change success rate, recurring"
          + " incidents",
      KpisTable.SCHEMA),
  ANOMALIES(
      AnomaliesTable.NAME,
      "anomaly event",
      "metric anomaly events (merged runs of anomalous points) with expected band, score and reason",
      AnomaliesTable.SCHEMA),
  LOG_TEMPLATES(
      LogTemplatesTable.NAME,
      "template",
      "mined log templates with stable ids",
      LogTemplatesTable.SCHEMA),
  LOG_SIGNALS(
      LogSignalsTable.NAME,
      "entity, service and hour",
      "log template counts, error/warn rates, new templates, log anomaly score",
      LogSignalsTable.SCHEMA),
  CAPACITY_FORECAST(
      CapacityForecastTable.NAME,
      "entity, resource and threshold",
      "utilisation, forecasts, time to saturation with uncertainty",
      CapacityForecastTable.SCHEMA),
  RECURRING_INCIDENTS(
      RecurringIncidentsTable.NAME,
      "incident family",
      "recurring-incident ranking for problem management, with precursors",
      RecurringIncidentsTable.SCHEMA),
  INCIDENT_FAMILIES(
      IncidentFamiliesTable.NAME,
      "incident",
      "the family of every incident of the window, to drill down from `recurring_incidents`",
      IncidentFamiliesTable.SCHEMA),
  SITUATIONS(
      SituationsTable.NAME,
      "situation",
      "anomalies and log spikes that belong together, with probable causes first, linked incidents"
          + " and changes (see [docs/situations.md](docs/situations.md))",
      SituationsTable.SCHEMA),
  SITUATION_MEMBERS(
      SituationMembersTable.NAME,
      "member signal of a situation",
      "the drill-down of `situations`",
      SituationMembersTable.SCHEMA),
  RISK_SCORES(
      RiskScoresTable.NAME,
      "entity and horizon",
      "incident probability, rank and top factors in words",
      RiskScoresTable.SCHEMA),
  RISK_BACKTEST(
      RiskBacktestTable.NAME,
      "earlier night and horizon",
      "an earlier night's risk scores against the incidents that followed, once its horizon has passed",
      RiskBacktestTable.SCHEMA);

  private final String tableName;
  private final String grain;
  private final String what;
  private final StructType schema;

  OutputTable(String tableName, String grain, String what, StructType schema) {
    this.tableName = tableName;
    this.grain = grain;
    this.what = what;
    this.schema = schema;
  }

  /** The table's folder under the output root. */
  public String tableName() {
    return tableName;
  }

  /** What one row is. */
  public String grain() {
    return grain;
  }

  /** What the table holds, in words. */
  public String what() {
    return what;
  }

  /** The declared columns in order (without the {@code run_date} partition column). */
  public StructType schema() {
    return schema;
  }

  /** The declared table of this name, if any. */
  public static Optional<OutputTable> named(String name) {
    return Arrays.stream(values()).filter(t -> t.tableName.equals(name)).findFirst();
  }

  /** Every declared table's schema by name, in declaration order. */
  public static Map<String, StructType> schemas() {
    Map<String, StructType> m = new LinkedHashMap<>();
    for (OutputTable t : values()) {
      m.put(t.tableName, t.schema);
    }
    return m;
  }

  /**
   * Fails unless {@code actual} has exactly the declared columns with the declared types
   * (nullability and column order aside).
   *
   * @throws OutputSchemaException naming the table, then each column with its expected and actual
   *     type
   */
  public void check(StructType actual) {
    check(tableName, schema, actual);
  }

  /** {@link #check(StructType)} against any declared schema. */
  public static void check(String table, StructType declared, StructType actual) {
    List<String> problems = new ArrayList<>();
    for (StructField d : declared.fields()) {
      String got =
          Arrays.asList(actual.fieldNames()).contains(d.name())
              ? typeOf(actual.apply(d.name()))
              : "missing";
      if (!got.equals(typeOf(d))) {
        problems.add(problem(d.name(), typeOf(d), got));
      }
    }
    for (StructField a : actual.fields()) {
      if (!Arrays.asList(declared.fieldNames()).contains(a.name())) {
        problems.add(problem(a.name(), "no such column (not declared)", typeOf(a)));
      }
    }
    if (!problems.isEmpty()) {
      throw new OutputSchemaException("output table " + table + ": " + String.join("; ", problems));
    }
  }

  private static String problem(String column, String expected, String actual) {
    return "column '" + column + "' expected " + expected + ", actual " + actual;
  }

  /** The type as Spark SQL spells it, without nullability (which Parquet does not keep). */
  private static String typeOf(StructField f) {
    return f.dataType().catalogString();
  }

  /** A stage handed the writer a table that differs from its declaration. */
  public static final class OutputSchemaException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public OutputSchemaException(String message) {
      super(message);
    }
  }
}
