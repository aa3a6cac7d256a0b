package io.nightshift.jobs.stages;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.KpisTable;
import io.nightshift.jobs.stages.kpis.KpiInputs;
import io.nightshift.jobs.stages.kpis.LocalKpis;
import io.nightshift.testkit.SparkExtension;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The KPI definitions on a small example computed by hand. */
@ExtendWith(SparkExtension.class)
class KpiStageTest {
  // Window: Monday 2026-06-22 00:00 to Tuesday 2026-06-30 24:00 (9 days): weeks of 06-22 and 06-29.
  private static final Instant START = Instant.parse("2026-06-22T00:00:00Z");
  private static final Instant END = Instant.parse("2026-07-01T00:00:00Z");

  private static Row kpi(List<Row> rows, String service, String week) {
    return rows.stream()
        .filter(
            r ->
                r.getAs("service").equals(service) && r.getAs("week_start").toString().equals(week))
        .findFirst()
        .orElseThrow();
  }

  private static Dataset<Row> incidents(SparkSession spark) {
    return Fixtures.rows(
        spark,
        InputTable.INCIDENTS,
        // SEV1 open 60 min, detected after 10
        row(
            "A",
            "pay",
            "h1",
            "SEV1",
            "db",
            "t",
            ts("2026-06-23T10:00:00Z"),
            ts("2026-06-23T10:10:00Z"),
            ts("2026-06-23T11:00:00Z"),
            null),
        // SEV2 overlapping A by 30 min: open 10:30-12:00 (merged outage 10:00-12:00 = 120 min)
        row(
            "B",
            "pay",
            "h1",
            "SEV2",
            "db",
            "t",
            ts("2026-06-23T10:30:00Z"),
            ts("2026-06-23T10:50:00Z"),
            ts("2026-06-23T12:00:00Z"),
            null),
        // SEV3: not an outage; MTTR 30, MTTD 0
        row(
            "C",
            "pay",
            "h2",
            "SEV3",
            "db",
            "t",
            ts("2026-06-24T08:00:00Z"),
            ts("2026-06-24T08:00:00Z"),
            ts("2026-06-24T08:30:00Z"),
            null),
        // SEV2 in week 2 still open at the window end (Tue 23:00 -> Wed 00:00 = 60 min)
        row("D", "pay", "h1", "SEV2", "db", "t", ts("2026-06-30T23:00:00Z"), null, null, null),
        // SEV4 on another service
        row(
            "E",
            "web",
            "h3",
            "SEV4",
            "ui",
            "t",
            ts("2026-06-29T08:00:00Z"),
            ts("2026-06-29T08:20:00Z"),
            ts("2026-06-29T09:00:00Z"),
            null));
  }

  private static Dataset<Row> changes(SparkSession spark) {
    return Fixtures.rows(
        spark,
        InputTable.CHANGES,
        row("C1", "pay", "h1", ts("2026-06-23T09:00:00Z"), "success"),
        row("C2", "pay", "h1", ts("2026-06-23T09:30:00Z"), "failed"),
        row("C3", "pay", "h1", ts("2026-06-25T09:30:00Z"), "success"),
        row("C4", "pay", "h1", ts("2026-06-26T09:30:00Z"), "rolled_back"));
  }

  private static Dataset<Row> families(SparkSession spark) {
    return spark.createDataFrame(
        List.of(row("A", "F1"), row("B", "F1"), row("C", "F2")),
        new org.apache.spark.sql.types.StructType()
            .add("incident_id", "string")
            .add("family_id", "string"));
  }

  @Test
  void computesMttdMttrAvailabilityAndChangeSuccessByServiceAndWeek(SparkSession spark) {
    Dataset<Row> incidents = incidents(spark);
    Dataset<Row> changes = changes(spark);
    Dataset<Row> metrics = Fixtures.rows(spark, InputTable.METRICS);
    Dataset<Row> families = families(spark);
    NightshiftConfig cfg = NightshiftConfig.load();
    List<Row> out =
        KpiStage.compute(
                incidents,
                Optional.of(changes),
                metrics,
                Optional.of(families),
                START,
                END,
                cfg.kpis())
            .collectAsList();
    assertHandComputed(out);
  }

