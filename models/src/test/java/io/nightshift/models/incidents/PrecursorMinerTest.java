package io.nightshift.models.incidents;

import static io.nightshift.models.incidents.FamilyFiguresTest.t;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nightshift.testkit.SparkExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Support and lift on a toy case computed by hand. */
@ExtendWith(SparkExtension.class)
class PrecursorMinerTest {

  @Test
  void countsAnAnomalyStillActiveInTheLookBackEvenIfItStartedEarlier(SparkSession spark) {
    StructType incSchema =
        new StructType()
            .add("incident_id", DataTypes.StringType)
            .add("service", DataTypes.StringType)
            .add("opened_at", DataTypes.TimestampType)
            .add("family_id", DataTypes.StringType);
    var incidents =
        spark.createDataFrame(
            List.of(
                RowFactory.create("i1", "s", t("2024-03-01T20:30:00Z"), "F"),
                RowFactory.create("i2", "s", t("2024-03-02T20:30:00Z"), "F")),
            incSchema);
    StructType evSchema =
        new StructType()
            .add("service", DataTypes.StringType)
            .add("start", DataTypes.TimestampType)
            .add("end", DataTypes.TimestampType)
            .add("kind", DataTypes.StringType)
            .add("name", DataTypes.StringType);
    // Leaks start 18 h before each incident and last until it: present in the 3 h before.
    var events =
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    "s",
                    t("2024-03-01T02:30:00Z"),
                    t("2024-03-01T21:00:00Z"),
                    "metric_anomaly",
                    "mem"),
                RowFactory.create(
                    "s",
                    t("2024-03-02T02:30:00Z"),
                    t("2024-03-02T21:00:00Z"),
                    "metric_anomaly",
                    "mem")),
            evSchema);
    PrecursorMiner miner =
        new PrecursorMiner(
            Instant.parse("2024-03-01T00:00:00Z"),
            Instant.parse("2024-03-03T00:00:00Z"),
            new int[] {3},
            0.5,
            1.0,
            2,
            3);
    Row p = miner.mine(incidents, events).first().<Row>getList(1).get(0);
    assertEquals("mem", p.getAs("name"));
    assertEquals(1.0, (double) p.getAs("support"), 1e-12);
    // Hours 2..21 of each day are touched (20 + 20 hours); the 3-hour windows starting at 0..21 and
    // 24..45 see one of them: 44 of 46 starts (only 22 and 23 miss), so lift = 46 / 44.
    assertEquals(46.0 / 44.0, (double) p.getAs("lift"), 1e-9);
  }

  @Test
  void ranksTheItemThatPrecedesEveryIncidentAndDropsCommonAndRareOnes(SparkSession spark) {
    StructType incSchema =
        new StructType()
            .add("incident_id", DataTypes.StringType)
            .add("service", DataTypes.StringType)
            .add("opened_at", DataTypes.TimestampType)
            .add("family_id", DataTypes.StringType);
    var incidents =
        spark.createDataFrame(
            List.of(
                RowFactory.create("i1", "s", t("2024-03-01T10:30:00Z"), "F"),
                RowFactory.create("i2", "s", t("2024-03-01T20:30:00Z"), "F"),
                RowFactory.create("i3", "s", t("2024-03-02T06:30:00Z"), "F")),
            incSchema);
    List<Row> ev = new ArrayList<>();
    for (String ts :
        List.of("2024-03-01T08:15:00Z", "2024-03-01T18:15:00Z", "2024-03-02T04:15:00Z")) {
      ev.add(RowFactory.create("s", t(ts), null, "metric_anomaly", "disk_used_pct"));
    }
    for (String ts :
        List.of("2024-03-01T09:00:00Z", "2024-03-02T16:00:00Z", "2024-03-02T20:00:00Z")) {
      ev.add(RowFactory.create("s", t(ts), null, "metric_anomaly", "cpu_pct"));
    }
    for (int hour = 0; hour < 48; hour++) {
      ev.add(
          RowFactory.create(
              "s",
              t(Instant.parse("2024-03-01T00:00:00Z").plusSeconds(hour * 3600L).toString()),
              null,
              "log_template",
              "gc_pause"));
    }
    StructType evSchema =
        new StructType()
            .add("service", DataTypes.StringType)
            .add("start", DataTypes.TimestampType)
            .add("end", DataTypes.TimestampType)
            .add("kind", DataTypes.StringType)
            .add("name", DataTypes.StringType);
    PrecursorMiner miner =
        new PrecursorMiner(
            Instant.parse("2024-03-01T00:00:00Z"),
            Instant.parse("2024-03-03T00:00:00Z"),
            new int[] {3, 24},
            0.5,
            2.0,
            2,
            3);
    List<Row> out = miner.mine(incidents, spark.createDataFrame(ev, evSchema)).collectAsList();
    assertEquals(1, out.size());
    List<Row> precursors = out.get(0).getList(out.get(0).fieldIndex("precursors"));
    // disk_used_pct: before all 3 incidents (support 1); it falls in 3 x 3 of the 46 aligned
    // 3-hour windows of the 48-hour window, so lift = 1 / (9 / 46). cpu_pct: support 1/3 < 0.5.
    // gc_pause: every hour, lift 1 < 2.
    assertEquals(1, precursors.size());
    Row p = precursors.get(0);
    assertEquals("metric_anomaly", p.getAs("kind"));
    assertEquals("disk_used_pct", p.getAs("name"));
    assertEquals(1, (int) p.getAs("rank"));
    assertEquals(1.0, (double) p.getAs("support"), 1e-12);
    assertEquals(46.0 / 9.0, (double) p.getAs("lift"), 1e-9);
    assertEquals(3L, (long) p.getAs("incidents"));
    // At 24 h, disk_used_pct still precedes every incident but covers far more windows (lift 1.6).
    assertEquals(3, (int) p.getAs("hours"));
  }

  @Test
  void listsTheDetailsOfTheDistinctEventsThatPrecededTheIncidents(SparkSession spark) {
    StructType incSchema =
        new StructType()
            .add("incident_id", DataTypes.StringType)
            .add("service", DataTypes.StringType)
            .add("opened_at", DataTypes.TimestampType)
            .add("family_id", DataTypes.StringType);
    var incidents =
        spark.createDataFrame(
            List.of(
                RowFactory.create("i1", "s", t("2024-03-01T10:30:00Z"), "F"),
                RowFactory.create("i2", "s", t("2024-03-01T11:00:00Z"), "F"),
                RowFactory.create("i3", "s", t("2024-03-02T06:30:00Z"), "F")),
            incSchema);
    StructType evSchema =
        new StructType()
            .add("service", DataTypes.StringType)
            .add("start", DataTypes.TimestampType)
            .add("end", DataTypes.TimestampType)
            .add("kind", DataTypes.StringType)
            .add("name", DataTypes.StringType)
            .add("detail", DataTypes.StringType);
    // The 09:00 change precedes both i1 and i2 (one event); the 05:00 one precedes i3; the change
    // on the next evening precedes nothing and is not counted.
    var events =
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    "s", t("2024-03-01T09:00:00Z"), null, "change", "change", "failed"),
                RowFactory.create(
                    "s", t("2024-03-02T05:00:00Z"), null, "change", "change", "success"),
                RowFactory.create(
                    "s", t("2024-03-02T20:00:00Z"), null, "change", "change", "success")),
            evSchema);
    PrecursorMiner miner =
        new PrecursorMiner(
            Instant.parse("2024-03-01T00:00:00Z"),
            Instant.parse("2024-03-03T00:00:00Z"),
            new int[] {3},
            0.5,
            2.0,
            2,
            3);
    Row p = miner.mine(incidents, events).first().<Row>getList(1).get(0);
    assertEquals(3L, (long) p.getAs("incidents"));
    List<Row> details = p.getList(p.fieldIndex("details"));
    assertEquals(2, details.size());
    assertEquals("failed", details.get(0).getAs("detail"));
    assertEquals(1L, (long) details.get(0).getAs("events"));
    assertEquals("success", details.get(1).getAs("detail"));
    assertEquals(1L, (long) details.get(1).getAs("events"));
  }
}
