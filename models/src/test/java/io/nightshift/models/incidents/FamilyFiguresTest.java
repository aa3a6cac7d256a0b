package io.nightshift.models.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nightshift.testkit.SparkExtension;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Impact, MTTR, MTTD, trend and linked changes on a small example computed by hand. */
@ExtendWith(SparkExtension.class)
class FamilyFiguresTest {
  static final StructType INCIDENTS =
      new StructType()
          .add("incident_id", DataTypes.StringType)
          .add("service", DataTypes.StringType)
          .add("entity", DataTypes.StringType)
          .add("category", DataTypes.StringType)
          .add("severity", DataTypes.StringType)
          .add("opened_at", DataTypes.TimestampType)
          .add("detected_at", DataTypes.TimestampType)
          .add("resolved_at", DataTypes.TimestampType)
          .add("family_id", DataTypes.StringType)
          .add("family_label", DataTypes.StringType);

  static Timestamp t(String iso) {
    return iso == null ? null : Timestamp.from(Instant.parse(iso));
  }

  static Row inc(
      String id,
      String svc,
      String sev,
      String opened,
      String detected,
      String resolved,
      String fam) {
    return RowFactory.create(
        id, svc, "e-" + id, "disk", sev, t(opened), t(detected), t(resolved), fam, "label " + fam);
  }

  @Test
  void computesImpactMttrMttdTrendAndLinkedChangesOfHandExample(SparkSession spark) {
    Dataset<Row> incidents =
        spark.createDataFrame(
            List.of(
                inc(
                    "a1",
                    "s",
                    "SEV1",
                    "2024-03-01T10:00:00Z",
                    "2024-03-01T10:05:00Z",
                    "2024-03-01T11:00:00Z",
                    "A"),
                inc(
                    "a2",
                    "s",
                    "SEV2",
                    "2024-03-02T08:00:00Z",
                    "2024-03-02T08:20:00Z",
                    "2024-03-02T10:30:00Z",
                    "A"),
                inc("a3", "s", "SEV3", "2024-03-02T20:00:00Z", null, null, "A"),
                inc("b1", "t", "SEV4", "2024-03-01T00:00:00Z", null, "2024-03-01T00:30:30Z", "B")),
            INCIDENTS);
    Dataset<Row> changes =
        spark.createDataFrame(
            List.of(
                RowFactory.create("s", t("2024-03-02T06:30:00Z")),
                RowFactory.create("s", t("2024-03-01T12:00:00Z"))),
            new StructType()
                .add("service", DataTypes.StringType)
                .add("ts", DataTypes.TimestampType));
    FamilyFigures figures =
        new FamilyFigures(
            Instant.parse("2024-03-01T00:00:00Z"),
            Instant.parse("2024-03-03T00:00:00Z"),
            Map.of("SEV1", 10.0, "SEV2", 5.0, "SEV3", 2.0),
            1.0,
            2);
    Row a = figures.compute(incidents, changes).where("family_id = 'A'").first();
    assertEquals(3L, (long) a.getAs("incident_count"));
    assertEquals(1L, (long) a.getAs("count_first_half"));
    assertEquals(2L, (long) a.getAs("count_second_half"));
    assertEquals(1L, (long) a.getAs("trend"));
    // 10 x 60 + 5 x 150 + 2 x 240 (a3 is open until the window end)
    assertEquals(1830.0, (double) a.getAs("impact"), 1e-9);
    assertEquals(105.0, (double) a.getAs("mttr_mean_min"), 1e-9);
    assertEquals(105.0, (double) a.getAs("mttr_p50_min"), 1e-9);
    assertEquals(141.0, (double) a.getAs("mttr_p90_min"), 1e-9);
    assertEquals(12.5, (double) a.getAs("mttd_mean_min"), 1e-9);
    assertEquals(18.5, (double) a.getAs("mttd_p90_min"), 1e-9);
    assertEquals(t("2024-03-02T20:00:00Z"), a.getAs("last_occurrence"));
    assertEquals(1.0 / 3, (double) a.getAs("linked_change_share"), 1e-9);
    assertEquals(List.of("s"), a.getList(a.fieldIndex("services")));

    Row b = figures.compute(incidents, null).where("family_id = 'B'").first();
    assertEquals(30.5, (double) b.getAs("impact"), 1e-9, "SEV4 has the default weight 1");
    assertNull(b.getAs("mttd_mean_min"));
    assertNull(b.getAs("linked_change_share"), "no change table");
  }

  @Test
  void listsMemberIncidentsAndRootCausesWithTheirShareMostFrequentFirst(SparkSession spark) {
    StructType schema = INCIDENTS.add("root_cause", DataTypes.StringType);
    String[][] rows = {
      {"a3", "connection leak"}, {"a1", " connection leak "}, {"a2", "expired cert"}, {"a4", ""},
    };
    List<Row> data = new java.util.ArrayList<>();
    for (String[] r : rows) {
      Row base = inc(r[0], "s", "SEV2", "2024-03-01T10:00:00Z", null, null, "A");
      Object[] v = new Object[schema.size()];
      for (int i = 0; i < base.size(); i++) {
        v[i] = base.get(i);
      }
      v[base.size()] = r[1];
      data.add(RowFactory.create(v));
    }
    FamilyFigures figures =
        new FamilyFigures(
            Instant.parse("2024-03-01T00:00:00Z"),
            Instant.parse("2024-03-03T00:00:00Z"),
            Map.of(),
            1.0,
            2);
    Row a = figures.compute(spark.createDataFrame(data, schema), null).first();
    assertEquals(List.of("a1", "a2", "a3", "a4"), a.getList(a.fieldIndex("incident_ids")));
    List<Row> causes = a.getList(a.fieldIndex("root_causes"));
    assertEquals(3, causes.size());
    assertEquals("connection leak", causes.get(0).getAs("root_cause"));
    assertEquals(2L, (long) causes.get(0).getAs("incidents"));
    assertEquals(0.5, (double) causes.get(0).getAs("share"), 1e-12);
    assertEquals("expired cert", causes.get(1).getAs("root_cause"));
    assertNull(causes.get(2).getAs("root_cause"), "a blank cause is not recorded, listed last");
    assertEquals(0.25, (double) causes.get(2).getAs("share"), 1e-12);
  }
}
