package io.nightshift.models.risk;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted incident-risk model: classifier score, Platt calibration to a probability ({@link
 * PlattCalibration}, which keeps the classifier's order), and the top contributing factors of each
 * row ({@link FeatureStats}). When the training rows held a single class there is no classifier and
 * every row gets the training base rate. Saves and loads with the Spark ML writers ({@link
 * RiskModelIO}).
 */
public final class RiskModel extends Model<RiskModel> implements RiskParams, MLWritable {
  private static final long serialVersionUID = 1L;

  static final String FEATURES = "_risk_features";
  static final String LABEL = "_risk_label";
  private static final String CLF_PROB = "_risk_clf_probability";
  private static final String CLF_RAW = "_risk_clf_raw";
  private static final String CLF_PRED = "_risk_clf_prediction";

  private final String uid;
  private final transient Model<?> classifier;
  private final PlattCalibration calibration;
  private final double prior;
  private final FeatureStats stats;
  private final TimeSplit split;
  private final StringArrayParam featureCols;
  private final Param<String> probabilityCol;
  private final Param<String> rawScoreCol;
  private final Param<String> factorsCol;
  private final IntParam numFactors;
  private final StringArrayParam factorSources;

  RiskModel(
      String uid,
      Model<?> classifier,
      PlattCalibration calibration,
      double prior,
      FeatureStats stats,
      TimeSplit split) {
    this.uid = uid;
    this.classifier = classifier;
    this.calibration = calibration;
    this.prior = prior;
    this.stats = stats;
    this.split = split;
    featureCols = new StringArrayParam(this, "featureCols", "numeric feature columns");
    probabilityCol = new Param<>(this, "probabilityCol", "output: calibrated probability");
    rawScoreCol = new Param<>(this, "rawScoreCol", "output: uncalibrated classifier score");
    factorsCol = new Param<>(this, "factorsCol", "output: top contributing factors");
    numFactors =
        new IntParam(this, "numFactors", "factors to report per row", ParamValidators.gtEq(0));
    setDefault(featureCols, new String[0]);
    setDefault(probabilityCol, "probability");
    setDefault(rawScoreCol, "raw_score");
    setDefault(factorsCol, "factors");
    setDefault(numFactors, 3);
    factorSources =
        new StringArrayParam(
            this, "factorSources", "source of each feature; factors name a source at most once");
    setDefault(factorSources, new String[0]);
    if (classifier instanceof ProbabilisticClassificationModel<?, ?> p) {
      p.setProbabilityCol(CLF_PROB);
      p.setRawPredictionCol(CLF_RAW);
      p.setPredictionCol(CLF_PRED);
    }
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

  public RiskModel setProbabilityCol(String v) {
    set(probabilityCol, v);
    return this;
  }

  public RiskModel setRawScoreCol(String v) {
    set(rawScoreCol, v);
    return this;
  }

  public RiskModel setFactorsCol(String v) {
    set(factorsCol, v);
    return this;
  }

  public RiskModel setNumFactors(int v) {
    set(numFactors, v);
    return this;
  }

  /** The classifier, or null when training held one class only. */
  public Model<?> classifier() {
    return classifier;
  }

  /** The calibration (score to probability); the identity when none was fitted. */
  public PlattCalibration calibration() {
    return calibration;
  }

  /** The fraction of positive training rows. */
  public double prior() {
    return prior;
  }

  /** Per-feature statistics and importances. */
  public FeatureStats stats() {
    return stats;
  }

  /** The days it was fitted and calibrated on. */
  public TimeSplit split() {
    return split;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    requireNumericFeatures(schema);
    requireFactorSources();
    return outputSchema(schema, this);
  }

  static StructType outputSchema(StructType schema, RiskParams p) {
    StructType factor =
        new StructType()
            .add("contribution", DataTypes.DoubleType)
            .add("feature", DataTypes.StringType)
            .add("value", DataTypes.DoubleType);
    return schema
        .add(p.getRawScoreCol(), DataTypes.DoubleType)
        .add(p.getProbabilityCol(), DataTypes.DoubleType)
        .add(p.getFactorsCol(), DataTypes.createArrayType(factor));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Dataset<Row> scored = scoreRaw(dataset.toDF());
    Column probability = calibration.apply(col(getRawScoreCol()));
    return scored
        .withColumn(getProbabilityCol(), least(lit(1.0), greatest(lit(0.0), probability)))
        .withColumn(getFactorsCol(), factors());
  }

  /** Adds the raw classifier score (the prior when there is no classifier). */
  Dataset<Row> scoreRaw(Dataset<Row> df) {
    if (classifier == null) {
      return df.withColumn(getRawScoreCol(), lit(prior));
    }
    Dataset<Row> assembled = assemble(filled(df, getFeatureCols()), getFeatureCols());
    return classifier
        .transform(assembled)
        .withColumn(
            getRawScoreCol(), element_at(functions.vector_to_array(col(CLF_PROB), "float64"), 2))
        .drop(FEATURES, CLF_PROB, CLF_RAW, CLF_PRED);
  }

  /**
   * The top factors: built-in array functions only, features whose rise raises risk and that stand
   * above their usual level, each source (see {@link #factorSources()}) at most once, by its
   * largest contribution (to 9 decimals; equal ones by feature name). A feature whose rise lowers
   * risk is never a factor: "0 incidents in 30 days" or "latency at z -1" is no reason a person
   * would accept for an alarm.
   */
  private Column factors() {
    List<String> sources = getFactorSources();
    List<Column> items = new ArrayList<>();
    for (int i = 0; i < stats.names().size(); i++) {
      if (stats.weight()[i] <= 0 || stats.direction()[i] <= 0) {
        continue;
      }
      Column value = col(stats.names().get(i)).cast("double");
      Column contribution =
          greatest(
                  lit(0.0),
                  value
                      .minus(lit(stats.centre()[i]))
                      .multiply(lit(stats.direction()[i] / stats.scale()[i])))
              .multiply(lit(stats.weight()[i]));
      items.add(
          struct(
              // sorted by the contribution to 9 decimals first, then by name: two features that
              // carry the same information (a level and its share of a fixed capacity) tie, and the
              // tie does not turn on float noise in how their statistics were summed
              round(contribution, 9).alias("rank_key"),
              lit(stats.names().get(i)).alias("feature"),
              contribution.alias("contribution"),
              value.alias("value"),
              lit(sources.get(i)).alias("source")));
    }
    if (items.isEmpty() || getNumFactors() == 0) {
      return array().cast(outputSchema(new StructType(), this).apply(getFactorsCol()).dataType());
    }
    Column sorted = sort_array(array(items.toArray(new Column[0])), false);
    Column positive = filter(sorted, f -> f.getField("contribution").gt(0));
    Column firstOfSource =
        filter(
            positive,
            (f, i) ->
                not(
                    exists(
                        slice(positive, lit(1), i),
                        g -> g.getField("source").equalTo(f.getField("source")))));
    return org.apache.spark.sql.functions.transform(
        slice(firstOfSource, 1, getNumFactors()),
        f ->
            struct(
                f.getField("contribution").alias("contribution"),
                f.getField("feature").alias("feature"),
                f.getField("value").alias("value")));
  }

  /** Nulls in the features read as 0 (an absent count or signal). */
  static Dataset<Row> filled(Dataset<Row> df, List<String> features) {
    return df.na().fill(0.0, features.toArray(new String[0]));
  }

  static Dataset<Row> assemble(Dataset<Row> df, List<String> features) {
    return new VectorAssembler()
        .setInputCols(features.toArray(new String[0]))
        .setOutputCol(FEATURES)
        .setHandleInvalid("keep")
        .transform(df);
  }

  @Override
  public RiskModel copy(ParamMap extra) {
    return copyValues(new RiskModel(uid, classifier, calibration, prior, stats, split), extra)
        .setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new RiskModelIO.Writer(this);
  }

  /** A reader for saved models. */
  public static MLReader<RiskModel> read() {
    return new RiskModelIO.Reader();
  }

  /** Loads a model saved with {@link #save(String)}. */
  public static RiskModel load(String path) {
    return read().load(path);
  }
}
