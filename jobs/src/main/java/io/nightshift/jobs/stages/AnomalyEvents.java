package io.nightshift.jobs.stages;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.config.AnomalySettings;
import io.nightshift.jobs.schema.AnomaliesTable;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.HourlyMetrics;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Merges the detector's anomalous points into events and describes each event the way its raw
 * samples read.
 *
 * <p>An event is a run of points of one series scoring at or above {@code alertScore}, less than
 * {@code mergeGapMinutes} apart. The highest-scoring point is not always the one to describe: the
 * detector adopts a new level after {@code shiftPoints} consecutive points beyond its clip, and
 * when the series then returns to normal, that return deviates from the adopted level and can score
 * highest (a latency spike would read as "far below the baseline"). So an event is described from
 * its <em>onset</em>:
 *
 * <ul>
 *   <li>its <b>direction</b> is the sign of its first point that lies {@link #SMALL_SIGMAS} or more
 *       from its baseline (scored before the detector could adopt a new level: that takes {@code
 *       shiftPoints} points beyond the clip); without one, the sign of the summed deviations of its
 *       first {@code shiftPoints} points;
 *   <li>its <b>baseline</b> ({@code expected, lower, upper}) is the one its first point was scored
 *       against: the detector's baseline just before the event;
 *   <li>its <b>peak</b> ({@code peak_ts, value}) is its most extreme value in that direction (the
 *       earliest if tied), and the reason says how many of the baseline's sigmas ({@code (upper -
 *       lower) / 6}) it lies from the expected value;
 *   <li>its <b>score</b> is the highest score of its points (the ranking the page sorts by).
 * </ul>
 *
 * <p>When the baseline the event began from lies outside the series' usual range (the mean of its
 * look-back window's points plus or minus {@link #USUAL_SDS} standard deviations) and the peak lies
 * inside it, the value is ordinary and the baseline was not: a return from a level the detector had
 * adopted (a shift since yesterday, a surge earlier tonight), or a seasonal profile bent by
 * yesterday's incident. The reason then starts with "within its usual range (lo to hi in the
 * look-back window) though the baseline was not: ", so "19.1 sigma below" is not read as a fall to
 * an unusual level.
 *
 * <p>A series whose values in the look-back window are never negative is shown with its band (and
 * expected value) clipped at 0: the detector's Gaussian band can reach below zero on a noisy
 * non-negative series, a value the series cannot take. Only the description is clipped; the scores
 * are the detector's.
 */
final class AnomalyEvents {
  /** Deviations at or beyond this many sigmas are written as "more than" it. */
  static final double MAX_SIGMAS = 50;

  /** A series' usual range: its look-back mean plus or minus this many standard deviations. */
  static final double USUAL_SDS = 2;

  /** Below this many sigmas from the baseline, the event was raised by its novelty or its run. */
  static final double SMALL_SIGMAS = 3;

  private AnomalyEvents() {}

