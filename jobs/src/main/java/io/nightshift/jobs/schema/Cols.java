package io.nightshift.jobs.schema;

/** Canonical column names of the input and output tables, declared once. */
public final class Cols {
  private Cols() {}

  public static final String DT = "dt";
  public static final String RUN_DATE = "run_date";
  public static final String TS = "ts";
  public static final String ENTITY = "entity";
  public static final String SERVICE = "service";
  public static final String METRIC = "metric";
  public static final String VALUE = "value";
  public static final String CAPACITY = "capacity";
  public static final String LEVEL = "level";
  public static final String MESSAGE = "message";
  public static final String INCIDENT_ID = "incident_id";
  public static final String SEVERITY = "severity";
  public static final String CATEGORY = "category";
  public static final String TITLE = "title";
  public static final String OPENED_AT = "opened_at";
  public static final String DETECTED_AT = "detected_at";
  public static final String RESOLVED_AT = "resolved_at";
  public static final String ROOT_CAUSE = "root_cause";
  public static final String CLOSED_AT = "closed_at";
  public static final String SUBCATEGORY = "subcategory";
  public static final String SYMPTOM = "symptom";
  public static final String CLOSE_CODE = "close_code";
  public static final String CHANGE_ID = "change_id";
  public static final String STATUS = "status";

  /** Quarantine table columns. */
  public static final String Q_TABLE = "table";

  public static final String Q_REASON = "reason";
  public static final String Q_FILE = "source_file";
  public static final String Q_ROW = "row_json";
}
