package io.nightshift.models.risk;

import io.nightshift.models.common.InputColumns;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.sql.types.StructType;

/**
 * Params shared by {@link RiskEstimator} and {@link RiskModel}: the feature columns, the output
 * columns and how many contributing factors to explain. Each implementing stage declares the Param
 * objects (Spark finds them by reflection); the getters and schema checks live here once.
 */
public interface RiskParams extends Params {

  /** Numeric feature columns, in model order. Nulls are read as 0. */
  StringArrayParam featureCols();

  /** Output: calibrated probability of an incident within the horizon (double, 0..1). */
  Param<String> probabilityCol();

  /** Output: the classifier's uncalibrated score (double). */
  Param<String> rawScoreCol();

  /**
   * Output: the top contributing factors, array of struct(contribution, feature, value), largest
   * contribution first; only factors that push the risk up.
   */
  Param<String> factorsCol();

  /** How many contributing factors to report per row (>= 0). */
  IntParam numFactors();

  /**
   * The source of each feature (parallel to {@link #featureCols()}), e.g. the metric it is computed
   * from: the reported factors name each source at most once, so a row's top factors are not the
   * level and the utilisation of one metric. Empty (the default): every feature is its own source.
   */
  StringArrayParam factorSources();

  default List<String> getFeatureCols() {
    return Arrays.asList(getOrDefault(featureCols()));
  }

  default String getProbabilityCol() {
    return getOrDefault(probabilityCol());
  }

  default String getRawScoreCol() {
    return getOrDefault(rawScoreCol());
  }

  default String getFactorsCol() {
    return getOrDefault(factorsCol());
  }

  default int getNumFactors() {
    return (Integer) getOrDefault(numFactors());
  }

  /** The source of each feature, in feature order (each feature its own when none were set). */
  default List<String> getFactorSources() {
    String[] s = getOrDefault(factorSources());
    return s.length == 0 ? getFeatureCols() : Arrays.asList(s);
  }

  /** Fails when sources were set but do not match the features one to one. */
  default void requireFactorSources() {
    int n = getOrDefault(factorSources()).length;
    if (n != 0 && n != getFeatureCols().size()) {
      throw new IllegalArgumentException(
          "factorSources must name one source per feature column: "
              + getFeatureCols().size()
              + " features, "
              + n
              + " sources");
    }
  }

  /** Fails naming the column, expected and actual type when a feature is missing or not numeric. */
  default void requireNumericFeatures(StructType schema) {
    for (String f : getFeatureCols()) {
      requireNumeric(schema, f, "feature");
    }
  }

  /** Fails naming the column, expected and actual type when it is missing or not numeric. */
  static void requireNumeric(StructType schema, String column, String role) {
    InputColumns.require(schema, "risk model", role, column, InputColumns.NUMERIC);
  }

  /** Fails naming the column when it is missing or not a date. */
  static void requireDate(StructType schema, String column, String role) {
    InputColumns.require(schema, "risk model", role, column, InputColumns.DATE);
  }
}
