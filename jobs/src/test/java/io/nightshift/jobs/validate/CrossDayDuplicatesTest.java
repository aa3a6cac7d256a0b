package io.nightshift.jobs.validate;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.ts;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.OutputLayout;
import io.nightshift.jobs.io.TableReader;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.Column;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-step validation (each day alone, then the window) classifies every row exactly as one
 * pass over the whole window does, with copies landed in other days' partitions, copies stamped
 * outside the window, copies with null columns, and whether the days are fresh or kept from an
 * earlier night.
 */
@ExtendWith(SparkExtension.class)
class CrossDayDuplicatesTest {
  private static final LocalDate RUN = LocalDate.parse("2026-06-30");

  @Test
  void classifiesEveryRowAsOnePassOverTheWindowDoes(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    lakeWithCopiesAcrossDays(spark, in);
    NightshiftConfig cfg = Fixtures.config(in, out);
    Instant start = Instant.parse("2026-06-24T00:00:00Z");
    Instant end = Instant.parse("2026-07-01T00:00:00Z");
    TableReader reader = new TableReader(spark, cfg.input(), false);
    TableReader.RawTable raw = reader.read(InputTable.METRICS, LocalDate.parse("2026-06-24"), RUN);

    Validation.Outcome twoSteps = Validation.run(raw, cfg.validation(), start, end);
    Dataset<Row> onePass = onePass(raw, cfg, start, end);

    assertSame(
        onePass.filter(col(Cols.Q_REASON).isNotNull()).select(quarantineColumns()),
        twoSteps.quarantined());
    assertSame(
        onePass.filter(col(Cols.Q_REASON).isNull()).select(canonicalAndDt()), twoSteps.accepted());
    assertEquals(
        Map.of("duplicate", 7L, "before_window", 2L, "non_finite_value", 2L),
        twoSteps.quarantinedByReason());
  }

  @Test
  void keptDaysGiveTheSameOutcomeAsFreshOnes(
      SparkSession spark, @TempDir Path in, @TempDir Path out) {
    lakeWithCopiesAcrossDays(spark, in);
    NightshiftConfig cfg = Fixtures.config(in, out);
    OutputLayout layout = new OutputLayout(out.toString());

    InputLoader.Loaded fresh = new InputLoader(spark, cfg).load(RUN);
    InputLoader.Loaded first = new InputLoader(spark, cfg).keepingDays(layout, false).load(RUN);
    InputLoader.Loaded again = new InputLoader(spark, cfg).keepingDays(layout, false).load(RUN);

    assertEquals(0, first.days().get(InputTable.METRICS).reused());
    assertEquals(7, again.days().get(InputTable.METRICS).reused());
    for (InputLoader.Loaded l : new InputLoader.Loaded[] {first, again}) {
      Validation.Outcome a = fresh.outcomes().get(InputTable.METRICS);
      Validation.Outcome b = l.outcomes().get(InputTable.METRICS);
      assertSame(a.accepted(), b.accepted());
      assertSame(a.quarantined(), b.quarantined());
      assertEquals(a.quarantinedByReason(), b.quarantinedByReason());
      assertEquals(a.read(), b.read());
    }
  }

  /**
   * Series x1: copies of rows in partitions other than their day (late and early arrivals), three
   * copies over three days, copies with a null capacity, copies stamped before the window, copies
   * of a row a rule quarantines, and a copy within one day.
   */
  private static void lakeWithCopiesAcrossDays(SparkSession spark, Path in) {
    Fixtures.smallLake(spark, in);
    Row lateArrival = row(ts("2026-06-29T23:00:00Z"), "x1", "cpu_used_pct", 1.0, "web", 100.0);
    Row earlyArrival = row(ts("2026-06-30T00:30:00Z"), "x1", "cpu_used_pct", 2.0, "web", 100.0);
    Row threeCopies = row(ts("2026-06-27T12:00:00Z"), "x1", "cpu_used_pct", 3.0, "web", 100.0);
    Row nullCapacity = row(ts("2026-06-28T05:00:00Z"), "x1", "cpu_used_pct", 4.0, "web", null);
    Row beforeWindow = row(ts("2026-06-01T00:00:00Z"), "x1", "cpu_used_pct", 5.0, "web", 100.0);
    Row notANumber = row(ts("2026-06-29T22:00:00Z"), "x1", "cpu_used_pct", Double.NaN, "web", 1.0);
    Row sameDay = row(ts("2026-06-26T08:00:00Z"), "x1", "cpu_used_pct", 6.0, "web", 100.0);
    at(spark, in, "2026-06-29", lateArrival, earlyArrival, notANumber, nullCapacity);
    at(spark, in, "2026-06-30", lateArrival, earlyArrival, notANumber);
    at(spark, in, "2026-06-27", threeCopies);
    at(spark, in, "2026-06-28", threeCopies, nullCapacity);
    at(spark, in, "2026-06-29", threeCopies);
    at(spark, in, "2026-06-24", beforeWindow);
    at(spark, in, "2026-06-25", beforeWindow);
    at(spark, in, "2026-06-26", sameDay, sameDay, sameDay);
  }

  private static void at(SparkSession spark, Path in, String dt, Row... rows) {
    Fixtures.writeAt(in, InputTable.METRICS, dt, Fixtures.rows(spark, InputTable.METRICS, rows));
  }

  /** The duplicate rule as one window over all rows of the window, ordered by reason then file. */
  private static Dataset<Row> onePass(
      TableReader.RawTable raw, NightshiftConfig cfg, Instant start, Instant end) {
    InputTable t = raw.table();
    Dataset<Row> ruled =
        RowRules.normalise(t, raw.rows(), cfg.validation())
            .withColumn(Cols.Q_REASON, RowRules.reason(t, cfg.validation(), start, end));
    org.apache.spark.sql.Column[] keys =
        Validation.dedupKeys(t).stream()
            .map(c -> col(c))
            .toArray(org.apache.spark.sql.Column[]::new);
    return ruled
        .withColumn(
            "_copy",
            row_number()
                .over(
                    Window.partitionBy(keys)
                        .orderBy(
                            col(Cols.Q_REASON).asc_nulls_first(), col(TableReader.SOURCE_FILE))))
        .withColumn(
            Cols.Q_REASON,
            when(col(Cols.Q_REASON).isNull().and(col("_copy").gt(1)), lit(Reasons.DUPLICATE))
                .otherwise(col(Cols.Q_REASON)));
  }

  private static org.apache.spark.sql.Column[] quarantineColumns() {
    return new org.apache.spark.sql.Column[] {
      lit(InputTable.METRICS.tableName()).as(Cols.Q_TABLE),
      col(Cols.Q_REASON),
      col(TableReader.SOURCE_FILE),
      to_json(struct(canonical())).as(Cols.Q_ROW)
    };
  }

  private static org.apache.spark.sql.Column[] canonical() {
    return InputTable.METRICS.columns().stream()
        .map(Column::name)
        .map(c -> col(c))
        .toArray(org.apache.spark.sql.Column[]::new);
  }

  private static org.apache.spark.sql.Column[] canonicalAndDt() {
    org.apache.spark.sql.Column[] c = canonical();
    org.apache.spark.sql.Column[] out = java.util.Arrays.copyOf(c, c.length + 1);
    out[c.length] = col(Cols.DT);
    return out;
  }

  private static void assertSame(Dataset<Row> expected, Dataset<Row> actual) {
    assertEquals(0, expected.exceptAll(actual).count(), "rows missing");
    assertEquals(0, actual.exceptAll(expected).count(), "rows extra");
  }
}
