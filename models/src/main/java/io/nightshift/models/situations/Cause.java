package io.nightshift.models.situations;

/**
 * A probable cause of a situation, as ranked by {@link CauseRanker}.
 *
 * @param rank 1 for the most probable
 * @param kind "anomaly" (a metric anomaly), "log" (a log-signal spike) or "change" (a deploy)
 * @param ref the signal id or change id
 * @param entity entity of the signal (null for a service-wide change)
 * @param service service of the signal or change
 * @param metric metric of the signal (null for a change)
 * @param score the ranking score (higher is more probable; only comparable within a situation)
 * @param why the evidence, e.g. "earliest signal (02:10 UTC); checkout waits for it"
 */
public record Cause(
    int rank,
    String kind,
    String ref,
    String entity,
    String service,
    String metric,
    double score,
    String why) {}
