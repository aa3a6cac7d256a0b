package io.nightshift.jobs.validate;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Bad rows are quarantined with a reason, and every row read is accounted for. */
@ExtendWith(SparkExtension.class)
class ValidationTest {
  private static final LocalDate RUN = LocalDate.parse("2026-06-30");

  private static InputLoader.Loaded load(SparkSession spark, Path in, Path out) {
    NightshiftConfig cfg = Fixtures.config(in, out);
    return new InputLoader(spark, cfg).load(RUN);
  }

  private static void assertAccounted(Validation.Outcome o) {
    assertEquals(
        o.read(), o.acceptedCount() + o.quarantinedRows(), "read = accepted + quarantined");
    assertEquals(o.acceptedCount(), o.accepted().count());
    assertEquals(o.quarantinedRows(), o.quarantined().count());
  }

  @Test
  void quarantinesMetricRowsWithNullKeysNonFiniteValuesAndBadTimes(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Fixtures.smallLake(spark, in);
    Fixtures.write(
        spark,
        in,
        InputTable.METRICS,
        row(ts("2026-06-30T01:00:00Z"), null, "cpu_used_pct", 1.0, "web", 100.0),
        row(ts("2026-06-30T01:00:00Z"), "h1", "cpu_used_pct", Double.NaN, "web", 100.0),
        row(
            ts("2026-06-30T01:05:00Z"),
            "h1",
            "cpu_used_pct",
            Double.POSITIVE_INFINITY,
            "web",
            null),
        row(ts("2026-06-30T01:10:00Z"), "h1", "cpu_used_pct", null, "web", null),
        row(ts("2026-06-30T01:15:00Z"), "h1", "disk_used_pct", 10.0, "web", -5.0));
    // a row stamped far in the future but landed in the run date's partition (clock skew)
    Fixtures.writeAt(
        in,
        InputTable.METRICS,
        "2026-06-30",
        Fixtures.rows(
            spark,
            InputTable.METRICS,
            row(ts("2026-07-02T00:00:00Z"), "h9", "cpu_used_pct", 5.0, "web", 100.0),
            row(ts("2026-06-01T00:00:00Z"), "h9", "cpu_used_pct", 5.0, "web", 100.0)));
    InputLoader.Loaded l = load(spark, in, out);
    Validation.Outcome o = l.outcomes().get(InputTable.METRICS);
    assertEquals(
        Map.of(
            "null_entity", 1L,
            "non_finite_value", 2L,
            "null_value", 1L,
            "bad_capacity", 1L,
            "in_future", 1L,
            "before_window", 1L),
        o.quarantinedByReason());
    assertEquals(3, o.acceptedCount());
    assertAccounted(o);
  }

  @Test
  void quarantinesExactDuplicatesButKeepsTheFirstCopy(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Fixtures.smallLake(spark, in);
    Fixtures.write(
        spark,
        in,
        InputTable.METRICS,
        row(ts("2026-06-29T10:00:00Z"), "h1", "cpu_used_pct", 40.0, "web", 100.0),
        row(ts("2026-06-29T10:00:00Z"), "h1", "cpu_used_pct", 40.0, "web", 100.0));
    Validation.Outcome o = load(spark, in, out).outcomes().get(InputTable.METRICS);
    assertEquals(Map.of("duplicate", 2L), o.quarantinedByReason());
    assertEquals(3, o.acceptedCount());
    assertAccounted(o);
  }

  @Test
  void quarantinesIncidentsWithUnknownSeverityOrNegativeDuration(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Fixtures.smallLake(spark, in);
    Fixtures.write(
        spark,
        in,
        InputTable.INCIDENTS,
        row(
            "INC2",
            "web",
            "h1",
            "BLOCKER", // P1 is a PagerDuty spelling, mapped to SEV1
            "disk",
            "Disk full",
            ts("2026-06-29T10:00:00Z"),
            null,
            null,
            null),
        row(
            "INC3",
            "web",
            "h1",
            "sev3",
            "disk",
            "Disk full",
            ts("2026-06-29T10:00:00Z"),
            ts("2026-06-29T10:05:00Z"),
            ts("2026-06-29T09:00:00Z"),
            null),
        row(
            "INC4",
            "web",
            "h1",
            " sev4 ",
            "disk",
            null,
            ts("2026-06-29T10:00:00Z"),
            null,
            null,
            null));
    Validation.Outcome o = load(spark, in, out).outcomes().get(InputTable.INCIDENTS);
    assertEquals(Map.of("unknown_severity", 1L, "negative_duration", 1L), o.quarantinedByReason());
    assertEquals(2, o.acceptedCount(), "INC1 and INC4 (severity normalised to SEV4)");
    assertAccounted(o);
  }

  @Test
  void quarantinesChangesWithUnknownStatusAndLogsWithNullMessage(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Fixtures.smallLake(spark, in);
    Fixtures.write(
        spark,
        in,
        InputTable.CHANGES,
        row("CHG2", "web", "h1", ts("2026-06-29T09:00:00Z"), "maybe"),
        row("CHG3", "web", "h1", ts("2026-06-29T09:00:00Z"), "SUCCESS"));
    Fixtures.write(
        spark, in, InputTable.LOGS, row(ts("2026-06-29T10:00:00Z"), "h1", "web", "INFO", null));
    InputLoader.Loaded l = load(spark, in, out);
    Validation.Outcome ch = l.outcomes().get(InputTable.CHANGES);
    assertEquals(Map.of("unknown_status", 1L), ch.quarantinedByReason());
    assertEquals(2, ch.acceptedCount());
    assertAccounted(ch);
    Validation.Outcome logs = l.outcomes().get(InputTable.LOGS);
    assertEquals(Map.of("null_message", 1L), logs.quarantinedByReason());
    assertAccounted(logs);
  }

  @Test
  void quarantineRowsKeepTheSourceFileAndTheOriginalValues(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Fixtures.smallLake(spark, in);
    Fixtures.write(
        spark,
        in,
        InputTable.METRICS,
        row(ts("2026-06-30T01:00:00Z"), null, "cpu_used_pct", 1.0, "web", 100.0));
    var q = load(spark, in, out).quarantine().collectAsList();
    assertEquals(1, q.size());
    assertEquals("metrics", q.get(0).getAs("table"));
    assertEquals("null_entity", q.get(0).getAs("reason"));
    org.junit.jupiter.api.Assertions.assertTrue(
        q.get(0).<String>getAs("source_file").contains("dt=2026-06-30"));
    org.junit.jupiter.api.Assertions.assertTrue(
        q.get(0).<String>getAs("row_json").contains("\"metric\":\"cpu_used_pct\""));
  }
}
