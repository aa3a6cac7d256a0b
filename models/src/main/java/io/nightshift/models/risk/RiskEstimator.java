package io.nightshift.models.risk;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Learns the probability that an incident opens on an entity within a horizon, from one row per
 * entity and day (features known by the end of that day, a 0/1 label). The days are split in time
 * ({@link TimeSplit}): a gradient-boosted tree or logistic-regression classifier learns on the
 * earlier days, and a Platt calibration ({@link PlattCalibration}), fitted on the later days'
 * scores, maps scores to probabilities so that 0.3 means about 30% while keeping the classifier's
 * order. It also records, per feature, its centre, spread, direction of risk and weight, from which
 * the model explains each score with its top factors.
 */
public final class RiskEstimator extends Estimator<RiskModel> implements RiskParams {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final StringArrayParam featureCols;
  private final Param<String> probabilityCol;
  private final Param<String> rawScoreCol;
  private final Param<String> factorsCol;
  private final IntParam numFactors;
  private final StringArrayParam factorSources;
  private final Param<String> labelCol;
  private final Param<String> dayCol;
  private final Param<String> classifier;
  private final IntParam maxIter;
  private final IntParam maxDepth;
  private final DoubleParam stepSize;
  private final DoubleParam regParam;
  private final DoubleParam elasticNetParam;
  private final IntParam calibrationDays;
  private final LongParam seed;

  public RiskEstimator() {
    this(Identifiable.randomUID("riskEstimator"));
  }

