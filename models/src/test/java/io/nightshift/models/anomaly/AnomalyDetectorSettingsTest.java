package io.nightshift.models.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.nightshift.testkit.SparkExtension;
import java.lang.reflect.RecordComponent;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every detector setting reaches the fitted model, its saved copy and each series' detector. */
@ExtendWith(SparkExtension.class)
class AnomalyDetectorSettingsTest {
  /** Every component differs from {@link DetectorSettings#defaults()} (checked below). */
  private static final DetectorSettings CUSTOM =
      new DetectorSettings(
          0.07, 0.2, 0.03, 4.0, 9, 5, 2000, 40, 0.8, 50, 150, 6, 0.6, 0.3, 11, 0.5, 30, 2.0);

  private static Dataset<Row> series(SparkSession spark) {
    StructType schema =
        new StructType()
            .add("entity", DataTypes.StringType)
            .add("metric", DataTypes.StringType)
            .add("ts", DataTypes.TimestampType)
            .add("value", DataTypes.DoubleType);
    Random rnd = new Random(7);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(
          RowFactory.create(
              "web-1", "cpu", new Timestamp(Synthetic.ts(i)), Synthetic.daily(i, 2, rnd)));
    }
    return spark.createDataFrame(rows, schema);
  }

  @Test
  void customSettingsDifferFromTheDefaultsInEveryComponent() {
    DetectorSettings d = DetectorSettings.defaults();
    for (RecordComponent c : DetectorSettings.class.getRecordComponents()) {
      assertNotEquals(
          RecordParams.value(c, d), RecordParams.value(c, CUSTOM), c.getName() + " is the default");
    }
  }

  @Test
  void everySettingIsReadBackFromTheFittedModel(SparkSession spark) {
    AnomalyDetectorModel model = new AnomalyDetector().setSettings(CUSTOM).fit(series(spark));
    assertEquals(CUSTOM, model.detectorSettings());
  }

  @Test
  void everySettingReachesTheLearnedSeriesDetector(SparkSession spark) {
    AnomalyDetectorModel model = new AnomalyDetector().setSettings(CUSTOM).fit(series(spark));
    byte[] state = model.states().first().getAs("state");
    assertEquals(CUSTOM, DetectorStates.fromBytes(state).settings());
  }

  @Test
  void everySettingSurvivesSaveAndLoad(SparkSession spark, @TempDir Path dir) throws Exception {
    AnomalyDetectorModel model = new AnomalyDetector().setSettings(CUSTOM).fit(series(spark));
    String path = dir.resolve("model").toString();
    model.write().save(path);
    assertEquals(CUSTOM, AnomalyDetectorModel.load(path).detectorSettings());
  }

  @Test
  void unfittedDetectorReportsTheDefaults() {
    assertEquals(DetectorSettings.defaults(), new AnomalyDetector().detectorSettings());
  }
}
