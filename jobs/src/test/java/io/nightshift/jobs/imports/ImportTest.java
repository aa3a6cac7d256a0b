package io.nightshift.jobs.imports;

import static io.nightshift.jobs.Fixtures.ts;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.cli.Main;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.validate.BadInputException;
import io.nightshift.testkit.SparkExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Exports in their real shapes become the input contract. */
@ExtendWith(SparkExtension.class)
class ImportTest {
  private static String sample(String name) {
    return new File("src/test/resources/imports/" + name).getAbsolutePath();
  }

  private static ExportCsv read(SparkSession spark, String name) {
    return ExportCsv.read(spark, sample(name), "?", ExportCsv.DEFAULT_TIME_FORMATS);
  }

  @Test
  void aServiceNowEventLogBecomesOneIncidentPerNumberFromItsLastUpdate(
      SparkSession spark, @TempDir Path out) {
    ImportWriter.Written w =
        ImportWriter.write(
            InputTable.INCIDENTS,
            ServiceNowImport.incidents(read(spark, "servicenow_event_log.csv")),
            out.toString());

    assertEquals(4, w.rows());
    assertEquals(3, w.days(), "2016-02-29, 2016-07-13 and 2016-07-14");
    assertEquals(Map.of("unparsable_opened_at", 1L, "null_opened_at", 1L), w.refused());
    assertTrue(Files.isDirectory(out.resolve("incidents/dt=2016-07-13")));
    assertTrue(Files.isDirectory(out.resolve("_refused/incidents")));
    Map<String, Row> byId = byId(spark.read().parquet(out.resolve("incidents").toString()));
    Row inc45 = byId.get("INC0000045");
    assertEquals("3 - Moderate", inc45.getAs(Cols.SEVERITY));
    assertEquals("Group 56", inc45.getAs(Cols.SERVICE));
    assertEquals("Symptom 72", inc45.getAs(Cols.SYMPTOM));
    assertEquals("Subcategory 170", inc45.getAs(Cols.SUBCATEGORY));
    assertEquals("code 5", inc45.getAs(Cols.CLOSE_CODE), "the last update's close code");
    assertEquals(ts("2016-02-29T01:16:00Z"), inc45.getAs(Cols.OPENED_AT), "day-first, UTC");
    assertEquals(ts("2016-02-29T11:29:00Z"), inc45.getAs(Cols.RESOLVED_AT));
    assertEquals(ts("2016-03-05T12:00:00Z"), inc45.getAs(Cols.CLOSED_AT));
    Row inc47 = byId.get("INC0000047");
    assertNull(inc47.getAs(Cols.RESOLVED_AT), "closed only: the run ends it at closed_at");
    assertEquals(ts("2016-07-13T08:47:00Z"), inc47.getAs(Cols.CLOSED_AT));
    assertEquals("CI 1090", inc47.getAs(Cols.ENTITY));
    assertEquals(
        ts("2016-07-14T09:00:00Z"),
        byId.get("INC0000050").getAs(Cols.RESOLVED_AT),
        "Resolved with no end time: ends at its last update");
    assertEquals("unassigned", byId.get("INC0000051").getAs(Cols.SERVICE));
  }

  @Test
  void backblazeDriveStatsBecomeAMetricPerSmartAttributeAndAnIncidentPerFailure(
      SparkSession spark, @TempDir Path out) {
    ExportCsv csv = read(spark, "backblaze_drive_stats.csv");

    ImportWriter.Written m =
        ImportWriter.write(InputTable.METRICS, SmartImport.metrics(csv), out.toString());
    ImportWriter.Written i =
        ImportWriter.write(InputTable.INCIDENTS, SmartImport.incidents(csv), out.toString());

    assertEquals(92, m.rows(), "12 attributes x 6 Seagate days + 10 reported x 2 HGST days");
    assertEquals(Map.of("unparsable_ts", 10L), m.refused(), "the row dated 06/04/2024");
    assertEquals(3, m.days());
    Dataset<Row> metrics = spark.read().parquet(out.resolve("metrics").toString());
    Row r =
        metrics
            .filter(
                col(Cols.ENTITY)
                    .equalTo("ZA1FLE2Q")
                    .and(col(Cols.METRIC).equalTo("smart_5_raw"))
                    .and(col(Cols.DT).cast("string").equalTo("2024-06-03")))
            .first();
    assertEquals(904.0, r.<Double>getAs(Cols.VALUE));
    assertEquals("ST8000NM0055", r.getAs(Cols.SERVICE));
    assertEquals(1, i.rows());
    Row failure = spark.read().parquet(out.resolve("incidents").toString()).first();
    assertEquals("FAIL-ZA1FLE2Q-2024-06-03", failure.getAs(Cols.INCIDENT_ID));
    assertEquals(ts("2024-06-03T00:00:00Z"), failure.getAs(Cols.OPENED_AT));
  }

  @Test
  void anyCsvMapsItsColumnsOntoATableAndRefusesUnparsableValues(
      SparkSession spark, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("cpu.csv");
    Files.writeString(
        file,
        "time,host,counter,reading,team\n"
            + "2026-06-29 10:00:00,h1,cpu_used_pct,40.5,web\n"
            + "30/06/2026 11:00,h1,cpu_used_pct,41,web\n"
            + "2026-06-30 12:00:00,h1,cpu_used_pct,n/a,web\n");
    ExportCsv csv = ExportCsv.read(spark, file.toString(), "?", ExportCsv.DEFAULT_TIME_FORMATS);
    Map<String, String> map =
        GenericCsvImport.parseMap("ts=time, entity=host,metric=counter,value=reading,service=team");

    ImportWriter.Written w =
        ImportWriter.write(
            InputTable.METRICS,
            GenericCsvImport.rows(csv, InputTable.METRICS, map),
            dir.resolve("lake").toString());

    assertEquals(2, w.rows());
    assertEquals(Map.of("unparsable_value", 1L), w.refused());
    assertEquals(List.of("2026-06-29", "2026-06-30"), List.of(w.firstDay(), w.lastDay()));
  }

  @Test
  void aMissingRequiredColumnFailsNamingItAndTheFilesColumns(SparkSession spark) {
    ExportCsv csv = read(spark, "backblaze_drive_stats.csv");

    BadInputException e =
        assertThrows(BadInputException.class, () -> ServiceNowImport.incidents(csv));

    assertTrue(e.getMessage().contains("no column number (the incident number)"), e.getMessage());
    assertTrue(e.getMessage().contains("serial_number"), e.getMessage());
  }

  @Test
  void aMapToAnUnknownColumnIsAUsageError(@TempDir Path out) {
    int code =
        Main.execute(
            "import",
            "csv",
            "--csv",
            "x.csv",
            "--table",
            "metrics",
            "--map",
            "host=h",
            "--output",
            out.toString());

    assertEquals(2, code);
  }

  private static Map<String, Row> byId(Dataset<Row> d) {
    Map<String, Row> m = new java.util.TreeMap<>();
    d.collectAsList().forEach(r -> m.put(r.getAs(Cols.INCIDENT_ID), r));
    return m;
  }
}
