package io.nightshift.models.risk;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
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

@ExtendWith(SparkExtension.class)
class RiskEstimatorTest {

  private static final StructType SCHEMA =
      new StructType()
          .add("day", DataTypes.DateType)
          .add("entity", DataTypes.StringType)
          .add("pressure", DataTypes.DoubleType)
          .add("noise", DataTypes.DoubleType)
          .add("label", DataTypes.IntegerType);

  /**
   * 40 entities x 30 days: the incident probability is a known increasing function of "pressure" (a
   * logistic curve), "noise" is irrelevant.
   */
  static Dataset<Row> toy(SparkSession spark, long seed) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int d = 0; d < 30; d++) {
      for (int e = 0; e < 40; e++) {
        double pressure = r.nextDouble() * 10;
        double p = 1 / (1 + Math.exp(-(pressure - 7) * 1.5));
        rows.add(
            RowFactory.create(
                Date.valueOf(LocalDate.of(2026, 5, 1).plusDays(d)),
                "e" + e,
                pressure,
                r.nextGaussian(),
                r.nextDouble() < p ? 1 : 0));
      }
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static RiskModel fitted;

  /** One GBT fit shared by the tests that only read the fitted model (fits are slow). */
  private static synchronized RiskModel gbt(SparkSession spark) {
    if (fitted == null) {
      fitted = estimator().fit(toy(spark, 1));
    }
    return fitted;
  }

  private static RiskEstimator estimator() {
    return new RiskEstimator()
        .setFeatureCols(List.of("pressure", "noise"))
        .setMaxIter(5)
        .setMaxDepth(3)
        .setStepSize(0.3)
        .setCalibrationDays(10);
  }

  @Test
  void calibratedProbabilitiesMatchObservedRates(SparkSession spark) {
    RiskModel m = gbt(spark);
    Dataset<Row> scored = m.transform(toy(spark, 2));
    Row hi =
        scored.filter(col("probability").geq(0.6)).agg(avg("label"), avg("probability")).first();
    Row lo =
        scored.filter(col("probability").lt(0.1)).agg(avg("label"), avg("probability")).first();
    assertEquals(hi.getDouble(1), hi.getDouble(0), 0.12);
    assertEquals(lo.getDouble(1), lo.getDouble(0), 0.05);
    Row range = scored.agg(min("probability"), max("probability")).first();
    assertTrue(range.getDouble(0) >= 0 && range.getDouble(1) <= 1);
  }

  @Test
  void calibrationKeepsTheClassifiersOrder(SparkSession spark) {
    RiskModel m = gbt(spark);
    List<Row> rows =
        m.transform(toy(spark, 2))
            .select("raw_score", "probability")
            .distinct()
            .orderBy("raw_score")
            .collectAsList();
    long scores = rows.stream().map(r -> r.getDouble(0)).distinct().count();
    long probabilities = rows.stream().map(r -> r.getDouble(1)).distinct().count();
    assertEquals(scores, probabilities, "every distinct score keeps a distinct probability");
    for (int i = 1; i < rows.size(); i++) {
      assertTrue(rows.get(i).getDouble(1) > rows.get(i - 1).getDouble(1), "order at " + i);
    }
    assertTrue(m.calibration().slope() > 0);
  }

  @Test
  void learnsOnEarlierDaysAndCalibratesOnLaterOnes(SparkSession spark) {
    RiskModel m = gbt(spark);
    assertEquals(20, m.split().fit().size());
    assertEquals(10, m.split().calibration().size());
    assertTrue(m.split().fit().get(19).isBefore(m.split().calibration().get(0)));
  }

  @Test
  void explainsScoresWithTheRelevantFeature(SparkSession spark) {
    RiskModel m = gbt(spark);
    assertEquals("pressure", m.stats().importances().get(0).feature());
    Row top = m.transform(toy(spark, 2)).orderBy(col("pressure").desc()).select("factors").first();
    List<Row> factors = top.getList(0);
    assertTrue(factors.size() >= 1 && factors.size() <= 3);
    assertEquals("pressure", factors.get(0).getAs("feature"));
  }

  @Test
  void logisticRegressionAlsoRanksByPressure(SparkSession spark) {
    RiskModel m = estimator().setClassifier("logistic").fit(toy(spark, 1));
    Dataset<Row> scored = m.transform(toy(spark, 2));
    double hi = scored.filter(col("pressure").gt(9)).agg(avg("probability")).first().getDouble(0);
    double lo = scored.filter(col("pressure").lt(3)).agg(avg("probability")).first().getDouble(0);
    assertTrue(hi > 0.5 && lo < 0.1, "hi " + hi + " lo " + lo);
  }

  @Test
  void savesAndLoadsWithIdenticalScores(SparkSession spark, @TempDir Path dir) throws Exception {
    RiskModel m = gbt(spark).copy(new org.apache.spark.ml.param.ParamMap()).setNumFactors(2);
    String path = dir.resolve("risk").toString();
    m.save(path);
    RiskModel back = RiskModel.load(path);
    assertEquals(2, back.getNumFactors());
    assertEquals(m.split(), back.split());
    Dataset<Row> a = m.transform(toy(spark, 3)).select("entity", "day", "probability", "factors");
    Dataset<Row> b =
        back.transform(toy(spark, 3)).select("entity", "day", "probability", "factors");
    assertEquals(0, a.except(b).count());
    assertEquals(0, b.except(a).count());
  }

  /**
   * No incident in training: no classifier, and every row gets the same small probability, Platt's
   * regularised rate (0 + 1) / (400 held-out rows + 2), not an overconfident 0.
   */
  @Test
  void predictsTheBaseRateWhenTrainingHasOneClass(SparkSession spark) {
    RiskModel m = estimator().fit(toy(spark, 1).withColumn("label", col("label").multiply(0)));
    assertEquals(null, m.classifier());
    Row r = m.transform(toy(spark, 2)).agg(min("probability"), max("probability")).first();
    assertNotNull(r);
    assertEquals(1.0 / 402, r.getDouble(1), 1e-9);
    assertEquals(r.getDouble(0), r.getDouble(1), 1e-12);
  }

  /**
   * The toy with a second view of pressure ("pressure_util", pressure / 10 plus a little noise).
   */
  static Dataset<Row> twoViews(SparkSession spark, long seed) {
    return toy(spark, seed)
        .withColumn(
            "pressure_util",
            col("pressure")
                .divide(10)
                .plus(org.apache.spark.sql.functions.randn(seed).multiply(0.01)));
  }

  @Test
  void aFeatureWhoseRiseLowersRiskIsNeverAFactor(SparkSession spark) {
    RiskModel m =
        estimator()
            .setClassifier("logistic")
            .setFeatureCols(List.of("calm", "noise"))
            .fit(toy(spark, 1).withColumn("calm", lit(10.0).minus(col("pressure"))));
    assertEquals("calm", m.stats().importances().get(0).feature());
    assertTrue(m.stats().importances().get(0).direction() < 0, "calm lowers risk");
    List<Row> riskiest =
        m.transform(toy(spark, 2).withColumn("calm", lit(10.0).minus(col("pressure"))))
            .orderBy(col("probability").desc())
            .limit(20)
            .select("factors")
            .collectAsList();
    for (Row r : riskiest) {
      List<Row> factors = r.getList(0);
      assertTrue(
          factors.stream().noneMatch(f -> "calm".equals(f.getAs("feature"))),
          "a low calm is no reason in words: " + factors);
    }
  }

  @Test
  void namesEachFactorSourceOnce(SparkSession spark) {
    RiskEstimator e =
        estimator()
            .setClassifier("logistic")
            .setFeatureCols(List.of("pressure", "pressure_util", "noise"));
    Dataset<Row> test = twoViews(spark, 2).orderBy(col("pressure").desc()).limit(5);
    List<Row> plain =
        e.fit(twoViews(spark, 1)).transform(test).select("factors").first().getList(0);
    assertEquals(
        2,
        plain.stream().filter(f -> f.<String>getAs("feature").startsWith("pressure")).count(),
        "without sources both views of pressure are factors: " + plain);
    List<Row> once =
        e.setFactorSources(List.of("pressure", "pressure", "noise"))
            .fit(twoViews(spark, 1))
            .transform(test)
            .select("factors")
            .first()
            .getList(0);
    assertEquals(
        1,
        once.stream().filter(f -> f.<String>getAs("feature").startsWith("pressure")).count(),
        "factors " + once);
  }

  @Test
  void twoViewsThatCarryTheSameInformationTieAndTheNameDecidesWhateverTheFloatNoise(
      SparkSession spark) {
    // a level and its share of a fixed capacity: the same feature twice, equal contributions
    RiskModel m =
        estimator()
            .setClassifier("logistic")
            .setFeatureCols(List.of("pressure", "pressure_share", "noise"))
            .setFactorSources(List.of("pressure", "pressure", "noise"))
            .fit(toy(spark, 1).withColumn("pressure_share", col("pressure").divide(10)));
    Dataset<Row> riskiest = toy(spark, 2).orderBy(col("pressure").desc()).limit(5);
    for (double noise : new double[] {1 - 1e-14, 1 + 1e-14}) {
      List<Row> factors =
          m.transform(
                  riskiest.withColumn("pressure_share", col("pressure").divide(10).multiply(noise)))
              .select("factors")
              .first()
              .getList(0);
      assertEquals(
          "pressure_share",
          factors.get(0).getAs("feature"),
          "noise " + noise + " " + factors + " " + m.stats().importances());
    }
  }

  @Test
  void rejectsFactorSourcesThatDoNotMatchTheFeatures(SparkSession spark) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> estimator().setFactorSources(List.of("only-one")).fit(toy(spark, 1)));
    assertTrue(
        e.getMessage().startsWith("factorSources must name one source per feature column: 2"),
        e.getMessage());
  }

  @Test
  void rejectsNonNumericFeature(SparkSession spark) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> estimator().setFeatureCols(List.of("entity")).fit(toy(spark, 1)));
    assertTrue(
        e.getMessage()
            .startsWith("risk model: feature column 'entity' must be numeric, was string"));
  }
}
