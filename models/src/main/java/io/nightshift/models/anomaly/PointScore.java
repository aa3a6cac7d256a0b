package io.nightshift.models.anomaly;

/**
 * The detector's verdict on one point: the value it saw (after counter-to-rate conversion), what it
 * expected, a band of plus/minus three sigmas, the signed deviation in sigmas and the anomaly score
 * in [0, 1].
 */
public record PointScore(
    double value, double expected, double lower, double upper, double sigmas, double score) {}
