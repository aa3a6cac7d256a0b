package io.nightshift.models.situations;

import java.util.List;

/**
 * One thing that went wrong on one entity for a while, the unit situations are made of: a metric
 * anomaly event, a log-signal spike, or a burst of log lines naming another service (timeouts
 * waiting for it). Times are epoch seconds, {@code end >= start}.
 *
 * @param id unique id of the signal within a night (e.g. entity/metric/start)
 * @param source what kind of signal it is
 * @param entity host or instance it was seen on
 * @param service service the entity belongs to (may be null when unknown)
 * @param metric metric name, or a label of the log signal
 * @param start first anomalous time (epoch seconds)
 * @param end last anomalous time (epoch seconds)
 * @param score anomaly score in [0, 1]
 * @param peerService for {@link Source#MENTION} signals, the service the lines name; else null
 * @param changes changes on the signal's service shortly before it started (cause candidates)
 */
public record Signal(
    String id,
    Source source,
    String entity,
    String service,
    String metric,
    long start,
    long end,
    double score,
    String peerService,
    List<Change> changes) {

  /** Kinds of signal. */
  public enum Source {
    /** A metric anomaly event (the {@code anomalies} table). */
    METRIC,
    /** A log-signal window whose log anomaly score is high ({@code log_signals}). */
    LOG,
    /** Log lines on the entity naming another service (e.g. timeouts waiting for it). */
    MENTION
  }

  /**
   * A change (deploy) shortly before a signal.
   *
   * @param id change id
   * @param service changed service
   * @param ts when it was implemented (epoch seconds)
   * @param status success, failed or rolled_back
   */
  public record Change(String id, String service, long ts, String status) {}

  public Signal {
    if (end < start) {
      throw new IllegalArgumentException(
          "signal " + id + ": end " + end + " before start " + start);
    }
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  /** A signal with no peer service and no changes. */
  public static Signal of(
      String id,
      Source source,
      String entity,
      String service,
      String metric,
      long start,
      long end,
      double score) {
    return new Signal(id, source, entity, service, metric, start, end, score, null, List.of());
  }
}