  @Test
  void theDriverPathComputesTheSameKpisInTheSameOrder(SparkSession spark) {
    List<Row> local =
        driverPath(spark, incidents(spark), Optional.of(changes(spark)), families(spark));
    assertHandComputed(local);
    assertSameRows(
        sparkPath(spark, incidents(spark), Optional.of(changes(spark)), families(spark)), local);
  }

  @Test
  void theDriverPathTakesAWindowOnlyWhileEachOfItsTablesIsWithinTheBound(SparkSession spark) {
    Dataset<Row> twoIncidents = incidents(spark).where("incident_id in ('A', 'B')");
    Optional<Dataset<Row>> fourChanges = Optional.of(changes(spark));
    Optional<Dataset<Row>> threeFamilyRows = Optional.of(families(spark));

    assertTrue(KpiInputs.collect(twoIncidents, fourChanges, threeFamilyRows, 4).isPresent());
    assertTrue(KpiInputs.collect(twoIncidents, fourChanges, threeFamilyRows, 3).isEmpty());
    assertTrue(KpiInputs.collect(twoIncidents, Optional.empty(), threeFamilyRows, 3).isPresent());
    assertTrue(
        KpiInputs.collect(incidents(spark), Optional.empty(), Optional.empty(), 4).isEmpty());
  }

  @Test
  void theDriverPathMatchesTheSparkPathOnEdgeCases(SparkSession spark) {
    Dataset<Row> incidents =
        incidents(spark)
            .union(
                Fixtures.rows(
                    spark,
                    InputTable.INCIDENTS,
                    // a SEV1 over the week boundary, resolved after the window: open to its end
                    row(
                        "F",
                        "web",
                        "h3",
                        "SEV1",
                        "ui",
                        "t",
                        ts("2026-06-28T20:00:00Z"),
                        null,
                        ts("2026-07-02T00:00:00Z"),
                        null),
                    // opened before the window: its outage starts at the window start
                    row(
                        "G",
                        "web",
                        "h3",
                        "SEV2",
                        "ui",
                        "t",
                        ts("2026-06-21T23:00:00Z"),
                        ts("2026-06-21T23:05:00Z"),
                        ts("2026-06-22T01:00:00Z"),
                        null),
                    // a service only incidents name, with no severity
                    row(
                        "H",
                        "mail",
                        "h4",
                        null,
                        "ui",
                        "t",
                        ts("2026-06-25T01:00:00Z"),
                        ts("2026-06-25T01:00:07.250Z"),
                        ts("2026-06-25T02:00:00Z"),
                        null)));
    Dataset<Row> changes =
        changes(spark)
            .union(
                Fixtures.rows(
                    spark,
                    InputTable.CHANGES,
                    row("C2", "pay", "h1", ts("2026-06-23T09:31:00Z"), "failed"),
                    row("C5", "dns", "h9", ts("2026-06-30T09:30:00Z"), null)));
    Dataset<Row> families =
        families(spark)
            .union(
                spark.createDataFrame(
                    List.of(row("F", "F3"), row("G", "F3"), row("F", "F4"), row("H", null)),
                    families(spark).schema()));
    assertSameRows(
        sparkPath(spark, incidents, Optional.of(changes), families, "cdn", "pay"),
        driverPath(spark, incidents, Optional.of(changes), families, "cdn", "pay"));
    assertSameRows(
        sparkPath(spark, incidents, Optional.empty(), null, "cdn"),
        driverPath(spark, incidents, Optional.empty(), null, "cdn"));
  }

  private static List<Row> sparkPath(
      SparkSession spark,
      Dataset<Row> incidents,
      Optional<Dataset<Row>> changes,
      Dataset<Row> families,
      String... metricServices) {
    Row[] metrics = new Row[metricServices.length];
    for (int i = 0; i < metrics.length; i++) {
      metrics[i] = row(ts("2026-06-23T00:00:00Z"), "h7", "cpu", 1.0, metricServices[i]);
    }
    return KpiStage.compute(
            incidents,
            changes,
            Fixtures.rows(spark, InputTable.METRICS, metrics),
            Optional.ofNullable(families),
            START,
            END,
            NightshiftConfig.load().kpis())
        .collectAsList();
  }

