package io.nightshift.jobs.risk;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.rows;
import static io.nightshift.jobs.Fixtures.ts;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.schema.InputTable;
import io.nightshift.testkit.SparkExtension;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class RiskFeaturesTest {
  static final LocalDate D = LocalDate.of(2026, 6, 8);
  static final RiskFeatures.Options OPTIONS =
      new RiskFeatures.Options(5, 3.0, List.of("failed", "rolled_back"));

  /**
   * h1 (web): disk at 50 of 100 every hour from June 1, and at 80 in the last six hours of June 8;
   * h2 (web): flat at 30. An incident on h1 on June 5, a failed change CHG9 on h1 on June 8.
   */
  static List<Row> metricRows(LocalDate last) {
    List<Row> out = new ArrayList<>();
    for (LocalDate d = LocalDate.of(2026, 6, 1); !d.isAfter(last); d = d.plusDays(1)) {
      for (int h = 0; h < 24; h++) {
        String t = d + "T" + String.format("%02d", h) + ":10:00Z";
        double v = d.equals(D) && h >= 18 ? 80 : 50;
        out.add(row(ts(t), "h1", "disk_used_pct", v, "web", 100.0));
        out.add(row(ts(t), "h2", "disk_used_pct", 30.0, "web", 100.0));
      }
    }
    return out;
  }

  static RiskFeatures.Inputs inputs(
      SparkSession spark, List<Row> metrics, List<Row> incidents, List<Row> changes) {
    return new RiskFeatures.Inputs(
        rows(spark, InputTable.METRICS, metrics.toArray(new Row[0])),
        rows(spark, InputTable.INCIDENTS, incidents.toArray(new Row[0])),
        Optional.of(rows(spark, InputTable.CHANGES, changes.toArray(new Row[0]))),
        Map.of());
  }

  static Row incident(String id, String entity, String opened) {
    return row(id, "web", entity, "SEV2", "disk", "disk full", ts(opened), null, null, null);
  }

  static Row change(String id, String entity, String at, String status) {
    return row(id, "web", entity, ts(at), status);
  }

  static Row featuresOf(RiskFeatures.Built b, String entity, LocalDate day) {
    return b.table()
        .filter(col("entity").equalTo(entity).and(col("day").equalTo(lit(Date.valueOf(day)))))
        .first();
  }

  @Test
  void buildsMetricIncidentAndChangeFeaturesOnAHandBuiltFleet(SparkSession spark) {
    RiskFeatures.Built b =
        RiskFeatures.build(
            inputs(
                spark,
                metricRows(D),
                List.of(incident("INC1", "h1", "2026-06-05T03:00:00Z")),
                List.of(change("CHG9", "h1", "2026-06-08T09:00:00Z", "failed"))),
            D,
            D,
            OPTIONS);
    Row h1 = featuresOf(b, "h1", D);
    assertEquals(0.8, h1.<Double>getAs("m__disk_used_pct__util"), 1e-9);
    assertEquals(50.0, h1.<Double>getAs("m__disk_used_pct__z_last"), 1e-9); // (80-50)/0.5, clipped
    assertEquals(6.0, h1.<Double>getAs(MetricFeatures.ANOMALY_HOURS), 1e-9);
    assertEquals(1.0, h1.<Double>getAs(HistoryFeatures.INC_7D), 1e-9);
    assertEquals(0.0, h1.<Double>getAs(HistoryFeatures.INC_1D), 1e-9);
    assertEquals(3.0, h1.<Double>getAs(HistoryFeatures.DAYS_SINCE_INC), 1e-9);
    assertEquals(1.0, h1.<Double>getAs(HistoryFeatures.SVC_INC_7D), 1e-9);
    assertEquals(1.0, h1.<Double>getAs(HistoryFeatures.FAILED_1D), 1e-9);
    assertEquals("CHG9", h1.getAs(HistoryFeatures.LAST_FAILED_CHANGE));
    Row h2 = featuresOf(b, "h2", D);
    assertEquals(0.0, h2.<Double>getAs("m__disk_used_pct__z_last"), 1e-9);
    assertEquals(0.0, h2.<Double>getAs(MetricFeatures.ANOMALY_HOURS), 1e-9);
    assertEquals(HistoryFeatures.NEVER, h2.<Double>getAs(HistoryFeatures.DAYS_SINCE_INC), 1e-9);
    assertEquals(1.0, h2.<Double>getAs(HistoryFeatures.SVC_INC_7D), 1e-9);
    assertEquals("web", h2.getAs("service"));
    assertTrue(b.features().contains("m__disk_used_pct__slope_z"));
  }

  @Test
  void featuresOfADayUseOnlyDataBeforeItsEnd(SparkSession spark) {
    RiskFeatures.Built before =
        RiskFeatures.build(
            inputs(
                spark,
                metricRows(D),
                List.of(incident("INC1", "h1", "2026-06-05T03:00:00Z")),
                List.of(change("CHG9", "h1", "2026-06-08T09:00:00Z", "failed"))),
            D,
            D,
            OPTIONS);
    List<Row> later = metricRows(D.plusDays(2));
    later.add(row(ts("2026-06-09T00:00:00Z"), "h2", "disk_used_pct", 99.0, "web", 100.0));
    later.add(row(ts("2026-06-09T00:00:00Z"), "h3", "cpu_used_pct", 99.0, "db", 100.0));
    RiskFeatures.Built after =
        RiskFeatures.build(
            inputs(
                spark,
                later,
                List.of(
                    incident("INC1", "h1", "2026-06-05T03:00:00Z"),
                    incident("INC2", "h2", "2026-06-09T00:00:00Z"),
                    incident("INC3", null, "2026-06-09T05:00:00Z")),
                List.of(
                    change("CHG9", "h1", "2026-06-08T09:00:00Z", "failed"),
                    change("CHG10", "h2", "2026-06-09T00:00:00Z", "failed"))),
            D.minusDays(1),
            D.plusDays(2),
            OPTIONS);
    for (String entity : List.of("h1", "h2")) {
      Row a = featuresOf(before, entity, D);
      Row b = featuresOf(after, entity, D);
      for (String f : before.features()) {
        assertEquals(
            a.<Double>getAs(f),
            b.<Double>getAs(f),
            1e-9,
            entity + " " + f + " changed with later data");
      }
      assertEquals(
          (Object) a.getAs(HistoryFeatures.LAST_FAILED_CHANGE),
          b.getAs(HistoryFeatures.LAST_FAILED_CHANGE));
    }
    Row h3 = featuresOf(after, "h3", D);
    assertEquals(0.0, h3.<Double>getAs(MetricFeatures.MAX_ABS_Z_LAST), 1e-9);
    assertEquals(0.0, h3.<Double>getAs(HistoryFeatures.INC_1D), 1e-9);
  }

  @Test
  void labelsIncidentsWithinEachHorizonAfterTheDayEnds(SparkSession spark) {
    RiskFeatures.Built b =
        RiskFeatures.build(
            inputs(spark, metricRows(D), List.of(), List.of()), D.minusDays(1), D, OPTIONS);
    Dataset<Row> incidents =
        rows(
            spark,
            InputTable.INCIDENTS,
            incident("INC9", "h1", "2026-06-09T06:00:00Z"),
            incident("INC8", null, "2026-06-12T00:00:00Z"));
    Dataset<Row> labelled = RiskLabels.add(b.table(), incidents, List.of(24, 168));
    Row h1d8 =
        labelled
            .filter(col("entity").equalTo("h1").and(col("day").equalTo(lit(Date.valueOf(D)))))
            .first();
    assertEquals(1.0, h1d8.<Double>getAs("label_24h"));
    assertEquals(6.0, h1d8.<Double>getAs(RiskLabels.HOURS_TO_NEXT), 1e-9);
    assertEquals("INC9", h1d8.getAs(RiskLabels.NEXT_INCIDENT));
    Row h1d7 =
        labelled
            .filter(
                col("entity")
                    .equalTo("h1")
                    .and(col("day").equalTo(lit(Date.valueOf(D.minusDays(1))))))
            .first();
    assertEquals(0.0, h1d7.<Double>getAs("label_24h"));
    assertEquals(1.0, h1d7.<Double>getAs("label_168h"));
    Row h2d8 =
        labelled
            .filter(col("entity").equalTo("h2").and(col("day").equalTo(lit(Date.valueOf(D)))))
            .first();
    assertEquals(0.0, h2d8.<Double>getAs("label_24h"));
    assertEquals(1.0, h2d8.<Double>getAs("label_168h"), "a service incident naming no entity");
  }

  @Test
  void addsSignalColumnsOnlyWhenTheTableIsPresentAndPlaceable(SparkSession spark) {
    Dataset<Row> anomalies =
        spark.sql(
            "select 'h1' as entity, timestamp'2026-06-08 19:00:00' as ts, 7.5d as score, 'disk' as metric");
    Dataset<Row> noTime = spark.sql("select 'h1' as entity, 3.0d as score");
    RiskFeatures.Inputs base = inputs(spark, metricRows(D), List.of(), List.of());
    RiskFeatures.Built with =
        RiskFeatures.build(
            new RiskFeatures.Inputs(
                base.metrics(),
                base.incidents(),
                base.changes(),
                Map.of("anomalies", anomalies, "forecast", noTime)),
            D,
            D,
            OPTIONS);
    assertTrue(with.features().contains("sig__anomalies__max_score"));
    assertTrue(with.features().stream().noneMatch(f -> f.startsWith("sig__forecast")));
    assertEquals(7.5, featuresOf(with, "h1", D).<Double>getAs("sig__anomalies__max_score"), 1e-9);
    assertEquals(0.0, featuresOf(with, "h2", D).<Double>getAs("sig__anomalies__rows"), 1e-9);
    RiskFeatures.Built without = RiskFeatures.build(base, D, D, OPTIONS);
    assertTrue(without.features().stream().noneMatch(f -> f.startsWith("sig__")));
  }

  @Test
  void putsFactorsIntoWords(SparkSession spark) {
    Dataset<Row> df =
        spark.sql(
            "select array(named_struct('contribution', 2.0d, 'feature', 'm__disk_used_pct__util', 'value', 0.91d),"
                + " named_struct('contribution', 1.0d, 'feature', 'chg__entity_failed_1d', 'value', 1.0d),"
                + " named_struct('contribution', 0.5d, 'feature', 'all__anomaly_hours', 'value', 4.0d)) as factors,"
                + " 'CHG123' as last_failed_change");
    List<String> words =
        df.select(FactorWords.words(col("factors"), col("last_failed_change"))).first().getList(0);
    assertEquals("disk_used_pct at 91% of capacity", words.get(0));
    assertEquals("1 failed change(s) today (last CHG123)", words.get(1));
    assertEquals("4 anomalous metric-hours today", words.get(2));
  }
}
