package io.nightshift.models.anomaly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class AnomalyDetectorTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("entity", DataTypes.StringType)
          .add("metric", DataTypes.StringType)
          .add("ts", DataTypes.TimestampType)
          .add("value", DataTypes.DoubleType);
  private static final int DAY = 288;
  private static final int SPIKE = 9 * DAY + 150;

  private static Dataset<Row> history;
  private static Dataset<Row> lastDay;
  private static AnomalyDetectorModel model;

  @BeforeAll
  static void data(SparkSession spark) {
    List<Row> hist = new ArrayList<>();
    List<Row> last = new ArrayList<>();
    for (String host : List.of("web-1", "web-2", "db-1")) {
      Random rnd = new Random(host.hashCode());
      for (int i = 0; i < 10 * DAY; i++) {
        double v = Synthetic.daily(i, 2, rnd);
        if (host.equals("web-2") && i == SPIKE) {
          v += 40;
        }
        Row r = RowFactory.create(host, "cpu", new Timestamp(Synthetic.ts(i)), v);
        (i < 9 * DAY ? hist : last).add(r);
      }
    }
    history = spark.createDataFrame(hist, SCHEMA);
    lastDay = spark.createDataFrame(last, SCHEMA);
    model = new AnomalyDetector().setSettings(DetectorSettings.defaults()).fit(history);
  }

  @Test
  void learnsEverySeriesAndScoresOnlyTheInjectedSpikeHigh() {
    assertEquals(3, model.states().count());
    Dataset<Row> scored = model.transform(lastDay).cache();
    assertEquals(3 * DAY, scored.count());
    Row spike = scored.where(col("entity").equalTo("web-2")).orderBy(col("score").desc()).first();
    assertEquals(new Timestamp(Synthetic.ts(SPIKE)), spike.getAs("ts"));
    assertTrue((double) spike.getAs("score") >= model.detectorSettings().alertScore());
    double otherMax =
        scored
            .where(col("ts").notEqual(new Timestamp(Synthetic.ts(SPIKE))))
            .agg(max("score"))
            .first()
            .getDouble(0);
    assertTrue(otherMax < model.detectorSettings().alertScore(), "false alarm: " + otherMax);
  }

  @Test
  void scoresOnlyPointsAfterTheLearnedHistory() {
    assertEquals(0, model.transform(history).count());
  }

  @Test
  void aModelAdvancedOverSomeDaysScoresTheNextDayExactlyAsOneThatStreamedThroughThem() {
    Dataset<Row> eightDays = history.where(col("ts").lt(new Timestamp(Synthetic.ts(8 * DAY))));
    Dataset<Row> ninthDay = history.where(col("ts").geq(new Timestamp(Synthetic.ts(8 * DAY))));
    AnomalyDetectorModel early =
        new AnomalyDetector().setSettings(DetectorSettings.defaults()).fit(eightDays);
    AnomalyDetectorModel advanced = early.advance(ninthDay);
    assertEquals(early.uid(), advanced.uid());
    Dataset<Row> streamed =
        early
            .transform(ninthDay.union(lastDay))
            .where(col("ts").geq(new Timestamp(Synthetic.ts(9 * DAY))));
    Dataset<Row> fromState = advanced.transform(lastDay);
    assertEquals(3 * DAY, fromState.count());
    assertEquals(0, streamed.except(fromState).count());
    assertEquals(0, fromState.except(streamed).count());
    assertEquals(3, early.advance(lastDay.limit(0)).states().count(), "no new points: states kept");
  }

  @Test
  void savedModelScoresExactlyAsTheOriginal(@TempDir Path dir) throws Exception {
    String path = dir.resolve("model").toString();
    model.write().save(path);
    AnomalyDetectorModel loaded = AnomalyDetectorModel.load(path);
    assertEquals(model.uid(), loaded.uid());
    assertEquals(model.detectorSettings(), loaded.detectorSettings());
    Dataset<Row> a = model.transform(lastDay);
    Dataset<Row> b = loaded.transform(lastDay);
    assertEquals(0, a.except(b).count());
    assertEquals(0, b.except(a).count());
  }

  @Test
  void rejectsValueColumnOfWrongType(SparkSession spark) {
    Dataset<Row> bad = history.withColumn("value", col("value").cast("string"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new AnomalyDetector().fit(bad));
    assertTrue(
        e.getMessage()
            .startsWith("anomaly detector: input column 'value' must be numeric, was string"),
        e.getMessage());
  }
}
