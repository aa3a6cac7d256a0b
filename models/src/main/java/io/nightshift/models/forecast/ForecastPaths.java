package io.nightshift.models.forecast;

/**
 * Forecast of one series for steps {@code 1..horizon} after its last observation: the point
 * forecast and the quantile paths (10%, 50%, 90%, and the 95% interval bounds).
 *
 * @param point point forecast
 * @param p10 10% quantile
 * @param p50 median
 * @param p90 90% quantile
 * @param lower95 2.5% quantile
 * @param upper95 97.5% quantile
 * @param model the chosen model (a candidate name, or names joined by '+' for a combination)
 * @param backtestMase the chosen model's rolling-origin backtest error (MASE-scaled)
 */
public record ForecastPaths(
    double[] point,
    double[] p10,
    double[] p50,
    double[] p90,
    double[] lower95,
    double[] upper95,
    String model,
    double backtestMase) {

  /**
   * Steps (1-based) until {@code path} first reaches {@code threshold} (at or above), or -1 if it
   * does not within the horizon.
   */
  public static int firstCrossing(double[] path, double threshold) {
    for (int i = 0; i < path.length; i++) {
      if (path[i] >= threshold) {
        return i + 1;
      }
    }
    return -1;
  }
}
