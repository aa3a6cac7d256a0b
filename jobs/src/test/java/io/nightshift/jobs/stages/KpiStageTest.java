package io.nightshift.jobs.stages;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.KpisTable;
import io.nightshift.testkit.SparkExtension;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

  @Test
  void computesMttdMttrAvailabilityAndChangeSuccessByServiceAndWeek(SparkSession spark) {
    Dataset<Row> incidents =
        Fixtures.rows(
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
    Dataset<Row> changes =
        Fixtures.rows(
            spark,
            InputTable.CHANGES,
            row("C1", "pay", "h1", ts("2026-06-23T09:00:00Z"), "success"),
            row("C2", "pay", "h1", ts("2026-06-23T09:30:00Z"), "failed"),
            row("C3", "pay", "h1", ts("2026-06-25T09:30:00Z"), "success"),
            row("C4", "pay", "h1", ts("2026-06-26T09:30:00Z"), "rolled_back"));
    Dataset<Row> metrics = Fixtures.rows(spark, InputTable.METRICS);
    Dataset<Row> families =
        spark.createDataFrame(
            List.of(row("A", "F1"), row("B", "F1"), row("C", "F2")),
            new org.apache.spark.sql.types.StructType()
                .add("incident_id", "string")
                .add("family_id", "string"));
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
