package io.nightshift.jobs.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.config.BadConfigException;
import io.nightshift.jobs.config.ForecastSettings;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.schema.CapacityForecastTable;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.models.forecast.ForecasterModel;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The capacity_forecast table on a small simulated fleet with known saturation times. */
@ExtendWith(SparkExtension.class)
class CapacityForecastStageTest {
  private static final long T0 = java.time.Instant.parse("2026-06-01T00:00:00Z").getEpochSecond();
  private static final int HOURS = 30 * 24;

  /** Disk a: 60% + 0.5 %/day (85% in ~35 days from the end... see truth()). */
  private static double diskA(int t) {
    return 45 + 0.5 / 24 * t;
  }

  private static Dataset<Row> fleet(SparkSession spark) {
    Random r = new Random(5);
    List<Row> rows = new ArrayList<>();
    for (int t = 0; t < HOURS; t++) {
      Timestamp ts = new Timestamp((T0 + t * 3600L + 120) * 1000);
      double daily = Math.sin(2 * Math.PI * t / 24.0);
      rows.add(metric(ts, "h1", "disk_used_pct", diskA(t) + 0.2 * r.nextGaussian(), 100.0));
      rows.add(metric(ts, "h2", "disk_used_pct", 40 + 0.3 * daily + 0.2 * r.nextGaussian(), 100.0));
      // h3 fills 2 %/day and was cleaned up from ~75% to 20% on day 20.
      double h3 = t < 480 ? 35 + 2.0 / 24 * t : 20 + 2.0 / 24 * (t - 480);
      rows.add(metric(ts, "h3", "disk_used_pct", h3 + 0.2 * r.nextGaussian(), 100.0));
      rows.add(metric(ts, "h1", "cpu_pct", 50 + 20 * daily + r.nextGaussian(), null));
      rows.add(metric(ts, "h1", "mem_used_gb", 10 + 2 * daily + 0.1 * r.nextGaussian(), null));
    }
    return spark.createDataFrame(rows, InputTable.METRICS.schema());
  }

  private static Row metric(Timestamp ts, String e, String m, double v, Double cap) {
    return RowFactory.create(ts, e, m, v, "svc", cap);
  }

  private static ForecastSettings settings(Object... kv) {
    Map<String, Object> o = new java.util.LinkedHashMap<>();
    o.put("nightshift.forecast.capacities.mem_used_gb", 16);
    for (int i = 0; i < kv.length; i += 2) {
      o.put((String) kv[i], kv[i + 1]);
    }
    return NightshiftConfig.load(null, o).forecast();
  }

