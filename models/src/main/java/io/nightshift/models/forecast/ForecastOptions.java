package io.nightshift.models.forecast;

import java.io.Serializable;

/**
 * Options of the per-series forecaster ({@link SeriesForecaster}).
 *
 * @param season the short seasonal period in steps (24 for daily seasonality of hourly data); 1 for
 *     none
 * @param longSeason the long seasonal period in steps (168 for weekly seasonality of hourly data);
 *     0 or 1 to disable; used only when the series holds at least three long seasons
 * @param backtestHorizon steps forecast from each rolling origin when choosing a model (capped at
 *     the forecast horizon)
 * @param origins number of rolling origins of the backtest
 * @param originStep steps between consecutive origins
 * @param combineTop the best {@code combineTop} candidates are also tried as an equal-weight
 *     combination, chosen when its backtest error is lower (1 disables combinations)
 * @param adjustLevelShifts whether persistent level shifts and resets are detected and earlier data
 *     aligned to the latest level
 * @param maxFitLength at most this many recent steps are used to fit each candidate (speed)
 */
public record ForecastOptions(
    int season,
    int longSeason,
    int backtestHorizon,
    int origins,
    int originStep,
    int combineTop,
    boolean adjustLevelShifts,
    int maxFitLength)
    implements Serializable {

  /** Validates the options. */
  public ForecastOptions {
    if (season < 1) {
      throw new IllegalArgumentException("season must be >= 1, was " + season);
    }
    if (longSeason < 0) {
      throw new IllegalArgumentException("longSeason must be >= 0, was " + longSeason);
    }
    if (backtestHorizon < 1 || origins < 1 || originStep < 1) {
      throw new IllegalArgumentException(
          "backtestHorizon, origins and originStep must be >= 1, were "
              + backtestHorizon
              + ", "
              + origins
              + ", "
              + originStep);
    }
    if (combineTop < 1) {
      throw new IllegalArgumentException("combineTop must be >= 1, was " + combineTop);
    }
    if (maxFitLength < 8) {
      throw new IllegalArgumentException("maxFitLength must be >= 8, was " + maxFitLength);
    }
  }

  /**
   * Defaults for hourly data: daily and weekly seasonality, 48-step backtests at 12 daily origins.
   */
  public static ForecastOptions hourly() {
    return new ForecastOptions(24, 168, 48, 12, 24, 3, true, 24 * 7 * 6);
  }
}
