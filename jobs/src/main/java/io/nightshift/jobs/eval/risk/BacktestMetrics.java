package io.nightshift.jobs.eval.risk;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.risk.RiskFeatures;
import io.nightshift.jobs.risk.RiskLabels;
import io.nightshift.jobs.risk.RiskRanking;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Ranking metrics of one scorer over replayed nights. Input rows: day, entity, a score, a 0/1
 * label, and hours_to_next / next_incident for positives. PR-AUC and ROC-AUC pool every night's
 * rows (Spark's BinaryClassificationMetrics, ties at one threshold); precision and recall at k are
 * per night (top k by score, ties broken by a hash of the entity) then averaged over nights
 * (recall: over nights with at least one positive; precision divides by min(k, entities)); the
 * median lead time is over incidents that reached the top k while inside the horizon: hours between
 * the end of the earliest such night and the incident's opening. The precision ceiling is what a
 * perfect ranking would reach (nights with fewer than k positives cannot fill the top k). ECE
 * (probabilities only): ten equal-width bins, sum of |mean probability - observed rate| weighted by
 * the bin's share.
 */
public final class BacktestMetrics {
  private BacktestMetrics() {}

  /** Metrics of a scorer; {@code withEce} adds the calibration error of the score itself. */
  public static Map<String, Object> of(
      Dataset<Row> rows, String score, String label, int k, boolean withEce) {
    return of(rows, score, label, k, withEce ? score : null);
  }

  /**
   * Metrics of a scorer that ranks by {@code score}; with a non-null {@code probability} column the
   * calibration error of that column is added as {@code ece}.
   */
  public static Map<String, Object> of(
      Dataset<Row> rows, String score, String label, int k, String probability) {
    Map<String, Object> out = new LinkedHashMap<>();
    Dataset<Row> pairs = rows.select(col(score).cast("double"), col(label).cast("double"));
    BinaryClassificationMetrics bcm =
        new BinaryClassificationMetrics(
            pairs
                .toJavaRDD()
                .map(r -> new Tuple2<Object, Object>(r.getDouble(0), r.getDouble(1)))
                .rdd());
    long positives = pairs.filter(col(label).gt(0)).count();
    boolean defined = positives > 0 && positives < pairs.count();
    out.put("pr_auc", defined ? bcm.areaUnderPR() : null);
    out.put("roc_auc", defined ? bcm.areaUnderROC() : null);
    bcm.unpersist();

    Dataset<Row> ranked = rows.withColumn("_rank", RiskRanking.orderWithinDay(col(score)));
    Row atK =
        ranked
            .groupBy(RiskFeatures.DAY)
            .agg(
                sum(when(col("_rank").leq(k), col(label)).otherwise(0)).alias("_hits"),
                sum(col(label)).alias("_pos"),
                count("*").alias("_n"))
            .agg(
                avg(col("_hits").divide(least(lit(k), col("_n")))),
                avg(when(col("_pos").gt(0), col("_hits").divide(col("_pos")))),
                avg(least(lit(k), col("_pos")).divide(least(lit(k), col("_n")))))
            .first();
    out.put("precision_at_" + k, atK.isNullAt(0) ? null : atK.getDouble(0));
    out.put("recall_at_" + k, atK.isNullAt(1) ? null : atK.getDouble(1));
    out.put("precision_at_" + k + "_ceiling", atK.isNullAt(2) ? null : atK.getDouble(2));

    Row lead =
        ranked
            .filter(col("_rank").leq(k).and(col(label).gt(0)))
            .groupBy(RiskLabels.NEXT_INCIDENT)
            .agg(max(RiskLabels.HOURS_TO_NEXT).alias("_lead"))
            .agg(percentile(col("_lead"), lit(0.5)), count("*"))
            .first();
    out.put("median_lead_hours", lead.isNullAt(0) ? null : lead.getDouble(0));
    out.put("incidents_warned", lead.getLong(1));
    if (probability != null) {
      out.put("ece", ece(rows, probability, label));
    }
    return out;
  }

  /** Expected calibration error over ten equal-width probability bins. */
  public static Double ece(Dataset<Row> rows, String probability, String label) {
    Row r =
        rows.withColumn("_bin", least(lit(9), floor(col(probability).multiply(10))))
            .groupBy("_bin")
            .agg(
                avg(probability).alias("_p"),
                avg(col(label).cast("double")).alias("_y"),
                count("*").alias("_n"))
            .agg(sum(abs(col("_p").minus(col("_y"))).multiply(col("_n"))), sum("_n"))
            .first();
    return r.isNullAt(0) || r.getLong(1) == 0 ? null : r.getDouble(0) / r.getLong(1);
  }
}