  private static Row find(List<Row> rows, String entity, String resource, double thr) {
    return rows.stream()
        .filter(
            r ->
                r.getAs(CapacityForecastTable.ENTITY).equals(entity)
                    && r.getAs(CapacityForecastTable.RESOURCE).equals(resource)
                    && ((Double) r.getAs(CapacityForecastTable.THRESHOLD_PCT)) == thr)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + entity + " " + resource));
  }

  @Test
  void reportsTimeToSaturationWithinTwentyPercentAndNoFalseAlarms(
      SparkSession spark, @TempDir Path dir) {
    String modelPath = dir.resolve("model").toString();
    List<Row> out =
        CapacityForecastStage.compute(fleet(spark), settings(), Optional.of(modelPath))
            .collectAsList();
    // 3 disks + configured memory, two thresholds each; cpu has no capacity.
    assertEquals(8, out.size());
    assertTrue(out.stream().noneMatch(r -> r.getAs("resource").equals("cpu_pct")));

    double nowA = diskA(HOURS - 1);
    for (double thr : new double[] {85, 100}) {
      Row a = find(out, "h1", "disk_used_pct", thr);
      double truthDays = (thr - nowA) / 0.5;
      double days = a.getAs(CapacityForecastTable.DAYS_P50);
      assertEquals(truthDays, days, Math.max(2, 0.2 * truthDays), "h1 at " + thr);
      assertTrue(a.<Boolean>getAs(CapacityForecastTable.SATURATES));
      assertTrue(
          a.<Double>getAs(CapacityForecastTable.DAYS_P90) <= days
              && a.<Double>getAs(CapacityForecastTable.DAYS_P90) > 0);
    }
    Row h3 = find(out, "h3", "disk_used_pct", 100);
    double nowH3 = 20 + 2.0 / 24 * (HOURS - 1 - 480);
    double truthH3 = (100 - nowH3) / 2.0;
    assertEquals(
        truthH3, h3.<Double>getAs(CapacityForecastTable.DAYS_P50), Math.max(2, 0.2 * truthH3));

    for (double thr : new double[] {85, 100}) {
      Row b = find(out, "h2", "disk_used_pct", thr);
      assertFalse(b.<Boolean>getAs(CapacityForecastTable.SATURATES));
      assertNull(b.getAs(CapacityForecastTable.DAYS_P50));
      assertEquals("not within 90 days", b.getAs(CapacityForecastTable.STATUS));
      Row mem = find(out, "h1", "mem_used_gb", thr);
      assertFalse(mem.<Boolean>getAs(CapacityForecastTable.SATURATES));
      assertEquals(16.0, mem.<Double>getAs(CapacityForecastTable.CAPACITY));
    }
    Row a85 = find(out, "h1", "disk_used_pct", 85);
    assertEquals(nowA, a85.<Double>getAs(CapacityForecastTable.CURRENT_UTILISATION_PCT), 1.0);
    assertEquals(nowA + 3.5, a85.<Double>getAs(CapacityForecastTable.P50_7D), 1.0);
    assertTrue(
        a85.<Double>getAs(CapacityForecastTable.P90_30D)
            >= a85.<Double>getAs(CapacityForecastTable.P50_30D));
    assertTrue(ForecasterModel.load(modelPath).fits().count() == 4);
  }

  @Test
  void aFillingResourceStaysFullAtOneHundredPercentAndSaysWhenItFills(
      SparkSession spark, @TempDir Path dir) {
    List<Row> out =
        CapacityForecastStage.compute(fleet(spark), settings(), Optional.empty()).collectAsList();
    for (Row r : out) {
      for (String c :
          List.of(
              CapacityForecastTable.CURRENT_UTILISATION_PCT,
              CapacityForecastTable.PEAK_UTILISATION_PCT,
              CapacityForecastTable.P50_90D,
              CapacityForecastTable.P90_90D)) {
        Double v = r.getAs(c);
        assertTrue(v == null || v <= 100.0, c + " of " + r.getAs("entity") + " is " + v);
      }
      for (String c :
          List.of(
              CapacityForecastTable.P10_PATH,
              CapacityForecastTable.P50_PATH,
              CapacityForecastTable.P90_PATH)) {
        List<Double> path = r.getList(r.fieldIndex(c));
        assertEquals(CapacityForecastTable.PATH_HOURS, path.size(), c);
        assertTrue(path.stream().allMatch(v -> v <= 100.0), c + " stays at or below 100%");
      }
    }
    // h3 fills at 2 %/day from ~40%: full within the 90 days, at 100% from then on.
    Row h3 = find(out, "h3", "disk_used_pct", 100);
    assertEquals(100.0, h3.<Double>getAs(CapacityForecastTable.P50_90D), 1e-9);
    Double full = h3.getAs(CapacityForecastTable.DAYS_TO_FULL);
    assertEquals(h3.<Double>getAs(CapacityForecastTable.DAYS_P50), full, 1e-9);
    assertEquals(
        full,
        find(out, "h3", "disk_used_pct", 85).<Double>getAs(CapacityForecastTable.DAYS_TO_FULL));
    Timestamp origin = h3.getAs(CapacityForecastTable.FORECAST_ORIGIN);
    assertEquals(
        origin.getTime() + Math.round(full * 86_400) * 1000,
        h3.<Timestamp>getAs(CapacityForecastTable.FULL_AT).getTime());
    // The cleanup on day 20 is a level reset; the forecast starts there.
    Timestamp reset = h3.getAs(CapacityForecastTable.LEVEL_RESET_AT);
    assertEquals(T0 + 480 * 3600L + 120, reset.getTime() / 1000, 3600);
    Row h2 = find(out, "h2", "disk_used_pct", 85);
    assertNull(h2.getAs(CapacityForecastTable.DAYS_TO_FULL));
    assertNull(h2.getAs(CapacityForecastTable.FULL_AT));
    Row a = find(out, "h1", "disk_used_pct", 85);
    String skill = a.getAs(CapacityForecastTable.SKILL);
    double mase = a.getAs(CapacityForecastTable.BACKTEST_MASE);
    if (mase < 1) {
      assertTrue(skill.startsWith("beat a naive forecast by "), skill);
      assertEquals(
          CapacityForecastTable.CONFIDENCE_HIGH, a.getAs(CapacityForecastTable.CONFIDENCE));
    } else {
      assertTrue(skill.startsWith("no better than a naive forecast"), skill);
      assertEquals(CapacityForecastTable.CONFIDENCE_LOW, a.getAs(CapacityForecastTable.CONFIDENCE));
    }
  }

  @Test
  void rejectsANonPositiveThreshold() {
    BadConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            BadConfigException.class,
            () -> settings("nightshift.forecast.thresholdsPct", List.of(85, -1)));
    assertTrue(
        e.getMessage().startsWith("config key 'nightshift.forecast.thresholdsPct' thresholds"),
        e.getMessage());
  }
}
