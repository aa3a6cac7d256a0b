package io.nightshift.jobs.validate;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.OutputLayout;
import io.nightshift.jobs.schema.HourlyMetrics;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.LogWarnings;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A night that keeps its validated days also keeps each metrics day rolled up to hours (and each
 * logs day's WARN-or-worse lines), and reads the window's hourly roll-up from them instead of from
 * the window's points. What it reads is exactly the roll-up of the window's accepted points, on the
 * night that writes the days and on the nights that reuse them; when a live point lies outside its
 * day (a copy across days may then be dropped), the kept roll-ups would not add up and the night
 * rolls the points up itself.
 */
@ExtendWith(SparkExtension.class)
class KeptHourlyRollupTest {
  private static final LocalDate RUN = LocalDate.parse("2026-06-30");

  @Test
  void theKeptDaysRollUpToTheWindowsAcceptedPoints(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Fixtures.smallLake(spark, in);
    // a copy within a day, a value no rule accepts, a capacity stated once, two values at one time
    at(
        spark,
        in,
        "2026-06-28",
        row(ts("2026-06-28T07:00:00Z"), "h1", "disk_used_pct", 70.0, "web", null),
        row(ts("2026-06-28T07:00:00Z"), "h1", "disk_used_pct", 70.0, "web", null),
        row(ts("2026-06-28T07:10:00Z"), "h1", "disk_used_pct", Double.NaN, "web", null),
        row(ts("2026-06-28T07:20:00Z"), "h1", "disk_used_pct", 71.0, "web", 500.0),
        row(ts("2026-06-28T07:30:00Z"), "h1", "disk_used_pct", 72.0, "web", null),
        row(ts("2026-06-28T07:30:00Z"), "h1", "disk_used_pct", 75.0, "db", null));
    NightshiftConfig cfg = Fixtures.config(in, out);
    OutputLayout layout = new OutputLayout(out.toString());

    InputLoader.Loaded first = new InputLoader(spark, cfg).keepingDays(layout, false).load(RUN);
    InputLoader.Loaded next = new InputLoader(spark, cfg).keepingDays(layout, false).load(RUN);

    assertEquals(3, next.days().get(InputTable.METRICS).reused()); // every metrics day
    for (InputLoader.Loaded night : new InputLoader.Loaded[] {first, next}) {
      Dataset<Row> kept = night.tables().hourlyMetrics().orElseThrow();
      assertSameRows(HourlyMetrics.of(night.tables().metrics()), kept);
      assertEquals(3, kept.count()); // h1 disk 06-28 07:00, h1 cpu 06-29 10:00, h2 cpu 06-30 10:00
    }
    // counted from the kept days, the quarantine lists what a night without state lists
    InputLoader.Loaded plain = new InputLoader(spark, cfg).load(RUN);
    Map<String, Long> reasons = plain.outcomes().get(InputTable.METRICS).quarantinedByReason();
    assertEquals(2, reasons.size(), "a copy and a value no rule accepts: " + reasons);
    for (InputLoader.Loaded night : new InputLoader.Loaded[] {first, next}) {
      assertEquals(reasons, night.outcomes().get(InputTable.METRICS).quarantinedByReason());
      assertSameRows(plain.quarantine(), night.quarantine());
    }
  }

  @Test
  void aPastDayThatChangesIsRolledUpAgain(SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Fixtures.smallLake(spark, in);
    NightshiftConfig cfg = Fixtures.config(in, out);
    OutputLayout layout = new OutputLayout(out.toString());
    new InputLoader(spark, cfg).keepingDays(layout, false).load(RUN);

    at(
        spark,
        in,
        "2026-06-29",
        row(ts("2026-06-29T10:30:00Z"), "h1", "cpu_used_pct", 90.0, "web", 100.0));
    InputLoader.Loaded next = new InputLoader(spark, cfg).keepingDays(layout, false).load(RUN);

    assertEquals(Map.of("changed", 1), next.days().get(InputTable.METRICS).recomputed());
    assertSameRows(
        HourlyMetrics.of(next.tables().metrics()), next.tables().hourlyMetrics().orElseThrow());
  }

  @Test
  void aLivePointOutsideItsDayMakesTheNightRollUpThePoints(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Fixtures.smallLake(spark, in);
    Row late = row(ts("2026-06-29T23:00:00Z"), "h1", "cpu_used_pct", 1.0, "web", 100.0);
    at(spark, in, "2026-06-29", late);
    at(spark, in, "2026-06-30", late);
    NightshiftConfig cfg = Fixtures.config(in, out);
    OutputLayout layout = new OutputLayout(out.toString());

    InputLoader.Loaded night = new InputLoader(spark, cfg).keepingDays(layout, false).load(RUN);

    assertTrue(night.tables().hourlyMetrics().isEmpty());
    assertEquals(
        Map.of("duplicate", 1L), night.outcomes().get(InputTable.METRICS).quarantinedByReason());
  }

  @Test
  void theKeptLogsDaysWarningsAreTheWindowsAcceptedWarnOrWorseLines(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    Fixtures.smallLake(spark, in);
    // a warning copied within its day, one in lower case, and an ordinary line
    Row warn = row(ts("2026-06-28T08:00:00Z"), "h1", "web", "WARN", "Slow answer from payments-db");
    Fixtures.writeAt(
        in,
        InputTable.LOGS,
        "2026-06-28",
        Fixtures.rows(
            spark,
            InputTable.LOGS,
            warn,
            warn,
            row(ts("2026-06-28T08:05:00Z"), "h1", "web", "error", "Timeout calling payments-db"),
            row(ts("2026-06-28T08:10:00Z"), "h1", "web", "INFO", "GET /b 200 in 4 ms")));
    NightshiftConfig cfg = Fixtures.config(in, out);
    OutputLayout layout = new OutputLayout(out.toString());

    InputLoader.Loaded first = new InputLoader(spark, cfg).keepingDays(layout, false).load(RUN);
    InputLoader.Loaded next = new InputLoader(spark, cfg).keepingDays(layout, false).load(RUN);

    for (InputLoader.Loaded night : new InputLoader.Loaded[] {first, next}) {
      Dataset<Row> kept = night.tables().logWarnings().orElseThrow();
      assertSameRows(LogWarnings.of(night.tables().logs()), kept);
      assertEquals(3, kept.count()); // the warning once, the lower-case error, 06-30's ERROR
    }
  }

  private static void at(SparkSession spark, Path in, String dt, Row... rows) {
    Fixtures.writeAt(in, InputTable.METRICS, dt, Fixtures.rows(spark, InputTable.METRICS, rows));
  }

  private static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    Dataset<Row> a = actual.selectExpr(expected.columns());
    assertEquals(0, expected.exceptAll(a).count(), "rows missing from the kept ones");
    assertEquals(0, a.exceptAll(expected).count(), "rows the kept ones should not have");
  }
}
