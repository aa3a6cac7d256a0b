package io.nightshift.models.forecast;

import java.io.Serializable;

/**
 * What is learnt for one series: the chosen candidate(s) with their parameters (refitted on the
 * whole series), the interval calibration and the backtest error. Applying it to the series (or the
 * same series with newer data) forecasts without re-running the selection.
 *
 * @param members chosen candidate names (several: an equal-weight combination)
 * @param params parameters of each member
 * @param intervals the calibrated interval model
 * @param backtestMase backtest error of the choice (mean absolute error over the backtest, divided
 *     by the in-sample seasonal-naive error)
 * @param nonNegative whether the series never went below zero (forecasts are clipped at zero)
 * @param shifts level shifts removed when fitting
 */
public record SeriesFit(
    String[] members,
    double[][] params,
    IntervalModel intervals,
    double backtestMase,
    boolean nonNegative,
    int shifts)
    implements Serializable {

  /** The model name: the member names joined by '+'. */
  public String model() {
    return String.join("+", members);
  }
}
