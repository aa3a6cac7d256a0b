package io.nightshift.models.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Spark Estimator/Model pair on small inline series. */
@ExtendWith(SparkExtension.class)
class ForecasterTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("series", DataTypes.StringType)
          .add("ts", DataTypes.TimestampType)
          .add("value", DataTypes.DoubleType);
  private static final long T0 = 1_780_000_000L / 3600 * 3600;

  private static Dataset<Row> sample(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    java.util.Random r = new java.util.Random(3);
    for (int t = 0; t < 400; t++) {
      Timestamp ts = new Timestamp((T0 + t * 3600L) * 1000);
      rows.add(RowFactory.create("disk", ts, 20 + 0.1 * t + 0.2 * r.nextGaussian()));
      rows.add(
          RowFactory.create(
              "cpu", ts, 50 + 20 * Math.sin(2 * Math.PI * t / 24.0) + r.nextGaussian()));
      if (t % 5 != 0) {
        rows.add(RowFactory.create("gappy", ts, 10 + r.nextGaussian()));
      }
    }
    rows.add(RowFactory.create("single", new Timestamp(T0 * 1000), 1.0));
    return spark.createDataFrame(rows, SCHEMA);
  }

  @Test
  void forecastsEverySeriesWithAtLeastTwoSamples(SparkSession spark) {
    Dataset<Row> data = sample(spark);
    ForecasterModel model = new Forecaster().setHorizon(24).fit(data);
    Map<String, Row> out =
        model.transform(data).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getString(0), r -> r));
    assertEquals(3, out.size());
    Row disk = out.get("disk");
    List<Double> p50 = disk.getList(disk.fieldIndex("p50"));
    assertEquals(24, p50.size());
    assertEquals(20 + 0.1 * (399 + 24), p50.get(23), 1.5);
    assertEquals(
        new Timestamp((T0 + 399 * 3600L) * 1000), disk.getTimestamp(disk.fieldIndex("origin")));
    Row cpu = out.get("cpu");
    List<Double> lo = cpu.getList(cpu.fieldIndex("lower95"));
    List<Double> hi = cpu.getList(cpu.fieldIndex("upper95"));
    assertTrue(lo.get(0) < hi.get(0));
  }

  @Test
  void roundTripsThroughSaveAndLoad(SparkSession spark, @TempDir Path dir) throws Exception {
    Dataset<Row> data = sample(spark);
    ForecasterModel model = new Forecaster().setHorizon(12).setOrigins(3).fit(data);
    String path = dir.resolve("model").toString();
    model.write().save(path);
    ForecasterModel loaded = ForecasterModel.load(path);
    assertEquals(12, loaded.getHorizon());
    assertEquals(3, loaded.forecastOptions().origins());
    Dataset<Row> a = model.transform(data);
    Dataset<Row> b = loaded.transform(data);
    assertEquals(0, a.except(b).count());
    assertEquals(0, b.except(a).count());
  }

  @Test
  void fitsAndForecastsGatheredSeriesInOnePassAsFitThenTransformDo(
      SparkSession spark, @TempDir Path dir) {
    Dataset<Row> data = sample(spark);
    Forecaster f = new Forecaster().setHorizon(24).setOrigins(3);
    Dataset<Row> gathered =
        data.groupBy("series")
            .agg(
                Forecaster.points(col("ts"), col("value")).as(Forecaster.POINTS),
                count(lit(1)).as("samples"))
            .union(
                spark
                    .createDataFrame(List.of(RowFactory.create("empty", null, null)), SCHEMA)
                    .groupBy("series")
                    .agg(
                        Forecaster.points(col("ts"), col("value")).as(Forecaster.POINTS),
                        count(lit(1)).as("samples")));
    Dataset<Row> both = f.fitAndForecast(gathered).cache();
    ForecasterModel separate = f.fit(data);
    Dataset<Row> expected = separate.transform(data);
    Dataset<Row> actual = both.select(expected.columns()[0], tail(expected.columns()));
    assertEquals(0, expected.except(actual).count());
    assertEquals(0, actual.except(expected).count());
    assertEquals(
        Map.of("disk", 400L, "cpu", 400L, "gappy", 320L),
        both.select("series", "samples").collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1))));

    ForecasterModel model = f.model(both);
    assertEquals(0, model.fits().except(separate.fits()).count());
    assertEquals(0, separate.fits().except(model.fits()).count());
    String path = dir.resolve("fused").toString();
    try {
      model.write().save(path);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Dataset<Row> reloaded = ForecasterModel.load(path).transform(data);
    assertEquals(0, reloaded.except(expected).count());
    assertEquals(0, expected.except(reloaded).count());
  }

  @Test
  void rejectsGatheredInputWithoutPoints(SparkSession spark) {
    Dataset<Row> data = sample(spark).groupBy("series").agg(count(lit(1)).as("n"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Forecaster().fitAndForecast(data));
    assertTrue(
        e.getMessage().startsWith("forecaster: input column 'points' (array<struct<t:bigint"),
        e.getMessage());
  }

  private static String[] tail(String[] a) {
    return java.util.Arrays.copyOfRange(a, 1, a.length);
  }

  @Test
  void rejectsANonNumericValueColumn(SparkSession spark) {
    Dataset<Row> data = sample(spark).withColumn("value", org.apache.spark.sql.functions.lit("x"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Forecaster().fit(data));
    assertTrue(
        e.getMessage().startsWith("forecaster: input column 'value' must be numeric, was string"),
        e.getMessage());
  }
}
