package io.nightshift.models.situations;

import java.util.List;

/**
 * One situation: related signals that overlapped in time, with what they touched, how bad it is,
 * what probably started it and whether it is worth reporting.
 *
 * @param members the signals, in start order
 * @param start first signal's start (epoch seconds)
 * @param end last signal's end (epoch seconds)
 * @param entities entities touched, sorted
 * @param services services touched, sorted
 * @param maxScore highest signal score
 * @param severity in [0, 1]: the highest score, with each further service touched closing 20% and
 *     each further entity 10% of the remaining gap to 1
 * @param causes probable causes, most probable first
 * @param signature what the situation looks like regardless of time and host: its sorted distinct
 *     {@code service:metric} pairs (recurring patterns are recognised by it)
 * @param headline one line for a person, e.g. "payments-db latency_ms on host-017 at 02:10, then
 *     checkout, web"
 * @param passesMinimums whether it reaches the configured minimum score, and the minimum number of
 *     signals or duration
 */
public record Situation(
    List<Signal> members,
    long start,
    long end,
    List<String> entities,
    List<String> services,
    double maxScore,
    double severity,
    List<Cause> causes,
    String signature,
    String headline,
    boolean passesMinimums) {}
