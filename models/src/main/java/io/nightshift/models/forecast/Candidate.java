package io.nightshift.models.forecast;

/**
 * One candidate forecasting method for a single series, stateless: {@link #fit} estimates its
 * parameters from a prefix of the series, {@link #forecast} forecasts from any origin with given
 * parameters (re-running the method's filter over the data before the origin). Parameters are a
 * plain {@code double[]} so a fitted choice can be persisted.
 */
interface Candidate {

  /** Stable name, used in output tables and persisted models. */
  String name();

  /** Fewest observations before an origin this method needs. */
  int minLength();

  /** Estimates parameters on {@code y[0..n)}. */
  double[] fit(double[] y, int n);

  /** Writes forecasts for steps {@code 1..h} after origin {@code o} (using {@code y[0..o)}). */
  void forecast(double[] y, int o, int h, double[] params, double[] out);
}
