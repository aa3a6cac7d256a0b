package io.nightshift.jobs.imports;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.InputTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * A ServiceNow incident export (the {@code incident} table, or its event log with one row per
 * update) as the {@code incidents} input table. An event log becomes one row per incident: its last
 * update, the row with the highest {@code sys_mod_count} (then the latest {@code sys_updated_at}).
 *
 * <p>Columns: {@code number} -> incident_id; {@code assignment_group} -> service ("unassigned" when
 * empty); {@code cmdb_ci} -> entity; {@code priority} -> severity (mapped by {@code
 * nightshift.validation.severityAliases}: "1 - Critical" is SEV1); {@code category}, {@code
 * subcategory}; {@code u_symptom} -> symptom; {@code short_description} -> title; {@code
 * opened_at}, {@code resolved_at}, {@code closed_at}; {@code close_code} (or {@code closed_code}).
 * An incident whose {@code incident_state} is Resolved, Closed or Canceled but that has neither end
 * time ends at its {@code sys_updated_at}.
 */
public final class ServiceNowImport {
  /** States that mean the incident is over. */
  static final List<String> ENDED_STATES = List.of("resolved", "closed", "canceled", "cancelled");

  private ServiceNowImport() {}

  /** The incident rows, with canonical names and a {@link ImportWriter#REFUSED} reason. */
  public static Dataset<Row> incidents(ExportCsv csv) {
    csv.require("the incident number", "number");
    csv.require("when the incident was opened", "opened_at");
    Dataset<Row> rows = lastUpdate(csv);
    ExportCsv last = csv.withRows(rows);
    Column opened = last.timestamp(last.text("opened_at"));
    Column resolved = last.timestamp(last.text("resolved_at"));
    Column closed = last.timestamp(last.text("closed_at"));
    Column updated = last.timestamp(last.text("sys_updated_at"));
    Column ended =
        lower(coalesce(last.text("incident_state", "state"), lit(""))).isin(ENDED_STATES.toArray());
    Column end =
        when(ended.and(resolved.isNull()).and(closed.isNull()), updated).otherwise(resolved);
    Unparsable u =
        new Unparsable()
            .check(Cols.OPENED_AT, last.text("opened_at"), opened)
            .check(Cols.RESOLVED_AT, last.text("resolved_at"), resolved)
            .check(Cols.CLOSED_AT, last.text("closed_at"), closed);
    List<Column> out = new ArrayList<>();
    out.add(last.text("number").as(Cols.INCIDENT_ID));
    out.add(coalesce(last.text("assignment_group"), lit("unassigned")).as(Cols.SERVICE));
    out.add(last.text("cmdb_ci").as(Cols.ENTITY));
    out.add(last.text("priority").as(Cols.SEVERITY));
    out.add(last.text("category").as(Cols.CATEGORY));
    out.add(last.text("subcategory").as(Cols.SUBCATEGORY));
    out.add(last.text("u_symptom", "symptom").as(Cols.SYMPTOM));
    out.add(last.text("short_description").as(Cols.TITLE));
    out.add(opened.as(Cols.OPENED_AT));
    out.add(end.as(Cols.RESOLVED_AT));
    out.add(closed.as(Cols.CLOSED_AT));
    out.add(last.text("close_code", "closed_code").as(Cols.CLOSE_CODE));
    out.add(u.reason().as(ImportWriter.REFUSED));
    return rows.select(out.toArray(Column[]::new));
  }

  /** One row per incident number: the last update of each (all rows when there is one each). */
  private static Dataset<Row> lastUpdate(ExportCsv csv) {
    List<Column> order = new ArrayList<>();
    if (csv.has("sys_mod_count")) {
      order.add(csv.text("sys_mod_count").try_cast("int").desc_nulls_last());
    }
    if (csv.has("sys_updated_at")) {
      order.add(csv.timestamp(csv.text("sys_updated_at")).desc_nulls_last());
    }
    if (order.isEmpty()) {
      order.add(lit(0));
    }
    return csv.rows()
        .withColumn(
            "_update",
            row_number()
                .over(Window.partitionBy(col("number")).orderBy(order.toArray(Column[]::new))))
        .filter(col("_update").equalTo(1))
        .drop("_update");
  }

  /** The table the import writes. */
  public static InputTable table() {
    return InputTable.INCIDENTS;
  }
}