  /**
   * See {@link AnomalyStage#events}; {@code hourly} is the look-back window's metrics rolled up by
   * {@link HourlyMetrics} (the night's shared rollup), which gives each series' service, whether it
   * is ever negative, and its usual range, without another pass over the raw points.
   */
  static Dataset<Row> of(
      Dataset<Row> scored, Dataset<Row> hourly, Instant dayStart, AnomalySettings settings) {
    WindowSpec bySeries = Window.partitionBy(Cols.ENTITY, Cols.METRIC).orderBy(Cols.TS);
    Column gap =
        unix_timestamp(col(Cols.TS)).minus(unix_timestamp(lag(col(Cols.TS), 1).over(bySeries)));
    Dataset<Row> flagged =
        scored
            .where(col(Cols.TS).geq(Timestamp.from(dayStart)))
            .where(col("score").geq(settings.detector().alertScore()))
            .withColumn(
                "_new",
                when(gap.isNull().or(gap.gt(settings.mergeGapMinutes() * 60L)), 1).otherwise(0))
            .withColumn(
                "_event",
                sum("_new")
                    .over(bySeries.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
            .withColumn(
                "_rank",
                row_number()
                    .over(Window.partitionBy(Cols.ENTITY, Cols.METRIC, "_event").orderBy(Cols.TS)));
    Column point = struct(col(Cols.TS), col("value"));
    Column clear = when(abs(col("sigmas")).geq(SMALL_SIGMAS), col("sigmas"));
    Dataset<Row> events =
        flagged
            .groupBy(col(Cols.ENTITY), col(Cols.METRIC), col("_event"))
            .agg(
                min(Cols.TS).as("_start"),
                max(Cols.TS).as("_end"),
                count(lit(1)).as("_points"),
                max("score").as("_score"),
                min_by(
                        struct(col(Cols.TS), col("expected"), col("lower"), col("upper")),
                        col(Cols.TS))
                    .as("_onset"),
                min_by(clear, when(clear.isNotNull(), col(Cols.TS))).as("_first"),
                sum(when(col("_rank").leq(settings.detector().shiftPoints()), col("sigmas"))
                        .otherwise(0.0))
                    .as("_lean"),
                max_by(point, struct(col("value"), unix_micros(col(Cols.TS)).multiply(-1)))
                    .as("_high"),
                min_by(point, struct(col("value"), col(Cols.TS))).as("_low"));
    Column n = sum(col(HourlyMetrics.N));
    Column mean = sum(col(HourlyMetrics.VALUE_SUM)).divide(n);
    Column variance =
        sum(col(HourlyMetrics.VALUE_SUMSQ))
            .minus(n.multiply(mean).multiply(mean))
            .divide(n.minus(1));
    Dataset<Row> series =
        hourly
            .groupBy(Cols.ENTITY, Cols.METRIC)
            .agg(
                max(when(col(HourlyMetrics.HOUR).geq(Timestamp.from(dayStart)), col(Cols.SERVICE)))
                    .as(AnomaliesTable.SERVICE),
                min(HourlyMetrics.VALUE_MIN).geq(0).as("_nonNegative"),
                mean.as("_mean"),
                when(n.gt(1), sqrt(greatest(variance, lit(0.0)))).as("_sd"));
    Column up = coalesce(col("_first"), col("_lean")).geq(0);
    Column peakTs = when(up, col("_high.ts")).otherwise(col("_low.ts"));
    Column value = when(up, col("_high.value")).otherwise(col("_low.value"));
    Column expected = col("_onset.expected");
    Column sigma = col("_onset.upper").minus(col("_onset.lower")).divide(6);
    Column sigmas = when(sigma.gt(0), value.minus(expected).divide(sigma)).otherwise(lit(0.0));
    Column size = abs(sigmas);
    Column floor = when(col("_nonNegative"), lit(0.0));
    Column usualLo = clip(col("_mean").minus(col("_sd").multiply(USUAL_SDS)), floor);
    Column usualHi = col("_mean").plus(col("_sd").multiply(USUAL_SDS));
    Column usualValue =
        coalesce(
            expected.lt(usualLo).or(expected.gt(usualHi)).and(value.between(usualLo, usualHi)),
            lit(false));
    Column reason =
        format_string(
            "%s%s sigma %s the %s %s baseline",
            when(
                    usualValue,
                    concat(
                        lit("within its usual range ("),
                        figures(usualLo),
                        lit(" to "),
                        figures(usualHi),
                        lit(" in the look-back window) though the baseline was not: ")))
                .when(size.lt(SMALL_SIGMAS), lit("new for this series though only "))
                .otherwise(lit("")),
            when(size.geq(MAX_SIGMAS), lit(String.format("more than %.0f", MAX_SIGMAS)))
                .otherwise(format_string("%.1f", size)),
            when(up, lit("above")).otherwise(lit("below")),
            date_format(col("_onset.ts"), "EEEE"),
            date_format(col("_onset.ts"), "HH:00"));
    return events
        .join(series, new String[] {Cols.ENTITY, Cols.METRIC}, "left")
        .select(
            col(Cols.ENTITY).as(AnomaliesTable.ENTITY),
            col(AnomaliesTable.SERVICE),
            col(Cols.METRIC).as(AnomaliesTable.METRIC),
            col("_start").as(AnomaliesTable.START),
            col("_end").as(AnomaliesTable.END),
            peakTs.as(AnomaliesTable.PEAK_TS),
            peakTs.as(AnomaliesTable.TS),
            value.as(AnomaliesTable.VALUE),
            clip(expected, floor).as(AnomaliesTable.EXPECTED),
            clip(col("_onset.lower"), floor).as(AnomaliesTable.LOWER),
            clip(col("_onset.upper"), floor).as(AnomaliesTable.UPPER),
            col("_score").as(AnomaliesTable.SCORE),
            col("_points").as(AnomaliesTable.POINTS),
            reason.as(AnomaliesTable.REASON));
  }

  /** A number to about three significant figures, as {@code Cells.reading} shows it. */
  private static Column figures(Column x) {
    return when(x.equalTo(0), lit("0"))
        .when(abs(x).geq(100), format_string("%.0f", x))
        .when(abs(x).geq(10), format_string("%.1f", x))
        .when(abs(x).geq(1), format_string("%.2f", x))
        .otherwise(format_string("%.3g", x));
  }

  /** The bound, raised to the floor where there is one. */
  private static Column clip(Column bound, Column floor) {
    return when(floor.isNull(), bound).otherwise(greatest(bound, floor));
  }
}
