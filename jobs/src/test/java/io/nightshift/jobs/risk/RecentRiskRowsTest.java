package io.nightshift.jobs.risk;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.io.InputTables;
import io.nightshift.jobs.schema.HourlyMetrics;
import io.nightshift.jobs.validate.InputLoader;
import io.nightshift.testkit.SharedData;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.sql.Date;
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

/**
 * A night whose risk models are all reused builds only its last days' feature rows; each of them
 * equals the row the whole window's build gives the same day (floating values within 1e-9: sums may
 * add in another order), on a 14-day window of the sample fleet (metrics, incidents, changes, and a
 * signal table).
 */
@ExtendWith(SparkExtension.class)
class RecentRiskRowsTest {
  private static final LocalDate NIGHT = LocalDate.parse("2026-06-30");
  private static final RiskFeatures.Options OPTIONS =
      new RiskFeatures.Options(8, 3.0, List.of("failed", "rolled_back"));

  @TempDir static Path out;
  private static InputTables loaded;

  /** The sample fleet's last 14 days, validated once for both cases. */
  private static InputTables tables(SparkSession spark) {
    if (loaded == null) {
      Path fleet = SharedData.repoDir().resolve("data-samples/fleet");
      loaded =
          new InputLoader(spark, Fixtures.config(fleet, out, "nightshift.input.lookbackDays", 14))
              .load(NIGHT)
              .tables();
    }
    return loaded;
  }

  @Test
  void theLastDaysRowsEqualTheWindowsRowsForThoseDays(SparkSession spark) {
    InputTables t = tables(spark);
    LocalDate first = NIGHT.minusDays(13);
    Dataset<Row> anomalies =
        t.metrics()
            .where(col("value").gt(90))
            .select(col("entity"), col("ts"), col("value").as("score"));
    RiskFeatures.Inputs in =
        new RiskFeatures.Inputs(
            HourlyMetrics.of(t.metrics()),
            t.incidents(),
            t.changes(),
            Map.of("anomalies", anomalies));
    assertLastDaysEqual(in, first);
  }

  /**
   * On a window longer than the incident history a row reads (30 days) plus the last days (65 days,
   * the sample's incidents moved 35 days back), the last days' rows still count every incident of
   * the window: an entity whose latest incident is 40 days back is 40 days from it in both builds,
   * not "never" in one of them.
   */
  @Test
  void onALongWindowTheLastDaysRowsStillSeeTheWindowsEarliestIncidents(SparkSession spark) {
    InputTables t = tables(spark);
    Dataset<Row> earlier =
        t.incidents().withColumn("opened_at", col("opened_at").minus(expr("INTERVAL 35 DAYS")));
    RiskFeatures.Inputs in =
        new RiskFeatures.Inputs(HourlyMetrics.of(t.metrics()), earlier, t.changes(), Map.of());
    assertLastDaysEqual(in, NIGHT.minusDays(64));
  }

  private static void assertLastDaysEqual(RiskFeatures.Inputs in, LocalDate first) {
    LocalDate recent = NIGHT.minusDays(RiskFeatures.LOOKBACK_DAYS);

    RiskFeatures.Built whole = RiskFeatures.build(in, first, NIGHT, OPTIONS);
    RiskFeatures.Built last = RiskFeatures.build(in, first, NIGHT, OPTIONS, recent);

    assertEquals(whole.features(), last.features());
    Map<String, Row> a = byEntityDay(whole.table());
    Map<String, Row> b = byEntityDay(last.table());
    assertTrue(a.size() > 0, "the sample fleet has rows on the last two days");
    assertEquals(a.keySet(), b.keySet());
    for (Map.Entry<String, Row> e : a.entrySet()) {
      Row x = e.getValue();
      Row y = b.get(e.getKey());
      for (String c : x.schema().fieldNames()) {
        Object u = x.getAs(c);
        Object v = y.getAs(c);
        if (u instanceof Double p && v instanceof Double q) {
          assertEquals(p, q, 1e-9 * Math.max(1.0, Math.abs(p)), e.getKey() + " " + c);
        } else {
          assertEquals(u, v, e.getKey() + " " + c);
        }
      }
    }
  }

  /** The last two days' rows (a few dozen), by entity and day. */
  private static Map<String, Row> byEntityDay(Dataset<Row> table) {
    Map<String, Row> out = new TreeMap<>();
    for (Row r :
        table
            .where(col(RiskFeatures.DAY).geq(lit(Date.valueOf(NIGHT.minusDays(1)))))
            .collectAsList()) {
      out.put(r.getAs("entity") + " " + r.getAs(RiskFeatures.DAY), r);
    }
    return out;
  }
}