  private static List<Row> driverPath(
      SparkSession spark,
      Dataset<Row> incidents,
      Optional<Dataset<Row>> changes,
      Dataset<Row> families,
      String... metricServices) {
    KpiInputs in =
        KpiInputs.collect(incidents, changes, Optional.ofNullable(families), 100).orElseThrow();
    List<Row> rows =
        new LocalKpis(START, END, NightshiftConfig.load().kpis()).rows(in, Set.of(metricServices));
    return spark.createDataFrame(rows, KpisTable.SCHEMA).collectAsList();
  }

  /** The same rows in the same order, doubles bit for bit (means add up as Spark adds them). */
  private static void assertSameRows(List<Row> expected, List<Row> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      Row e = expected.get(i);
      Row a = actual.get(i);
      for (int c = 0; c < e.size(); c++) {
        String what = e.schema().fieldNames()[c] + " of " + e;
        if (e.get(c) instanceof Double d) {
          assertEquals(d, (Double) a.get(c), what);
        } else {
          assertEquals(e.get(c), a.get(c), what);
        }
      }
    }
  }

  private static void assertHandComputed(List<Row> out) {
    assertEquals(4, out.size(), "2 services x 2 weeks");

    Row pay1 = kpi(out, "pay", "2026-06-22");
    assertEquals(3L, pay1.<Long>getAs(KpisTable.INCIDENTS));
    assertEquals(1L, pay1.<Long>getAs(KpisTable.SEV1));
    assertEquals(1L, pay1.<Long>getAs(KpisTable.SEV2));
    assertEquals(1L, pay1.<Long>getAs(KpisTable.SEV3));
    assertEquals((10 + 20 + 0) / 3.0, pay1.<Double>getAs(KpisTable.MTTD_MEAN), 1e-9);
    assertEquals(10.0, pay1.<Double>getAs(KpisTable.MTTD_P50), 1e-9);
    assertEquals((60 + 90 + 30) / 3.0, pay1.<Double>getAs(KpisTable.MTTR_MEAN), 1e-9);
    assertEquals(60.0, pay1.<Double>getAs(KpisTable.MTTR_P50), 1e-9);
    assertEquals(84.0, pay1.<Double>getAs(KpisTable.MTTR_P90), 1e-9, "30,60,90: p90 = 60+0.8*30");
    assertEquals(120.0, pay1.<Double>getAs(KpisTable.OUTAGE_MINUTES), 1e-9);
    assertEquals(7 * 1440.0, pay1.<Double>getAs(KpisTable.COVERED_MINUTES), 1e-9);
    assertEquals(1 - 120.0 / (7 * 1440), pay1.<Double>getAs(KpisTable.AVAILABILITY), 1e-12);
    assertEquals(4L, pay1.<Long>getAs(KpisTable.CHANGES));
    assertEquals(2L, pay1.<Long>getAs(KpisTable.FAILED_CHANGES));
    assertEquals(0.5, pay1.<Double>getAs(KpisTable.CHANGE_SUCCESS_RATE), 1e-12);
    assertEquals(2L, pay1.<Long>getAs(KpisTable.RECURRING_INCIDENTS), "A and B share family F1");

    Row pay2 = kpi(out, "pay", "2026-06-29");
    assertEquals(1L, pay2.<Long>getAs(KpisTable.INCIDENTS));
    assertEquals(1L, pay2.<Long>getAs(KpisTable.OPEN_INCIDENTS));
    assertNull(pay2.getAs(KpisTable.MTTR_MEAN), "an open incident has no repair time yet");
    assertEquals(2 * 1440.0, pay2.<Double>getAs(KpisTable.COVERED_MINUTES), 1e-9);
    assertEquals(1 - 60.0 / (2 * 1440), pay2.<Double>getAs(KpisTable.AVAILABILITY), 1e-12);
    assertNull(pay2.getAs(KpisTable.CHANGE_SUCCESS_RATE), "no changes that week");

    Row web2 = kpi(out, "web", "2026-06-29");
    assertEquals(1.0, web2.<Double>getAs(KpisTable.AVAILABILITY), 1e-12, "SEV4 is no outage");
    assertEquals(60.0, web2.<Double>getAs(KpisTable.MTTR_MEAN), 1e-9);
  }
}
