package io.nightshift.models.risk;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.covar_pop;
import static org.apache.spark.sql.functions.stddev_pop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the model knows about each feature to explain a score: its centre and spread on the training
 * rows, the direction in which it raises risk (+1, -1 or 0) and its weight (tree importance, or
 * |coefficient| x spread). A feature's contribution to one row is {@code weight x max(0, direction
 * x (value - centre) / scale)}: how far, in spreads, it sits on the risky side, scaled by how much
 * the model relies on it.
 *
 * @param names feature names, in model order
 * @param centre mean on the training rows
 * @param scale standard deviation on the training rows (1 when constant)
 * @param direction sign of the feature's association with incidents
 * @param weight the model's reliance on the feature
 */
public record FeatureStats(
    List<String> names, double[] centre, double[] scale, double[] direction, double[] weight) {

  /**
   * Centre, spread and risk direction of every feature on the training rows, in one pass ({@link
   * FeatureMoments}; the Spark SQL aggregate when a feature is not a plain number), and its weight:
   * the trees' importance, or |coefficient| x spread for logistic regression.
   */
  static FeatureStats measure(
      Dataset<Row> rows, List<String> features, String labelCol, Model<?> clf) {
    return from(moments(rows, features, labelCol), features, clf);
  }

  /**
   * The same statistics from one Spark SQL {@code agg} of {@code avg}, {@code stddev_pop} and
   * {@code covar_pop} per feature: the reference {@link FeatureMoments} reproduces.
   */
  static FeatureStats measureWithSql(
      Dataset<Row> rows, List<String> features, String labelCol, Model<?> clf) {
    return from(sqlMoments(rows, features, labelCol), features, clf);
  }

  private static Double[] moments(Dataset<Row> rows, List<String> features, String labelCol) {
    StructType schema = rows.schema();
    boolean plain =
        features.stream().allMatch(f -> PLAIN_NUMBERS.contains(schema.apply(f).dataType()));
    if (!plain) {
      return sqlMoments(rows, features, labelCol);
    }
    FeatureMoments m = FeatureMoments.measure(rows, features, labelCol);
    Double[] out = new Double[3 * features.size()];
    for (int i = 0; i < features.size(); i++) {
      out[3 * i] = m.mean(i);
      out[3 * i + 1] = m.stddevPop(i);
      out[3 * i + 2] = m.covariancePop(i);
    }
    return out;
  }

  private static Double[] sqlMoments(Dataset<Row> rows, List<String> features, String labelCol) {
    List<Column> aggs = new ArrayList<>();
    for (String f : features) {
      aggs.add(avg(col(f)));
      aggs.add(stddev_pop(col(f)));
      aggs.add(covar_pop(col(f).cast("double"), col(labelCol)));
    }
    Row r = rows.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    Double[] out = new Double[aggs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = r.isNullAt(i) ? null : r.getDouble(i);
    }
    return out;
  }

  private static FeatureStats from(Double[] r, List<String> features, Model<?> clf) {
    int k = features.size();
    double[] centre = new double[k];
    double[] scale = new double[k];
    double[] direction = new double[k];
    double[] weight = new double[k];
    Vector importance =
        clf instanceof GBTClassificationModel g
            ? g.featureImportances()
            : clf instanceof LogisticRegressionModel lr ? lr.coefficients() : null;
    for (int i = 0; i < k; i++) {
      centre[i] = r[3 * i] == null ? 0 : r[3 * i];
      double sd = r[3 * i + 1] == null ? 0 : r[3 * i + 1];
      scale[i] = sd > 1e-12 ? sd : 1;
      double c = r[3 * i + 2] == null ? 0 : r[3 * i + 2];
      if (Double.isNaN(c)) {
        c = 0;
      }
      if (clf instanceof LogisticRegressionModel) {
        double coef = importance.apply(i);
        direction[i] = Math.signum(coef);
        weight[i] = Math.abs(coef) * scale[i];
      } else {
        direction[i] = Math.signum(c);
        weight[i] = importance == null ? Math.abs(c) / scale[i] : importance.apply(i);
      }
    }
    return new FeatureStats(features, centre, scale, direction, weight);
  }

  /** Column types {@link FeatureMoments} reads as Spark SQL's functions do (cast to double). */
  private static final Set<DataType> PLAIN_NUMBERS =
      Set.of(
          DataTypes.DoubleType,
          DataTypes.FloatType,
          DataTypes.LongType,
          DataTypes.IntegerType,
          DataTypes.ShortType,
          DataTypes.ByteType);

  /** The contribution of one feature value (see the class comment). */
  public double contribution(int i, double value) {
    return weight[i] * Math.max(0, direction[i] * (value - centre[i]) / scale[i]);
  }

  /** Feature names with their weights, largest first (the model's global importances). */
  public List<Importance> importances() {
    List<Importance> out = new ArrayList<>();
    double total = 0;
    for (double w : weight) {
      total += w;
    }
    for (int i = 0; i < names.size(); i++) {
      out.add(new Importance(names.get(i), total > 0 ? weight[i] / total : 0, direction[i]));
    }
    out.sort(Comparator.comparingDouble(Importance::share).reversed());
    return out;
  }

  /** A feature's share of the total weight and its risk direction. */
  public record Importance(String feature, double share, double direction) {}
}
