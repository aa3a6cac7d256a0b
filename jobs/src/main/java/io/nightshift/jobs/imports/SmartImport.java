package io.nightshift.jobs.imports;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

import io.nightshift.jobs.schema.Cols;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Backblaze's daily drive stats ({@code date, serial_number, model, capacity_bytes, failure,
 * smart_N_normalized, smart_N_raw, ...}) as the {@code metrics} and {@code incidents} input tables.
 * Each non-null SMART value is a metric sample (entity: the drive's serial number; metric: the
 * column name, e.g. {@code smart_5_raw}; service: the drive model; no capacity, SMART counters have
 * none). Each row with {@code failure = 1} is an incident: the drive failed that day (SEV3: one
 * drive of a redundant pool; opened and resolved at that day's midnight, the replacement time is
 * not in the data).
 */
public final class SmartImport {
  static final String PREFIX = "smart_";

  private SmartImport() {}

  /** One metric row per drive, day and reported SMART attribute. */
  public static Dataset<Row> metrics(ExportCsv csv) {
    requireColumns(csv);
    String[] smart =
        Arrays.stream(csv.rows().columns())
            .filter(c -> c.startsWith(PREFIX))
            .toArray(String[]::new);
    if (smart.length == 0) {
      csv.require("SMART attributes", "smart_5_raw", "smart_9_raw");
    }
    Column day = csv.timestamp(csv.text("date"));
    Column[] values =
        Arrays.stream(smart).map(c -> csv.text(c).try_cast("double").as(c)).toArray(Column[]::new);
    Column[] ids = {
      day.as(Cols.TS),
      csv.text("serial_number").as(Cols.ENTITY),
      csv.text("model").as(Cols.SERVICE),
      new Unparsable().check(Cols.TS, csv.text("date"), day).reason().as(ImportWriter.REFUSED)
    };
    Column[] all = new Column[ids.length + values.length];
    System.arraycopy(ids, 0, all, 0, ids.length);
    System.arraycopy(values, 0, all, ids.length, values.length);
    Dataset<Row> wide = csv.rows().select(all);
    return wide.unpivot(
            Arrays.stream(new String[] {Cols.TS, Cols.ENTITY, Cols.SERVICE, ImportWriter.REFUSED})
                .map(c -> col(c))
                .toArray(Column[]::new),
            Arrays.stream(smart).map(c -> col(c)).toArray(Column[]::new),
            Cols.METRIC,
            Cols.VALUE)
        .filter(col(Cols.VALUE).isNotNull());
  }

  /** One incident per drive failure. */
  public static Dataset<Row> incidents(ExportCsv csv) {
    requireColumns(csv);
    csv.require("whether the drive failed that day", "failure");
    Column day = csv.timestamp(csv.text("date"));
    return csv.rows()
        .filter(csv.text("failure").equalTo(lit("1")))
        .select(
            concat_ws("-", lit("FAIL"), csv.text("serial_number"), csv.text("date"))
                .as(Cols.INCIDENT_ID),
            csv.text("model").as(Cols.SERVICE),
            csv.text("serial_number").as(Cols.ENTITY),
            lit("SEV3").as(Cols.SEVERITY),
            lit("drive_failure").as(Cols.CATEGORY),
            concat_ws(" ", lit("drive failed:"), csv.text("model")).as(Cols.TITLE),
            day.as(Cols.OPENED_AT),
            day.as(Cols.RESOLVED_AT),
            new Unparsable()
                .check(Cols.OPENED_AT, csv.text("date"), day)
                .reason()
                .as(ImportWriter.REFUSED));
  }

  private static void requireColumns(ExportCsv csv) {
    csv.require("the day of the sample", "date");
    csv.require("the drive", "serial_number");
    csv.require("the drive model", "model");
  }
}
