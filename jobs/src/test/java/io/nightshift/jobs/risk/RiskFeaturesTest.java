package io.nightshift.jobs.risk;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.rows;
import static io.nightshift.jobs.Fixtures.ts;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.schema.InputTable;
import io.nightshift.testkit.SparkExtension;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
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
    return RiskFeatures.Inputs.fromPoints(
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

  /** The rows of a built table, collected once, by "entity|day". */
  static Map<String, Row> collect(RiskFeatures.Built b) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : b.table().collectAsList()) {
      out.put(r.getAs("entity") + "|" + r.getAs("day"), r);
    }
    return out;
  }

  static Row at(Map<String, Row> rows, String entity, LocalDate day) {
    Row r = rows.get(entity + "|" + Date.valueOf(day));
    assertNotNull(r, "no row for " + entity + " on " + day);
    return r;
  }

  /** An anomaly signal row on h1 on the evening of D (the anomaly stage's table, simplified). */
  static Dataset<Row> anomalies(SparkSession spark, boolean withLater) {
    String later =
        withLater ? " union all select 'h2', timestamp'2026-06-09 01:00:00', 9.9d, 'disk'" : "";
    return spark.sql(
        "select 'h1' as entity, timestamp'2026-06-08 19:00:00' as ts, 7.5d as score,"
            + " 'disk' as metric"
            + later);
  }

  /**
   * The fleet up to D (built for D-1..D), and the same fleet with two more days of metrics,
   * incidents, changes and anomalies after D (built for D-1..D+2). Built and collected once.
   */
  private static RiskFeatures.Built upToD;

  private static Map<String, Row> upToDRows;
  private static RiskFeatures.Built withLater;
  private static Map<String, Row> withLaterRows;

  @BeforeAll
  static void build(SparkSession spark) {
    Dataset<Row> noTime = spark.sql("select 'h1' as entity, 3.0d as score");
    RiskFeatures.Inputs a =
        inputs(
            spark,
            metricRows(D),
            List.of(incident("INC1", "h1", "2026-06-05T03:00:00Z")),
            List.of(change("CHG9", "h1", "2026-06-08T09:00:00Z", "failed")));
    upToD =
        RiskFeatures.build(
            new RiskFeatures.Inputs(
                a.hourlyMetrics(),
                a.incidents(),
                a.changes(),
                Map.of("anomalies", anomalies(spark, false), "forecast", noTime)),
            D.minusDays(1),
            D,
            OPTIONS);
    upToDRows = collect(upToD);
    List<Row> later = metricRows(D.plusDays(2));
    later.add(row(ts("2026-06-09T00:00:00Z"), "h2", "disk_used_pct", 99.0, "web", 100.0));
    later.add(row(ts("2026-06-09T00:00:00Z"), "h3", "cpu_used_pct", 99.0, "db", 100.0));
    RiskFeatures.Inputs b =
        inputs(
            spark,
            later,
            List.of(
                incident("INC1", "h1", "2026-06-05T03:00:00Z"),
                incident("INC2", "h2", "2026-06-09T00:00:00Z"),
                incident("INC3", null, "2026-06-09T05:00:00Z")),
            List.of(
                change("CHG9", "h1", "2026-06-08T09:00:00Z", "failed"),
                change("CHG10", "h2", "2026-06-09T00:00:00Z", "failed")));
    withLater =
        RiskFeatures.build(
            new RiskFeatures.Inputs(
                b.hourlyMetrics(),
                b.incidents(),
                b.changes(),
                Map.of("anomalies", anomalies(spark, true), "forecast", noTime)),
            D.minusDays(1),
            D.plusDays(2),
            OPTIONS);
    withLaterRows = collect(withLater);
  }

  @Test
  void buildsMetricIncidentAndChangeFeaturesOnAHandBuiltFleet() {
    Row h1 = at(upToDRows, "h1", D);
    assertEquals(0.8, h1.<Double>getAs("m__disk_used_pct__util"), 1e-9);
    assertEquals(50.0, h1.<Double>getAs("m__disk_used_pct__z_last"), 1e-9); // (80-50)/0.5, clipped
    assertEquals(6.0, h1.<Double>getAs(MetricFeatures.ANOMALY_HOURS), 1e-9);
    assertEquals(1.0, h1.<Double>getAs(HistoryFeatures.INC_7D), 1e-9);
    assertEquals(0.0, h1.<Double>getAs(HistoryFeatures.INC_1D), 1e-9);
    assertEquals(3.0, h1.<Double>getAs(HistoryFeatures.DAYS_SINCE_INC), 1e-9);
    assertEquals(1.0, h1.<Double>getAs(HistoryFeatures.SVC_INC_7D), 1e-9);
    assertEquals(1.0, h1.<Double>getAs(HistoryFeatures.FAILED_1D), 1e-9);
    assertEquals("CHG9", h1.getAs(HistoryFeatures.LAST_FAILED_CHANGE));
    Row h2 = at(upToDRows, "h2", D);
    assertEquals(0.0, h2.<Double>getAs("m__disk_used_pct__z_last"), 1e-9);
    assertEquals(0.0, h2.<Double>getAs(MetricFeatures.ANOMALY_HOURS), 1e-9);
    assertEquals(HistoryFeatures.NEVER, h2.<Double>getAs(HistoryFeatures.DAYS_SINCE_INC), 1e-9);
    assertEquals(1.0, h2.<Double>getAs(HistoryFeatures.SVC_INC_7D), 1e-9);
    assertEquals("web", h2.getAs("service"));
    assertTrue(upToD.features().contains("m__disk_used_pct__slope_z"));
    Row h1Before = at(upToDRows, "h1", D.minusDays(1));
    assertEquals(0.0, h1Before.<Double>getAs(HistoryFeatures.FAILED_1D), 1e-9);
    assertEquals(0.0, h1Before.<Double>getAs("m__disk_used_pct__z_last"), 1e-9);
  }

  @Test
  void featuresOfADayUseOnlyDataBeforeItsEnd() {
    assertTrue(withLater.features().containsAll(upToD.features()));
    for (String entity : List.of("h1", "h2")) {
      for (LocalDate day : List.of(D.minusDays(1), D)) {
        Row a = at(upToDRows, entity, day);
        Row b = at(withLaterRows, entity, day);
        for (String f : upToD.features()) {
          assertEquals(
              a.<Double>getAs(f),
              b.<Double>getAs(f),
              1e-9,
              entity + " " + day + " " + f + " changed with later data");
        }
        assertEquals(
            (Object) a.getAs(HistoryFeatures.LAST_FAILED_CHANGE),
            b.getAs(HistoryFeatures.LAST_FAILED_CHANGE));
      }
    }
    // the later data is really there: the next day sees the incident, the change and the anomaly
    Row h2Next = at(withLaterRows, "h2", D.plusDays(1));
    assertEquals(1.0, h2Next.<Double>getAs(HistoryFeatures.INC_1D), 1e-9);
    assertEquals(1.0, h2Next.<Double>getAs(HistoryFeatures.FAILED_1D), 1e-9);
    assertEquals(9.9, h2Next.<Double>getAs("sig__anomalies__max_score"), 1e-9);
    // a metric first seen after D gets columns, but they say nothing on D
    for (String f : withLater.features()) {
      if (!upToD.features().contains(f)) {
        assertTrue(f.startsWith("m__cpu_used_pct__"), f);
        assertEquals(0.0, at(withLaterRows, "h1", D).<Double>getAs(f), 1e-9, f);
      }
    }
    Row h3 = at(withLaterRows, "h3", D);
    assertEquals(0.0, h3.<Double>getAs(MetricFeatures.MAX_ABS_Z_LAST), 1e-9);
    assertEquals(0.0, h3.<Double>getAs(HistoryFeatures.INC_1D), 1e-9);
  }

  @Test
  void ratesPerObservedWeekShrinkTheEntityTowardsItsService() {
    // both web hosts observed from June 1 (8 days up to D); one incident on h1 on June 5
    double svcNum = Math.pow(2, -3 / HistoryFeatures.SERVICE_HALF_LIFE_DAYS);
    double svcDen = 0;
    double entDen = 0;
    for (int k = 0; k <= 7; k++) {
      svcDen += 2 * Math.pow(2, -k / HistoryFeatures.SERVICE_HALF_LIFE_DAYS);
      entDen += Math.pow(2, -k / HistoryFeatures.ENTITY_HALF_LIFE_DAYS);
    }
    double svcPerDay = svcNum / svcDen;
    double prior = HistoryFeatures.PRIOR_DAYS * svcPerDay;
    double own = Math.pow(2, -3 / HistoryFeatures.ENTITY_HALF_LIFE_DAYS);
    Row h1 = at(upToDRows, "h1", D);
    Row h2 = at(upToDRows, "h2", D);
    assertEquals(7 * svcPerDay, h1.<Double>getAs(HistoryFeatures.SERVICE_RATE), 1e-9);
    assertEquals(7 * svcPerDay, h2.<Double>getAs(HistoryFeatures.SERVICE_RATE), 1e-9);
    double entDays = entDen + HistoryFeatures.PRIOR_DAYS;
    assertEquals(7 * (own + prior) / entDays, h1.<Double>getAs(HistoryFeatures.ENTITY_RATE), 1e-9);
    assertEquals(7 * prior / entDays, h2.<Double>getAs(HistoryFeatures.ENTITY_RATE), 1e-9);
  }

  @Test
  void labelsIncidentsWithinEachHorizonAfterTheDayEnds(SparkSession spark) {
    Dataset<Row> incidents =
        rows(
            spark,
            InputTable.INCIDENTS,
            incident("INC9", "h1", "2026-06-09T06:00:00Z"),
            incident("INC8", null, "2026-06-12T00:00:00Z"));
    Map<String, Row> labelled =
        collect(
            new RiskFeatures.Built(
                RiskLabels.add(upToD.table(), incidents, List.of(24, 168)), upToD.features()));
    Row h1d8 = at(labelled, "h1", D);
    assertEquals(1.0, h1d8.<Double>getAs("label_24h"));
    assertEquals(6.0, h1d8.<Double>getAs(RiskLabels.HOURS_TO_NEXT), 1e-9);
    assertEquals("INC9", h1d8.getAs(RiskLabels.NEXT_INCIDENT));
    Row h1d7 = at(labelled, "h1", D.minusDays(1));
    assertEquals(0.0, h1d7.<Double>getAs("label_24h"));
    assertEquals(1.0, h1d7.<Double>getAs("label_168h"));
    Row h2d8 = at(labelled, "h2", D);
    assertEquals(0.0, h2d8.<Double>getAs("label_24h"));
    assertEquals(1.0, h2d8.<Double>getAs("label_168h"), "a service incident naming no entity");
  }

  @Test
  void addsSignalColumnsOnlyWhenTheTableIsPresentAndPlaceable(SparkSession spark) {
    assertTrue(upToD.features().contains("sig__anomalies__max_score"));
    assertTrue(upToD.features().stream().noneMatch(f -> f.startsWith("sig__forecast")));
    assertEquals(7.5, at(upToDRows, "h1", D).<Double>getAs("sig__anomalies__max_score"), 1e-9);
    assertEquals(0.0, at(upToDRows, "h2", D).<Double>getAs("sig__anomalies__rows"), 1e-9);
    RiskFeatures.Built without =
        RiskFeatures.build(inputs(spark, metricRows(D), List.of(), List.of()), D, D, OPTIONS);
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
        df.select(
                FactorWords.words(
                    col("factors"),
                    col("last_failed_change"),
                    lit(null).cast("map<string,double>"),
                    lit(null).cast("struct<resource:string,days:double>")))
            .first()
            .getList(0);
    assertEquals("disk_used_pct averaged 91% of capacity over the last 6 h", words.get(0));
    assertEquals("1 failed change(s) today (last CHG123)", words.get(1));
    assertEquals("4 anomalous metric-hours today", words.get(2));
  }

  @Test
  void quotesTheCapacityForecastsDaysToFullAndNothingWithoutOne(SparkSession spark) {
    Dataset<Row> df =
        spark.sql(
            "select array(named_struct('contribution', 2.0d, 'feature', 'm__conn_used__fill_speed_3d', 'value', 0.05d),"
                + " named_struct('contribution', 1.5d, 'feature', 'm__smart_9_raw__fill_speed', 'value', 0.003d),"
                + " named_struct('contribution', 1.0d, 'feature', 'all__max_fill_speed', 'value', 0.05d)) as factors,"
                + " map('conn_used', cast(null as double), 'disk_used_pct', 12.4d) as days,"
                + " named_struct('resource', 'disk_used_pct', 'days', 12.4d) as soonest");
    List<String> words =
        df.select(
                FactorWords.words(
                    col("factors"), lit(null).cast("string"), col("days"), col("soonest")))
            .first()
            .getList(0);
    assertEquals(null, words.get(0), "not full within the capacity forecast's horizon");
    assertEquals(null, words.get(1), "no capacity forecast: a counter or unbounded gauge");
    assertEquals("disk_used_pct full in about 12 days (capacity forecast)", words.get(2));
  }
}
