package io.nightshift.jobs.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.config.RiskSettings;
import io.nightshift.jobs.io.ModelPolicy;
import io.nightshift.jobs.io.ModelSpec;
import io.nightshift.jobs.io.ModelStore;
import io.nightshift.jobs.io.OutputWriter;
import io.nightshift.jobs.risk.RiskFeatures;
import io.nightshift.jobs.risk.RiskLabels;
import io.nightshift.jobs.risk.RiskRanking;
import io.nightshift.models.risk.RiskEstimator;
import io.nightshift.models.risk.RiskModel;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every risk setting arrives: each key of {@code nightshift.risk} set to a value other than its
 * default (reference.conf) is read into {@link RiskSettings}; the model's settings are read back
 * from the model the nightly path fits ({@link RiskRanking#estimator}), saves through the {@link
 * ModelStore} and the night's commit, and loads; the retrain setting reaches the model policy. The
 * feature settings (maxMetrics, zThreshold, failedChangeStatuses), topK (the report) and eval.*
 * (the backtest) are used outside the model and are checked here as read.
 */
@ExtendWith(SparkExtension.class)
class RiskSettingsRoundTripTest {
  private static final LocalDate NIGHT = LocalDate.parse("2026-06-30");
  private static final int H = 72;
  private static final List<String> FEATURES = List.of("m__cpu_used_pct", "inc__entity");

  /** Every key differs from reference.conf's default (in brackets). */
  private static NightshiftConfig config(Path dir, String classifier) {
    return Fixtures.config(
        dir,
        dir.resolve("out"),
        "nightshift.risk.horizonsHours",
        List.of(48, H), // [24, 168]
        "nightshift.risk.classifier",
        classifier, // logistic
        "nightshift.risk.maxIter",
        5, // 40
        "nightshift.risk.maxDepth",
        2, // 4
        "nightshift.risk.regParam.default",
        0.2, // 0.01
        "nightshift.risk.regParam.72",
        0.3, // 0.01 for 72 h
        "nightshift.risk.elasticNetParam.default",
        0.25, // 0.0
        "nightshift.risk.elasticNetParam.72",
        0.75, // 0.0 for 72 h
        "nightshift.risk.calibrationDays",
        2, // 7
        "nightshift.risk.maxMetrics",
        5, // 20
        "nightshift.risk.zThreshold",
        2.5, // 3.0
        "nightshift.risk.failedChangeStatuses",
        List.of("failed"), // [failed, rolled_back]
        "nightshift.risk.retrainEveryDays",
        3, // 7
        "nightshift.risk.topK",
        4, // 10
        "nightshift.risk.eval.testDays",
        5, // 14
        "nightshift.risk.eval.retrainEveryDays",
        2); // 7
  }

  /** Ten days of four entities; cpu above 60 precedes an incident. */
  private static Dataset<Row> training(SparkSession spark) {
    StructType schema =
        new StructType()
            .add(RiskFeatures.DAY, DataTypes.DateType)
            .add(FEATURES.get(0), DataTypes.DoubleType)
            .add(FEATURES.get(1), DataTypes.DoubleType)
            .add(RiskLabels.label(H), DataTypes.IntegerType);
    List<Row> rows = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      for (int e = 0; e < 4; e++) {
        double cpu = 30 + 15 * e + d;
        rows.add(
            RowFactory.create(
                Date.valueOf(NIGHT.minusDays(12 - d)), cpu, (double) (e % 2), cpu > 60 ? 1 : 0));
      }
    }
    return spark.createDataFrame(rows, schema);
  }

  /** Fits the model of horizon {@link #H} as the nightly path does, commits it and loads it. */
  private static RiskModel fitSaveAndLoad(SparkSession spark, Path out, RiskSettings s) {
    RiskEstimator estimator = RiskRanking.estimator(s, FEATURES, H);
    ModelSpec spec = RiskStage.spec(s, estimator, H);
    ModelStore store =
        new ModelStore(out.toString(), spark.sparkContext().hadoopConfiguration(), NIGHT);
    store.save(spec, store.decide(spec), estimator.fit(training(spark)));
    new OutputWriter(spark, out.toString(), NIGHT).commit();
    return RiskModel.load(out.resolve("models/risk_3d/run_date=2026-06-30").toString());
  }

  @Test
  void everyRiskSettingIsReadAndTheModelSettingsReachTheSavedModel(
      SparkSession spark, @TempDir Path dir) {
    RiskSettings gbt = config(dir, "gbt").risk();
    assertEquals(
        new RiskSettings(
            List.of(48, H),
            "gbt",
            5,
            2,
            Map.of(48, 0.2, H, 0.3),
            Map.of(48, 0.25, H, 0.75),
            2,
            5,
            2.5,
            List.of("failed"),
            3,
            4,
            5,
            2),
        gbt);

    Path gbtOut = dir.resolve("gbt-out");
    RiskModel trees = fitSaveAndLoad(spark, gbtOut, gbt);
    GBTClassificationModel clf = (GBTClassificationModel) trees.classifier();
    assertEquals(5, clf.getMaxIter(), "maxIter (gbt)");
    assertEquals(2, clf.getMaxDepth(), "maxDepth");
    assertEquals(2, trees.split().calibration().size(), "calibrationDays");
    assertEquals(FEATURES, trees.getFeatureCols());

    RiskSettings logistic = config(dir, "logistic").risk();
    RiskModel linear = fitSaveAndLoad(spark, dir.resolve("logistic-out"), logistic);
    LogisticRegressionModel lr = (LogisticRegressionModel) linear.classifier();
    assertEquals(5, lr.getMaxIter(), "maxIter (logistic)");
    assertEquals(0.3, lr.getRegParam(), "regParam for 72 h");
    assertEquals(0.75, lr.getElasticNetParam(), "elasticNetParam for 72 h");

    ModelSpec spec = RiskStage.spec(gbt, RiskRanking.estimator(gbt, FEATURES, H), H);
    assertEquals(ModelPolicy.Retrain.everyDays(3), spec.retrain(), "retrainEveryDays");
    ModelStore threeNightsLater =
        new ModelStore(
            gbtOut.toString(), spark.sparkContext().hadoopConfiguration(), NIGHT.plusDays(3));
    assertEquals(
        "fitted: saved model of 2026-06-30 is 3 days old (retrain every 3 days)",
        threeNightsLater.decide(spec).reason());
  }
}
