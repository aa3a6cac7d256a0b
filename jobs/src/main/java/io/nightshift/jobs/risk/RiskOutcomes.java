package io.nightshift.jobs.risk;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.io.OutputLayout;
import io.nightshift.jobs.io.TableHistory;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.RiskBacktestTable;
import io.nightshift.jobs.schema.RiskScoresTable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code risk_backtest} rows: the {@code risk_scores} that earlier runs wrote to this output
 * (partitions {@code run_date=D} within the window), each night and horizon whose horizon has
 * passed by the end of tonight, against the incidents of tonight's input (labelled as in training,
 * {@link RiskLabels}): how many incidents the probabilities expected, how many entities had one,
 * and how many of those had stood out. Nothing is replayed or re-scored: these are the scores the
 * morning pages showed.
 */
public final class RiskOutcomes {
  private RiskOutcomes() {}

  /**
   * The outcome rows, or empty when no earlier night's horizon has passed.
   *
   * @param outputRoot the output root holding {@code risk_scores/run_date=.../}
   * @param incidents tonight's incidents input (incident_id, entity, service, opened_at)
   * @param from first day of the window
   * @param runDate tonight
   */
  public static Optional<Dataset<Row>> of(
      SparkSession spark,
      String outputRoot,
      Dataset<Row> incidents,
      List<Integer> horizonsHours,
      LocalDate from,
      LocalDate runDate) {
    int longest = horizonsHours.stream().mapToInt(Integer::intValue).max().orElse(24);
    Optional<Dataset<Row>> read =
        new TableHistory(spark, new OutputLayout(outputRoot))
            .read(RiskScoresTable.NAME, from, runDate);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Dataset<Row> earlier = read.get();
    List<String> have = List.of(earlier.columns());
    Column standsOut =
        have.contains(RiskScoresTable.STANDS_OUT)
            ? coalesce(col(RiskScoresTable.STANDS_OUT), lit(false))
            : lit(false);
    Column night = col(Cols.RUN_DATE).cast("date");
    Column passed =
        date_add(night, col(RiskScoresTable.HORIZON_HOURS).divide(24).cast("int"))
            .leq(lit(Date.valueOf(runDate)));
    Dataset<Row> scores =
        earlier
            .filter(passed)
            .select(
                col(RiskScoresTable.ENTITY).alias(Cols.ENTITY),
                col(RiskScoresTable.SERVICE).alias(Cols.SERVICE),
                night.alias(RiskFeatures.DAY),
                col(RiskScoresTable.HORIZON_HOURS),
                col(RiskScoresTable.PROBABILITY),
                standsOut.alias("_out"));
    Dataset<Row> labelled = RiskLabels.add(scores, incidents, List.of(longest));
    Column hit =
        col(RiskLabels.HOURS_TO_NEXT).lt(col(RiskScoresTable.HORIZON_HOURS).cast("double"));
    hit = coalesce(hit, lit(false));
    Dataset<Row> out =
        labelled
            .groupBy(col(RiskFeatures.DAY), col(RiskScoresTable.HORIZON_HOURS))
            .agg(
                count("*").alias(RiskBacktestTable.ENTITIES),
                sum(col(RiskScoresTable.PROBABILITY)).alias(RiskBacktestTable.EXPECTED),
                sum(when(hit, 1).otherwise(0)).alias(RiskBacktestTable.WITH_INCIDENT),
                sum(when(col("_out"), 1).otherwise(0)).alias(RiskBacktestTable.STOOD_OUT),
                sum(when(hit.and(col("_out")), 1).otherwise(0))
                    .alias(RiskBacktestTable.STOOD_OUT_WITH_INCIDENT),
                array_join(
                        sort_array(
                            collect_list(
                                when(
                                    hit,
                                    concat(
                                        col(Cols.ENTITY),
                                        when(col("_out"), lit("*")).otherwise(lit("")))))),
                        ", ")
                    .alias(RiskBacktestTable.INCIDENT_ENTITIES))
            .select(
                col(RiskFeatures.DAY).alias(RiskBacktestTable.NIGHT),
                col(RiskScoresTable.HORIZON_HOURS).alias(RiskBacktestTable.HORIZON_HOURS),
                when(
                        col(RiskScoresTable.HORIZON_HOURS).geq(48),
                        concat(
                            col(RiskScoresTable.HORIZON_HOURS)
                                .divide(24)
                                .cast("int")
                                .cast("string"),
                            lit("d")))
                    .otherwise(concat(col(RiskScoresTable.HORIZON_HOURS).cast("string"), lit("h")))
                    .alias(RiskBacktestTable.HORIZON),
                col(RiskBacktestTable.ENTITIES),
                col(RiskBacktestTable.EXPECTED),
                col(RiskBacktestTable.WITH_INCIDENT),
                col(RiskBacktestTable.STOOD_OUT),
                col(RiskBacktestTable.STOOD_OUT_WITH_INCIDENT),
                col(RiskBacktestTable.INCIDENT_ENTITIES));
    return Optional.of(out);
  }
}
