package io.nightshift.models.anomaly;

/**
 * The detector's verdict on one point.
 *
 * @param value the value modelled (the raw value, or a counter's rate per second)
 * @param expected the baseline's prediction for this time
 * @param lower expected minus three sigmas
 * @param upper expected plus three sigmas
 * @param sigmas signed deviation from the baseline in sigmas
 * @param score how unusual the point is for this series, in [0, 1]
 * @param alertScore the score with repeats damped: after an alert, further points of the same
 *     incident score lower for a while, so one incident alerts once (the streaming alert signal)
 */
public record PointScore(
    double value,
    double expected,
    double lower,
    double upper,
    double sigmas,
    double score,
    double alertScore) {

  /** A point learned but not scored (warm-up). */
  static PointScore learning(double value) {
    return new PointScore(value, value, value, value, 0, 0, 0);
  }
}
