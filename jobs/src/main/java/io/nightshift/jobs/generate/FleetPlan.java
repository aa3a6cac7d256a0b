package io.nightshift.jobs.generate;

import java.io.Serializable;
import java.util.List;

/**
 * Everything the generator decided before producing rows: the hosts with their baselines, disk
 * trends, metric effects and log bursts (shipped to the executors), plus the events and the ground
 * truth (kept on the driver). Times are epoch seconds, UTC.
 */
public record FleetPlan(
    GeneratorOptions options,
    List<HostSpec> hosts,
    List<Incident> incidents,
    List<Change> changes,
    List<Anomaly> anomalies,
    List<Cascade> cascades,
    List<Degradation> degradations,
    List<Family> families)
    implements Serializable {

  /** How an effect changes a metric while active. */
  public enum Mode {
    /** Adds the magnitude during [start, end). */
    ADD,
    /** Multiplies by the magnitude during [start, end). */
    MUL,
    /**
     * Adds a linear ramp from 0 at start to the magnitude at peak, then the magnitude until end.
     */
    RAMP
  }

  /** One change to one metric of one host over a time range. */
  public record Effect(String metric, long start, long peak, long end, Mode mode, double magnitude)
      implements Serializable {
    /** Whether the effect touches time t. */
    public boolean activeAt(long t) {
      return t >= start && t < end;
    }

    /** The value after this effect at time t. */
    public double apply(double v, long t) {
      if (!activeAt(t)) {
        return v;
      }
      return switch (mode) {
        case ADD -> v + magnitude;
        case MUL -> v * magnitude;
        case RAMP ->
            t >= peak ? v + magnitude : v + magnitude * (t - start) / (double) (peak - start);
      };
    }
  }

  /**
   * Extra log lines of one template on one host.
   *
   * @param incidentId the incident it announces, or empty
   * @param arg the variable that names a peer (e.g. the dependency waited for), or empty
   */
  public record LogBurst(
      String entity,
      String service,
      long start,
      long end,
      String templateId,
      double perMinute,
      String incidentId,
      String arg)
      implements Serializable {}

  /** An incident (event row plus its planted precursor). */
  public record Incident(
      String incidentId,
      String familyId,
      String service,
      String entity,
      String severity,
      String category,
      String title,
      long openedAt,
      long detectedAt,
      Long resolvedAt,
      String rootCause,
      String precursorKind,
      String precursor,
      Long precursorStart)
      implements Serializable {}

  /** A change (deploy) to a service. */
  public record Change(String changeId, String service, String entity, long ts, String status)
      implements Serializable {}

  /** An injected metric anomaly (ground truth); end is exclusive. */
  public record Anomaly(
      String anomalyId,
      String entity,
      String service,
      String metric,
      long start,
      long end,
      String kind,
      String cascadeId,
      boolean isCause)
      implements Serializable {}

  /** A cascade: a cause anomaly on a dependency followed by anomalies on its dependents. */
  public record Cascade(String cascadeId, String causeAnomalyId, long start)
      implements Serializable {}

  /** A host degrading before the incident it causes. */
  public record Degradation(String entity, String metric, long start, String incidentId)
      implements Serializable {}

  /** A recurring incident family. */
  public record Family(
      String familyId,
      String label,
      String service,
      String category,
      String titleTemplate,
      int impactRank,
      String plantedPrecursor)
      implements Serializable {}
}
