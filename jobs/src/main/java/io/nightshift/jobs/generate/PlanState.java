package io.nightshift.jobs.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generator's working state while planning (driver only): mutable drafts of hosts and events
 * whose identifiers are assigned once everything is placed, in time order.
 */
final class PlanState {
  final GeneratorOptions o;
  final long ws;
  final long we;
  final long step;
  final Rng g;
  final List<HostDraft> hosts = new ArrayList<>();
  final Map<String, List<HostDraft>> byService = new LinkedHashMap<>();
  final List<IncidentDraft> incidents = new ArrayList<>();
  final List<ChangeDraft> changes = new ArrayList<>();
  final List<AnomalyDraft> anomalies = new ArrayList<>();
  final List<CascadeDraft> cascades = new ArrayList<>();
  final List<DegradationDraft> degradations = new ArrayList<>();
  final List<FleetPlan.Family> families = new ArrayList<>();

  PlanState(GeneratorOptions o) {
    this.o = o;
    this.ws = o.windowStart();
    this.we = o.windowEnd();
    this.step = o.resolutionMinutes() * 60L;
    this.g = Rng.of(o.seed(), -1);
  }

  /** Hosts of a service (empty if the fleet has none). */
  List<HostDraft> hostsOf(String service) {
    return byService.getOrDefault(service, List.of());
  }

  /** t rounded down to the metric sample grid. */
  long align(long t) {
    return ws + Math.floorDiv(t - ws, step) * step;
  }

  /** A random grid-aligned time in [from, to). */
  long randomTime(long from, long to) {
    return align((long) g.uniform(from, Math.max(from + 1, to)));
  }

  /**
   * Whether an effect on this metric of this host already overlaps [start - margin, end + margin).
   */
  boolean busy(HostDraft h, String metric, long start, long end, long margin) {
    for (FleetPlan.Effect e : h.effects) {
      if (e.metric().equals(metric) && e.start() < end + margin && e.end() > start - margin) {
        return true;
      }
    }
    return false;
  }

  /** Records an anomaly (truth) and its effect on the host's metric. */
  AnomalyDraft anomaly(
      HostDraft h, String metric, long start, long end, String kind, FleetPlan.Effect effect) {
    h.effects.add(effect);
    AnomalyDraft a = new AnomalyDraft(h, metric, start, end, kind);
    anomalies.add(a);
    return a;
  }

  static final class HostDraft {
    int index;
    String entity;
    String service;
    double cpuBase;
    double cpuAmp;
    double memBase;
    double connPool;
    double latencyBase;
    double errorBase;
    double phase;
    DiskProfile disk;
    final List<FleetPlan.Effect> effects = new ArrayList<>();
    final List<BurstDraft> bursts = new ArrayList<>();
  }

  static final class IncidentDraft {
    String id;
    String familyId = "";
    String service;
    HostDraft host;
    String severity;
    String category;
    String title;
    long opened;
    long detected;
    Long resolved;
    String rootCause;
    String precursorKind = "none";
    String precursor = "";
    ChangeDraft precursorChange;
    Long precursorStart;
  }

  static final class ChangeDraft {
    String id;
    String service;
    long ts;
    String status;

    ChangeDraft(String service, long ts, String status) {
      this.service = service;
      this.ts = ts;
      this.status = status;
    }
  }

  static final class AnomalyDraft {
    String id;
    final HostDraft host;
    final String metric;
    final long start;
    final long end;
    final String kind;
    String cascadeId = "";
    boolean cause;

    AnomalyDraft(HostDraft host, String metric, long start, long end, String kind) {
      this.host = host;
      this.metric = metric;
      this.start = start;
      this.end = end;
      this.kind = kind;
    }
  }

  record CascadeDraft(String cascadeId, AnomalyDraft cause, long start) {}

  record DegradationDraft(HostDraft host, String metric, long start, IncidentDraft incident) {}

  record BurstDraft(
      long start,
      long end,
      String templateId,
      double perMinute,
      IncidentDraft incident,
      String arg) {}
}
