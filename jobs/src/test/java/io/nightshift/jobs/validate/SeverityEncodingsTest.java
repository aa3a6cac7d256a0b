package io.nightshift.jobs.validate;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.ts;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.BadConfigException;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Severities and end times as incident tools export them. */
@ExtendWith(SparkExtension.class)
class SeverityEncodingsTest {
  private static final LocalDate RUN = LocalDate.parse("2026-06-30");

  @Test
  void mapsSevNumbersPagerDutyServiceNowAndWordsToSev1ToSev4(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Map<String, String> expected = new TreeMap<>();
    expected.put("SEV1", "SEV1");
    expected.put("sev-2", "SEV2");
    expected.put("P1", "SEV1");
    expected.put("P3", "SEV3");
    expected.put("P5", "SEV4");
    expected.put("1 - Critical", "SEV1");
    expected.put("2 - High", "SEV2");
    expected.put("3 - Moderate", "SEV3");
    expected.put("4 - Low", "SEV4");
    expected.put(" critical ", "SEV1");
    expected.put("High", "SEV2");
    expected.put("Medium", "SEV3");
    expected.put("low", "SEV4");
    Fixtures.write(
        spark,
        in,
        InputTable.INCIDENTS,
        expected.keySet().stream().map(s -> incident(s, s)).toArray(Row[]::new));

    Map<String, String> got = severities(spark, in, out);

    assertEquals(expected, got);
  }

  @Test
  void acceptsAnIntegerSeverityColumnAsOneToFour(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Dataset<Row> ints =
        Fixtures.rows(
                spark,
                InputTable.INCIDENTS,
                incident("1", "a"),
                incident("2", "b"),
                incident("3", "c"),
                incident("4", "d"))
            .withColumn(Cols.SEVERITY, col(Cols.SEVERITY).cast("int"));
    Fixtures.write(in, InputTable.INCIDENTS, ints);

    Map<String, String> got = severities(spark, in, out);

    assertEquals(Map.of("a", "SEV1", "b", "SEV2", "c", "SEV3", "d", "SEV4"), got);
  }

  @Test
  void quarantinesAnUnknownSeverityKeepingTheValueInTheRow(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Fixtures.write(spark, in, InputTable.INCIDENTS, incident("Urgent!", "x"), incident("P2", "y"));

    InputLoader.Loaded l = load(spark, in, out);

    Row q = l.quarantine().first();
    assertEquals("unknown_severity", q.getAs(Cols.Q_REASON));
    assertTrue(q.<String>getAs(Cols.Q_ROW).contains("\"severity\":\"URGENT!\""), q.toString());
    assertEquals(1, l.outcomes().get(InputTable.INCIDENTS).acceptedCount());
  }

  @Test
  void anAliasToAnUnknownSeverityIsABadConfigNamingTheKey(@TempDir Path in, @TempDir Path out) {
    BadConfigException e =
        assertThrows(
            BadConfigException.class,
            () -> Fixtures.config(in, out, "nightshift.validation.severityAliases.URGENT", "SEV0"));

    assertTrue(
        e.getMessage().startsWith("config key 'nightshift.validation.severityAliases.\"URGENT\"'"),
        e.getMessage());
  }

  @Test
  void aTicketClosedButNeverResolvedEndsAtItsCloseTime(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Timestamp closed = ts("2026-06-29T12:00:00Z");
    Fixtures.write(
        spark,
        in,
        InputTable.INCIDENTS,
        row(
            "INC1",
            "web",
            "h1",
            "SEV2",
            "disk",
            "closed only",
            ts("2026-06-29T10:00:00Z"),
            null,
            null,
            null,
            closed),
        row(
            "INC2",
            "web",
            "h1",
            "SEV2",
            "disk",
            "resolved",
            ts("2026-06-29T10:00:00Z"),
            null,
            ts("2026-06-29T11:00:00Z"),
            null,
            closed),
        row(
            "INC3",
            "web",
            "h1",
            "SEV2",
            "disk",
            "open",
            ts("2026-06-29T10:00:00Z"),
            null,
            null,
            null,
            null));

    List<Row> rows =
        load(spark, in, out)
            .tables()
            .incidents()
            .orderBy(Cols.INCIDENT_ID)
            .select(Cols.RESOLVED_AT)
            .collectAsList();

    assertEquals(closed, rows.get(0).get(0), "closed, never resolved: ends when closed");
    assertEquals(ts("2026-06-29T11:00:00Z"), rows.get(1).get(0), "resolved_at wins");
    assertEquals(null, rows.get(2).get(0), "still open");
  }

  private static Row incident(String severity, String id) {
    return row(
        id,
        "web",
        "h1",
        severity,
        "disk",
        "Disk full",
        ts("2026-06-29T10:00:00Z"),
        null,
        ts("2026-06-29T11:00:00Z"),
        null);
  }

  private static InputLoader.Loaded load(SparkSession spark, Path in, Path out) {
    NightshiftConfig cfg = Fixtures.config(in, out);
    return new InputLoader(spark, cfg).load(RUN);
  }

  private static Map<String, String> severities(SparkSession spark, Path in, Path out) {
    InputLoader.Loaded l = load(spark, in, out);
    assertEquals(
        Map.of(),
        l.outcomes().get(InputTable.INCIDENTS).quarantinedByReason(),
        "nothing quarantined");
    Map<String, String> got = new TreeMap<>();
    for (Row r : l.tables().incidents().select(Cols.INCIDENT_ID, Cols.SEVERITY).collectAsList()) {
      got.put(r.getString(0), r.getString(1));
    }
    return got;
  }
}
