package io.nightshift.models.risk;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Platt scaling: probability = 1 / (1 + exp(-(slope * logit(score) + intercept))), fitted on
 * held-out days. Unlike a step-wise (isotonic) calibrator it keeps the classifier's order: two
 * entities with different scores get different probabilities, so a ranking of calibrated
 * probabilities is the classifier's ranking. The slope is never negative; when the held-out days
 * show no positive relation between score and outcome, the slope is 0 and every row gets the
 * held-out base rate (the model has nothing to rank by, and says so). Fitted with Platt's
 * regularised targets ((positives + 1) / (positives + 2) for a positive, 1 / (negatives + 2) for a
 * negative), so held-out days without incidents give a small probability, not 0.
 *
 * @param slope multiplies the score's log-odds; 0 = constant
 * @param intercept added to the log-odds
 */
public record PlattCalibration(double slope, double intercept) implements java.io.Serializable {
  /** Scores are clipped to [EPS, 1 - EPS] before taking their log-odds. */
  static final double EPS = 1e-6;

  private static final String X = "_platt_x";
  private static final String Y = "_platt_y";
  private static final String W = "_platt_w";
  private static final String V = "_platt_v";

  /** The calibration that returns the score itself. */
  public static PlattCalibration identity() {
    return new PlattCalibration(1, 0);
  }

  /** The calibration that returns {@code p} for every score. */
  public static PlattCalibration constant(double p) {
    double q = Math.min(1 - EPS, Math.max(EPS, p));
    return new PlattCalibration(0, Math.log(q / (1 - q)));
  }

  /** The calibrated probability of one score. */
  public double apply(double score) {
    double s = Math.min(1 - EPS, Math.max(EPS, score));
    return 1 / (1 + Math.exp(-(slope * Math.log(s / (1 - s)) + intercept)));
  }

  /** The calibrated probability of a score column, with built-in functions. */
  public Column apply(Column score) {
    return lit(1.0).divide(lit(1.0).plus(exp(logit(score).multiply(-slope).minus(intercept))));
  }

  private static Column logit(Column score) {
    Column s = least(lit(1 - EPS), greatest(lit(EPS), score.cast("double")));
    return log(s.divide(lit(1.0).minus(s)));
  }

  /**
   * Fits the calibration to scored held-out rows.
   *
   * @param scored rows with a score in [0, 1] and a 0/1 label
   * @return the identity when there are no rows
   */
  public static PlattCalibration fit(Dataset<Row> scored, String scoreCol, String labelCol) {
    Row n = scored.agg(count("*"), sum(col(labelCol).cast("double"))).first();
    return fit(scored, scoreCol, labelCol, n.getLong(0), n.isNullAt(1) ? 0 : n.getDouble(1));
  }

  /**
   * Fits the calibration to scored held-out rows whose size and positives the caller already
   * counted (the estimator counts them with the training days, in one pass).
   *
   * @param rows the number of rows of {@code scored}
   * @param pos the sum of their labels
   * @return the identity when there are no rows
   */
  static PlattCalibration fit(
      Dataset<Row> scored, String scoreCol, String labelCol, long rows, double pos) {
    if (rows == 0) {
      return identity();
    }
    double neg = rows - pos;
    double tPos = (pos + 1) / (pos + 2);
    double tNeg = 1 / (neg + 2);
    Dataset<Row> base =
        scored
            .select(
                logit(col(scoreCol)).alias(X),
                when(col(labelCol).cast("double").gt(0), lit(tPos)).otherwise(lit(tNeg)).alias(W))
            .cache();
    try {
      Dataset<Row> targets =
          base.withColumn(Y, lit(1.0))
              .unionByName(base.withColumn(Y, lit(0.0)).withColumn(W, lit(1.0).minus(col(W))));
      Dataset<Row> assembled =
          new VectorAssembler().setInputCols(new String[] {X}).setOutputCol(V).transform(targets);
      LogisticRegressionModel lr =
          new LogisticRegression()
              .setFeaturesCol(V)
              .setLabelCol(Y)
              .setWeightCol(W)
              .setRegParam(0)
              .setStandardization(false)
              .setMaxIter(100)
              .fit(assembled);
      double slope = lr.coefficients().apply(0);
      if (!(slope > 0) || !Double.isFinite(lr.intercept())) {
        return constant((pos + 1) / (rows + 2));
      }
      return new PlattCalibration(slope, lr.intercept());
    } finally {
      base.unpersist();
    }
  }
}
