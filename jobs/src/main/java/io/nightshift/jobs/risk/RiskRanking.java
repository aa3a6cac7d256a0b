package io.nightshift.jobs.risk;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.inline;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.nightshift.jobs.config.RiskSettings;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.RiskScoresTable;
import io.nightshift.models.risk.RiskEstimator;
import io.nightshift.models.risk.RiskModel;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/** What the nightly stage and the backtest share: the configured estimator, ranking, wording. */
public final class RiskRanking {
  private RiskRanking() {}

  /**
   * The estimator for one horizon, configured from the risk settings (regularisation per horizon: a
   * label over h days is shared by about h consecutive days of an entity, so a longer horizon has
   * fewer independent examples and wants a stronger, sparser fit).
   */
  public static RiskEstimator estimator(RiskSettings s, List<String> features, int horizonHours) {
    return new RiskEstimator()
        .setFeatureCols(features)
        .setFactorSources(features.stream().map(FactorWords::source).toList())
        .setLabelCol(RiskLabels.label(horizonHours))
        .setDayCol(RiskFeatures.DAY)
        .setClassifier(s.classifier())
        .setMaxIter(s.maxIter())
        .setMaxDepth(s.maxDepth())
        .setRegParam(RiskSettings.forHorizon(s.regParam(), horizonHours))
        .setElasticNetParam(RiskSettings.forHorizon(s.elasticNetParam(), horizonHours))
        .setCalibrationDays(s.calibrationDays())
        .setNumFactors(PROPOSED_FACTORS)
        .setProbabilityCol(RiskScoresTable.PROBABILITY);
  }

  /** The model's uncalibrated score column (the estimator's default raw score column). */
  public static final String RAW_SCORE = "raw_score";

  /**
   * An entity stands out when its probability is at least this many times the fleet's usual
   * probability (and above tonight's median, see {@link RiskScoresTable#STANDS_OUT}).
   */
  public static final double STANDS_OUT_RATIO = 2.0;

  /** Factors the model proposes per row; those that say nothing true are dropped, 3 are kept. */
  public static final int PROPOSED_FACTORS = 6;

  /** Factors kept per row. */
  public static final int FACTORS = 3;

  /**
   * What entities are ranked by: the calibrated probability. The calibration keeps the classifier's
   * order (Platt scaling), so equal probabilities mean equal classifier scores: a true tie.
   */
  public static Column rankingScore() {
    return col(RiskScoresTable.PROBABILITY);
  }

  /**
   * Rank 1 = highest score within each day and horizon; equal scores share a rank (1, 2, 2, 4), so
   * a tie is never presented as an order.
   */
  public static Column rankWithinDay(Column score) {
    return rank()
        .over(
            Window.partitionBy(col(RiskFeatures.DAY), col(RiskScoresTable.HORIZON_HOURS))
                .orderBy(score.desc()));
  }

  /**
   * A strict order within each day for measuring the top k (precision@k): highest score first, ties
   * broken by a hash of the entity (not its name), so exactly k rows are the top k.
   */
  public static Column orderWithinDay(Column score) {
    return row_number()
        .over(
            Window.partitionBy(RiskFeatures.DAY)
                .orderBy(score.desc(), xxhash64(col(Cols.ENTITY)), col(Cols.ENTITY)));
  }

  /**
   * Partitions for the materialised feature rows: one per core. The rows are few (entities x days),
   * and the classifier runs many small Spark jobs over them, each paying per-task overhead.
   */
  public static int partitions(SparkSession spark) {
    return Math.max(1, spark.sparkContext().defaultParallelism());
  }

  /** "24h" or "7d". */
  public static String horizonText(int hours) {
    return hours % 24 == 0 && hours >= 48 ? hours / 24 + "d" : hours + "h";
  }

  /**
   * A fitted model scoring one horizon tonight.
   *
   * @param modelDate the night that saved the model
   */
  public record HorizonModel(int horizonHours, RiskModel model, LocalDate modelDate) {}

  /**
   * The risk_scores rows of every horizon, scored in one query: each model adds its own columns to
   * the day's rows ({@link CapacityDays} joined), and each row becomes one row per horizon, ranked
   * within its day and horizon.
   *
   * @param rows the day's feature rows with {@link CapacityDays} joined
   */
  public static Dataset<Row> scoresTable(Dataset<Row> rows, List<HorizonModel> horizons) {
    Dataset<Row> scored = rows;
    List<Column> perHorizon = new ArrayList<>();
    for (int i = 0; i < horizons.size(); i++) {
      HorizonModel h = horizons.get(i);
      String probability = "_probability_" + i;
      String factors = "_factors_" + i;
      scored =
          h.model()
              .copy(ParamMap.empty())
              .setProbabilityCol(probability)
              .setRawScoreCol("_raw_score_" + i)
              .setFactorsCol(factors)
              .transform(scored);
      perHorizon.add(
          struct(
              lit(h.horizonHours()).alias(RiskScoresTable.HORIZON_HOURS),
              lit(horizonText(h.horizonHours())).alias(RiskScoresTable.HORIZON),
              col(probability).alias(RiskScoresTable.PROBABILITY),
              words(col(factors)).alias(WORDS),
              lit(h.model().prior()).alias(RiskScoresTable.BASE_RATE),
              lit(Date.valueOf(h.modelDate())).alias(RiskScoresTable.MODEL_DATE)));
    }
    Dataset<Row> byHorizon =
        scored.select(
            col(Cols.ENTITY),
            col(Cols.SERVICE),
            col(RiskFeatures.DAY),
            inline(array(perHorizon.toArray(new Column[0]))));
    Column p = col(RiskScoresTable.PROBABILITY);
    Column baseRate = col(RiskScoresTable.BASE_RATE);
    Column median =
        percentile_approx(p, lit(0.5), lit(10000))
            .over(Window.partitionBy(RiskFeatures.DAY, RiskScoresTable.HORIZON_HOURS));
    return byHorizon.select(
        col(Cols.ENTITY).alias(RiskScoresTable.ENTITY),
        col(Cols.SERVICE).alias(RiskScoresTable.SERVICE),
        col(RiskScoresTable.HORIZON_HOURS),
        col(RiskScoresTable.HORIZON),
        p,
        rankWithinDay(rankingScore()).alias(RiskScoresTable.RANK),
        array_join(col(WORDS), "; ").alias(RiskScoresTable.FACTORS),
        try_element_at(col(WORDS), lit(1)).alias(RiskScoresTable.FACTOR_1),
        try_element_at(col(WORDS), lit(2)).alias(RiskScoresTable.FACTOR_2),
        try_element_at(col(WORDS), lit(3)).alias(RiskScoresTable.FACTOR_3),
        baseRate,
        when(baseRate.gt(0), p.divide(baseRate)).alias(RiskScoresTable.TIMES_USUAL),
        when(baseRate.gt(0), p.geq(lit(STANDS_OUT_RATIO).multiply(baseRate)).and(p.gt(median)))
            .otherwise(lit(false))
            .alias(RiskScoresTable.STANDS_OUT),
        col(RiskScoresTable.MODEL_DATE));
  }

  private static final String WORDS = "_words";

  /** The first {@link #FACTORS} distinct true words of a row's proposed factors. */
  private static Column words(Column factors) {
    return slice(
        array_distinct(
            filter(
                FactorWords.words(
                    factors,
                    col(HistoryFeatures.LAST_FAILED_CHANGE),
                    col(CapacityDays.DAYS),
                    col(CapacityDays.SOONEST)),
                w -> w.isNotNull())),
        1,
        FACTORS);
  }
}
