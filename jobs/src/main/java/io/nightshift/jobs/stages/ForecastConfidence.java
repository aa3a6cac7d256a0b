package io.nightshift.jobs.stages;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.schema.CapacityForecastTable;
import io.nightshift.models.forecast.ForecasterModel;
import org.apache.spark.sql.Column;

/**
 * How far a capacity forecast can be trusted, in words, from its own rolling-origin backtest and
 * the series' last level reset. The backtest error is MASE-scaled: the forecast's mean absolute
 * error over the error of a naive forecast, so below 1 it beat the naive forecast (0.65: by 35%). A
 * forecast is {@link CapacityForecastTable#CONFIDENCE_LOW low confidence} when it was not
 * backtested, did no better than naive (MASE at or above 1), or rests on less than a day of data
 * since a level reset; the note says which.
 */
final class ForecastConfidence {
  /** Hours of data since a level reset below which a forecast is low confidence (a daily cycle). */
  static final int MIN_HOURS_SINCE_RESET = 24;

  private ForecastConfidence() {}

  /** The skill in words, e.g. "beat a naive forecast by 35% in its backtest (MASE 0.65)". */
  static Column skill(Column mase) {
    Column figure = concat(lit(" in its backtest (MASE "), format_number(mase, 2), lit(")"));
    return when(mase.isNull(), lit("not backtested (too little history)"))
        .when(
            mase.lt(1),
            concat(
                lit("beat a naive forecast by "),
                round(lit(1).minus(mase).multiply(100)).cast("int").cast("string"),
                lit("%"),
                figure))
        .otherwise(concat(lit("no better than a naive forecast"), figure));
  }

  /** {@code high} or {@code low}. */
  static Column level(Column mase, Column resetHoursAgo) {
    return when(
            mase.isNull()
                .or(mase.geq(1))
                .or(resetHoursAgo.isNotNull().and(resetHoursAgo.lt(MIN_HOURS_SINCE_RESET))),
            lit(CapacityForecastTable.CONFIDENCE_LOW))
        .otherwise(lit(CapacityForecastTable.CONFIDENCE_HIGH));
  }

  /** Why the confidence is low, and what a level reset did to the data used; null if nothing. */
  static Column note(Column mase, Column resetHoursAgo) {
    Column hours = resetHoursAgo.cast("string");
    Column skill =
        when(mase.isNull(), lit("not backtested: too little history"))
            .when(
                mase.geq(1),
                concat(
                    lit("did no better than a naive forecast in its backtest (MASE "),
                    format_number(mase, 2),
                    lit(")")));
    Column reset =
        when(resetHoursAgo.isNull(), lit(null).cast("string"))
            .when(
                resetHoursAgo.lt(ForecasterModel.MIN_STEPS_AFTER_RESET),
                concat(
                    lit("the level was reset "),
                    hours,
                    lit(
                        " h ago (restart, cleanup or fix), too recent to forecast from:"
                            + " the forecast still follows the history before it")))
            .when(
                resetHoursAgo.lt(MIN_HOURS_SINCE_RESET),
                concat(
                    lit("forecast from only the "),
                    hours,
                    lit(" h since a level reset (restart, cleanup or fix)")))
            .otherwise(
                concat(
                    lit("forecast from the "),
                    hours,
                    lit(" h since a level reset (restart, cleanup or fix)")));
    Column joined = concat_ws("; ", skill, reset);
    return when(joined.equalTo(""), lit(null).cast("string")).otherwise(joined);
  }
}
