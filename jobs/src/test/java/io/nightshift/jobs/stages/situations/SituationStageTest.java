package io.nightshift.jobs.stages.situations;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.config.SituationSettings;
import io.nightshift.jobs.schema.AnomaliesTable;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.SituationMembersTable;
import io.nightshift.jobs.schema.SituationsTable;
import io.nightshift.jobs.stages.SituationStage;
import io.nightshift.testkit.SparkExtension;
import java.sql.Date;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stage on a hand-built night: payments-db slows at 02:10 after a deploy, checkout follows and
 * logs timeouts naming payments-db, an incident is opened on checkout; at the same time search
 * slows on its own (a pattern seen on three earlier nights without incidents).
 */
@ExtendWith(SparkExtension.class)
class SituationStageTest {
  private static final Instant DAY = Instant.parse("2026-06-30T00:00:00Z");

  private static Row anomaly(String entity, String service, String metric, String s, String e) {
    return row(
        entity,
        service,
        metric,
        ts(s),
        ts(e),
        ts(s),
        ts(s),
        100.0,
        20.0,
        10.0,
        30.0,
        0.9,
        5L,
        "5.0 sigma above the Tuesday 02:00 baseline");
  }

  private static Map<String, Dataset<Row>> computed;

  /** The night's tables, computed once for the class (cached). */
  private static synchronized Map<String, Dataset<Row>> night(SparkSession spark) {
    if (computed == null) {
      Map<String, Dataset<Row>> out = new java.util.LinkedHashMap<>();
      compute(spark).forEach((k, v) -> out.put(k, v.cache()));
      computed = out;
    }
    return computed;
  }