  public RiskEstimator(String uid) {
    this.uid = uid;
    featureCols = new StringArrayParam(this, "featureCols", "numeric feature columns");
    probabilityCol = new Param<>(this, "probabilityCol", "output: calibrated probability");
    rawScoreCol = new Param<>(this, "rawScoreCol", "output: uncalibrated classifier score");
    factorsCol = new Param<>(this, "factorsCol", "output: top contributing factors");
    numFactors =
        new IntParam(this, "numFactors", "factors to report per row", ParamValidators.gtEq(0));
    labelCol = new Param<>(this, "labelCol", "0/1 label: incident within the horizon");
    dayCol = new Param<>(this, "dayCol", "date the features describe (for the time split)");
    classifier =
        new Param<>(
            this,
            "classifier",
            "gbt (gradient-boosted trees) or logistic (logistic regression)",
            ParamValidators.inArray(new String[] {"gbt", "logistic"}));
    maxIter = new IntParam(this, "maxIter", "trees (gbt) or iterations", ParamValidators.gt(0));
    maxDepth = new IntParam(this, "maxDepth", "tree depth (gbt)", ParamValidators.gt(0));
    stepSize =
        new DoubleParam(
            this, "stepSize", "learning rate (gbt)", ParamValidators.inRange(0, 1, false, true));
    regParam =
        new DoubleParam(this, "regParam", "L2 regularisation (logistic)", ParamValidators.gtEq(0));
    elasticNetParam =
        new DoubleParam(
            this,
            "elasticNetParam",
            "L1 share of the regularisation (logistic): 0 = L2 only, 1 = L1 only",
            ParamValidators.inRange(0, 1));
    calibrationDays =
        new IntParam(
            this,
            "calibrationDays",
            "latest days held out to fit the calibrator (0 = a third)",
            ParamValidators.gtEq(0));
    seed = new LongParam(this, "seed", "random seed of the tree learner");
    setDefault(featureCols, new String[0]);
    setDefault(probabilityCol, "probability");
    setDefault(rawScoreCol, "raw_score");
    setDefault(factorsCol, "factors");
    setDefault(numFactors, 3);
    factorSources =
        new StringArrayParam(
            this, "factorSources", "source of each feature; factors name a source at most once");
    setDefault(factorSources, new String[0]);
    setDefault(labelCol, "label");
    setDefault(dayCol, "day");
    setDefault(classifier, "gbt");
    setDefault(maxIter, 60);
    setDefault(maxDepth, 4);
    setDefault(stepSize, 0.1);
    setDefault(regParam, 0.01);
    setDefault(elasticNetParam, 0.0);
    setDefault(calibrationDays, 7);
    setDefault(seed, 11L);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public StringArrayParam featureCols() {
    return featureCols;
  }

  @Override
  public Param<String> probabilityCol() {
    return probabilityCol;
  }

  @Override
  public Param<String> rawScoreCol() {
    return rawScoreCol;
  }

  @Override
  public Param<String> factorsCol() {
    return factorsCol;
  }

  @Override
  public IntParam numFactors() {
    return numFactors;
  }

  @Override
  public StringArrayParam factorSources() {
    return factorSources;
  }

  /** 0/1 label column (numeric). */
  public Param<String> labelCol() {
    return labelCol;
  }

  /** Date column used for the time-ordered split. */
  public Param<String> dayCol() {
    return dayCol;
  }

  /** "gbt" or "logistic". */
  public Param<String> classifier() {
    return classifier;
  }

  /** Trees (gbt) or optimiser iterations (logistic). */
  public IntParam maxIter() {
    return maxIter;
  }

  /** Tree depth (gbt). */
  public IntParam maxDepth() {
    return maxDepth;
  }

  /** Learning rate (gbt). */
  public DoubleParam stepSize() {
    return stepSize;
  }

  /** L2 regularisation (logistic). */
  public DoubleParam regParam() {
    return regParam;
  }

  /** L1 share of the regularisation (logistic). */
  public DoubleParam elasticNetParam() {
    return elasticNetParam;
  }

  /** Latest days held out for calibration. */
  public IntParam calibrationDays() {
    return calibrationDays;
  }

  /** Seed of the tree learner's subsampling. */
  public LongParam seed() {
    return seed;
  }

  public RiskEstimator setFeatureCols(List<String> cols) {
    set(featureCols, cols.toArray(new String[0]));
    return this;
  }

  public RiskEstimator setLabelCol(String v) {
    set(labelCol, v);
    return this;
  }

  public RiskEstimator setDayCol(String v) {
    set(dayCol, v);
    return this;
  }

  public RiskEstimator setProbabilityCol(String v) {
    set(probabilityCol, v);
    return this;
  }

  public RiskEstimator setClassifier(String v) {
    set(classifier, v);
    return this;
  }

  public RiskEstimator setMaxIter(int v) {
    set(maxIter, v);
    return this;
  }

  public RiskEstimator setMaxDepth(int v) {
    set(maxDepth, v);
    return this;
  }

  public RiskEstimator setStepSize(double v) {
    set(stepSize, v);
    return this;
  }

  public RiskEstimator setRegParam(double v) {
    set(regParam, v);
    return this;
  }

  public RiskEstimator setElasticNetParam(double v) {
    set(elasticNetParam, v);
    return this;
  }

  public RiskEstimator setCalibrationDays(int v) {
    set(calibrationDays, v);
    return this;
  }

  public RiskEstimator setNumFactors(int v) {
    set(numFactors, v);
    return this;
  }

  public RiskEstimator setFactorSources(List<String> sources) {
    set(factorSources, sources.toArray(new String[0]));
    return this;
  }

  public RiskEstimator setSeed(long v) {
    set(seed, v);
    return this;
  }

  public String getLabelCol() {
    return getOrDefault(labelCol);
  }

  public String getDayCol() {
    return getOrDefault(dayCol);
  }

  public String getClassifier() {
    return getOrDefault(classifier);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    requireNumericFeatures(schema);
    requireFactorSources();
    RiskParams.requireNumeric(schema, getLabelCol(), "label");
    RiskParams.requireDate(schema, getDayCol(), "day");
    return RiskModel.outputSchema(schema, this);
  }

  @Override
  public RiskModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    if (getFeatureCols().isEmpty()) {
      throw new IllegalArgumentException("featureCols is empty: nothing to learn from");
    }
    Dataset<Row> data =
        RiskModel.filled(dataset.toDF(), getFeatureCols())
            .withColumn(RiskModel.LABEL, col(getLabelCol()).cast("double"));
    DayCounts perDay = DayCounts.of(data, getDayCol(), RiskModel.LABEL);
    TimeSplit split = TimeSplit.of(perDay.days(), (Integer) getOrDefault(calibrationDays));
    Column inFit =
        split.overlapping()
            ? col(getDayCol()).isNotNull()
            : col(getDayCol()).lt(java.sql.Date.valueOf(split.calibrationStart()));
    Column inCal = col(getDayCol()).geq(java.sql.Date.valueOf(split.calibrationStart()));
    DayCounts.Totals fitted =
        split.overlapping() ? perDay.total() : perDay.before(split.calibrationStart());
    DayCounts.Totals held = perDay.from(split.calibrationStart());
    Dataset<Row> fitRows = RiskModel.assemble(data.filter(inFit), getFeatureCols()).cache();
    try {
      long n = fitted.rows();
      double positives = fitted.positives();
      double prior = n == 0 ? 0 : positives / n;
      Model<?> clf = positives > 0 && positives < n ? fitClassifier(fitRows) : null;
      FeatureStats stats = FeatureStats.measure(fitRows, getFeatureCols(), RiskModel.LABEL, clf);
      RiskModel partial =
          copyValues(
              new RiskModel(uid, clf, PlattCalibration.identity(), prior, stats, split),
              ParamMap.empty());
      Dataset<Row> calScored = partial.scoreRaw(data.filter(inCal));
      PlattCalibration calibration =
          PlattCalibration.fit(
              calScored, getRawScoreCol(), RiskModel.LABEL, held.rows(), held.positives());
      return copyValues(
          new RiskModel(uid, clf, calibration, prior, stats, split), ParamMap.empty());
    } finally {
      fitRows.unpersist();
    }
  }

  private Model<?> fitClassifier(Dataset<Row> rows) {
    if (getClassifier().equals("logistic")) {
      return new LogisticRegression()
          .setFeaturesCol(RiskModel.FEATURES)
          .setLabelCol(RiskModel.LABEL)
          .setMaxIter((Integer) getOrDefault(maxIter))
          .setRegParam((Double) getOrDefault(regParam))
          .setElasticNetParam((Double) getOrDefault(elasticNetParam))
          .fit(rows);
    }
    return new GBTClassifier()
        .setFeaturesCol(RiskModel.FEATURES)
        .setLabelCol(RiskModel.LABEL)
        .setMaxIter((Integer) getOrDefault(maxIter))
        .setMaxDepth((Integer) getOrDefault(maxDepth))
        .setStepSize((Double) getOrDefault(stepSize))
        .setSubsamplingRate(0.8)
        .setSeed((Long) getOrDefault(seed))
        .fit(rows);
  }

  @Override
  public RiskEstimator copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}