  private static Map<String, Dataset<Row>> compute(SparkSession spark) {
    Dataset<Row> anomalies =
        spark.createDataFrame(
            List.of(
                anomaly(
                    "host-17",
                    "payments-db",
                    "latency_ms",
                    "2026-06-30T02:10:00Z",
                    "2026-06-30T02:50:00Z"),
                anomaly(
                    "host-2",
                    "checkout",
                    "error_rate",
                    "2026-06-30T02:18:00Z",
                    "2026-06-30T02:55:00Z"),
                anomaly(
                    "host-3",
                    "search",
                    "latency_ms",
                    "2026-06-30T02:12:00Z",
                    "2026-06-30T02:40:00Z")),
            AnomaliesTable.SCHEMA);
    List<Row> logLines = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      logLines.add(
          row(
              ts("2026-06-30T02:" + (18 + i) + ":00Z"),
              "host-2",
              "checkout",
              "ERROR",
              "Timeout after 3000 ms waiting for payments-db"));
    }
    logLines.add(row(ts("2026-06-30T02:20:00Z"), "host-3", "search", "INFO", "Search query ok"));
    Dataset<Row> logs = spark.createDataFrame(logLines, InputTable.LOGS.schema());
    Dataset<Row> services =
        spark.createDataFrame(
            List.of(row("payments-db"), row("checkout"), row("search")),
            new StructType().add("service", DataTypes.StringType));
    Dataset<Row> changes =
        Fixtures.rows(
            spark,
            InputTable.CHANGES,
            row("CHG-1", "payments-db", null, ts("2026-06-30T01:30:00Z"), "success"),
            row("CHG-2", "search", null, ts("2026-06-29T20:00:00Z"), "success"));
    Dataset<Row> incidents =
        Fixtures.rows(
            spark,
            InputTable.INCIDENTS,
            row(
                "INC-1",
                "checkout",
                "host-2",
                "SEV2",
                null,
                "Checkout errors",
                ts("2026-06-30T02:30:00Z"),
                null,
                null,
                null));
    List<Row> pastRows = new ArrayList<>();
    for (int d = 1; d <= 3; d++) {
      pastRows.add(row("search:latency_ms", List.of(), Date.valueOf("2026-06-2" + (6 + d))));
    }
    Dataset<Row> past =
        spark.createDataFrame(
            pastRows,
            new StructType()
                .add(SituationsTable.SIGNATURE, DataTypes.StringType)
                .add(
                    SituationsTable.LINKED_INCIDENTS,
                    DataTypes.createArrayType(DataTypes.StringType))
                .add("run_date", DataTypes.DateType));
    SituationSettings settings = NightshiftConfig.load().situations();
    return SituationStage.compute(
        new SituationStage.Inputs(
            anomalies,
            Optional.empty(),
            logs,
            services,
            Optional.of(changes),
            incidents,
            Optional.of(past),
            DAY.minusSeconds(86400 * 7),
            DAY,
            DAY.plusSeconds(86400)),
        settings);
  }

  @Test
  void groupsTheCascadeAndKeepsTheSimultaneousUnrelatedSlowdownApart(SparkSession spark) {
    Map<String, Dataset<Row>> out = night(spark);
    List<Row> situations =
        out.get(SituationsTable.NAME).orderBy(SituationsTable.START).collectAsList();
    assertEquals(2, situations.size());
    Row cascade = situations.get(0);
    assertEquals(
        List.of("checkout", "payments-db"),
        cascade.getList(cascade.fieldIndex(SituationsTable.SERVICES)));
    assertEquals(3, (int) cascade.getAs(SituationsTable.MEMBERS));
    assertEquals(2, (int) cascade.getAs(SituationsTable.ANOMALIES));
    assertEquals(
        List.of("INC-1"), cascade.getList(cascade.fieldIndex(SituationsTable.LINKED_INCIDENTS)));
    assertEquals(
        List.of("CHG-1"), cascade.getList(cascade.fieldIndex(SituationsTable.LINKED_CHANGES)));
    List<Row> causes = cascade.getList(cascade.fieldIndex(SituationsTable.PROBABLE_CAUSES));
    assertEquals("CHG-1", causes.get(0).getAs("ref"));
    assertEquals("host-17|latency_ms|2026-06-30T02:10:00", causes.get(1).getAs("ref"));
    assertTrue(
        ((String) cascade.getAs(SituationsTable.HEADLINE))
            .startsWith(
                "change CHG-1 to payments-db 40 min before: payments-db latency_ms on host-17 at 02:10"));
    assertTrue((Boolean) cascade.getAs(SituationsTable.REPORTED));
    assertFalse((Boolean) cascade.getAs(SituationsTable.BENIGN));

    Row search = situations.get(1);
    assertEquals(List.of("search"), search.getList(search.fieldIndex(SituationsTable.SERVICES)));
    assertTrue(
        (Boolean) search.getAs(SituationsTable.BENIGN),
        "seen on 3 earlier nights without incidents");
    assertFalse((Boolean) search.getAs(SituationsTable.REPORTED));
  }

  @Test
  void writesTheDeclaredSchemasAndRanksMembers(SparkSession spark) {
    Map<String, Dataset<Row>> out = night(spark);
    assertEquals(
        List.of(SituationsTable.SCHEMA.fieldNames()),
        List.of(out.get(SituationsTable.NAME).schema().fieldNames()));
    for (var f : SituationsTable.SCHEMA.fields()) {
      assertEquals(
          f.dataType(),
          out.get(SituationsTable.NAME).schema().apply(f.name()).dataType(),
          f.name());
    }
    Dataset<Row> members = out.get(SituationMembersTable.NAME);
    assertEquals(
        List.of(SituationMembersTable.SCHEMA.fieldNames()), List.of(members.schema().fieldNames()));
    Row mention =
        members.where(members.col(SituationMembersTable.SOURCE).equalTo("mention")).first();
    assertEquals("payments-db", mention.getAs(SituationMembersTable.PEER_SERVICE));
    assertEquals(
        "8 WARN/ERROR lines naming payments-db", mention.getAs(SituationMembersTable.DETAIL));
    assertNull(mention.getAs(SituationMembersTable.CAUSE_RANK));
    Row db = members.where(members.col(SituationMembersTable.ENTITY).equalTo("host-17")).first();
    assertEquals(2, (int) db.getAs(SituationMembersTable.CAUSE_RANK));
  }
}
