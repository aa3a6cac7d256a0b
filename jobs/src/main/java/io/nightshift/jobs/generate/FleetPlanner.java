package io.nightshift.jobs.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a fleet on the driver, deterministically from the options: hosts and their baselines, disk
 * trends, incident families with planted precursors, one-off incidents, deploys, anomalies and
 * cascades. Produces no metric or log rows (Spark does that from the plan); the plan is small
 * (events, not samples).
 */
public final class FleetPlanner {
  private FleetPlanner() {}

  /** Severity weights for a family's impact: severity-weighted open minutes. */
  public static final Map<String, Integer> SEVERITY_WEIGHT =
      Map.of("SEV1", 8, "SEV2", 4, "SEV3", 2, "SEV4", 1);

  /** The plan for these options. */
  public static FleetPlan plan(GeneratorOptions o) {
    PlanState s = new PlanState(o);
    for (int i = 0; i < o.entities(); i++) {
      s.hosts.add(host(s, i));
    }
    PlanState.HostDraft sawtooth = DiskPlanner.sawtoothHost(s);
    DiskPlanner.plan(s, sawtooth);
    FamilyPlanner.plan(s);
    OneOffPlanner.plan(s);
    ChangePlanner.plan(s);
    AnomalyPlanner.plan(s);
    return finish(s);
  }

  private static PlanState.HostDraft host(PlanState s, int i) {
    PlanState.HostDraft h = new PlanState.HostDraft();
    Rng r = Rng.of(s.o.seed(), i, -1);
    Topology.Service svc = Topology.service(Topology.serviceOfHost(i));
    h.index = i;
    h.entity = Topology.hostName(i, s.o.entities());
    h.service = svc.name();
    h.cpuBase = r.uniform(8, 25);
    h.cpuAmp = r.uniform(15, 40);
    h.memBase = r.uniform(35, 62);
    h.connPool = svc.connPool();
    h.latencyBase = svc.latencyBaseMs() * r.uniform(0.8, 1.25);
    h.errorBase = r.uniform(0.0005, 0.003);
    h.phase = r.uniform(0, 2 * Math.PI);
    s.byService.computeIfAbsent(h.service, k -> new ArrayList<>()).add(h);
    return h;
  }

  private static FleetPlan finish(PlanState s) {
    s.incidents.sort(
        Comparator.comparingLong((PlanState.IncidentDraft d) -> d.opened)
            .thenComparing(d -> d.familyId)
            .thenComparing(d -> d.host.entity));
    for (int i = 0; i < s.incidents.size(); i++) {
      s.incidents.get(i).id = String.format("INC-%05d", i + 1);
    }
    s.changes.sort(
        Comparator.comparingLong((PlanState.ChangeDraft c) -> c.ts).thenComparing(c -> c.service));
    List<FleetPlan.Change> changes = new ArrayList<>();
    for (int i = 0; i < s.changes.size(); i++) {
      PlanState.ChangeDraft c = s.changes.get(i);
      c.id = String.format("CHG-%05d", i + 1);
      changes.add(new FleetPlan.Change(c.id, c.service, null, c.ts, c.status));
    }
    s.anomalies.sort(
        Comparator.comparingLong((PlanState.AnomalyDraft a) -> a.start)
            .thenComparing(a -> a.host.entity)
            .thenComparing(a -> a.metric));
    List<FleetPlan.Anomaly> anomalies = new ArrayList<>();
    for (int i = 0; i < s.anomalies.size(); i++) {
      PlanState.AnomalyDraft a = s.anomalies.get(i);
      a.id = String.format("A%05d", i + 1);
      anomalies.add(
          new FleetPlan.Anomaly(
              a.id,
              a.host.entity,
              a.host.service,
              a.metric,
              a.start,
              a.end,
              a.kind,
              a.cascadeId,
              a.cause));
    }
    List<FleetPlan.Incident> incidents = new ArrayList<>();
    for (PlanState.IncidentDraft d : s.incidents) {
      String precursor = d.precursorChange != null ? d.precursorChange.id : d.precursor;
      incidents.add(
          new FleetPlan.Incident(
              d.id,
              d.familyId,
              d.service,
              d.host.entity,
              d.severity,
              d.category,
              d.title,
              d.opened,
              d.detected,
              d.resolved,
              d.rootCause,
              d.precursorKind,
              precursor,
              d.precursorStart));
    }
    List<FleetPlan.Cascade> cascades = new ArrayList<>();
    for (PlanState.CascadeDraft c : s.cascades) {
      cascades.add(new FleetPlan.Cascade(c.cascadeId(), c.cause().id, c.start()));
    }
    List<FleetPlan.Degradation> degradations = new ArrayList<>();
    for (PlanState.DegradationDraft d : s.degradations) {
      degradations.add(
          new FleetPlan.Degradation(d.host().entity, d.metric(), d.start(), d.incident().id));
    }
    List<HostSpec> hosts = new ArrayList<>();
    for (PlanState.HostDraft h : s.hosts) {
      List<FleetPlan.LogBurst> bursts = new ArrayList<>();
      for (PlanState.BurstDraft b : h.bursts) {
        bursts.add(
            new FleetPlan.LogBurst(
                h.entity,
                h.service,
                b.start(),
                b.end(),
                b.templateId(),
                b.perMinute(),
                b.incident() == null ? "" : b.incident().id,
                b.arg()));
      }
      hosts.add(
          new HostSpec(
              h.index,
              h.entity,
              h.service,
              h.cpuBase,
              h.cpuAmp,
              h.memBase,
              h.connPool,
              h.latencyBase,
              h.errorBase,
              h.phase,
              h.disk,
              List.copyOf(h.effects),
              List.copyOf(bursts)));
    }
    return new FleetPlan(
        s.o,
        List.copyOf(hosts),
        List.copyOf(incidents),
        List.copyOf(changes),
        List.copyOf(anomalies),
        List.copyOf(cascades),
        List.copyOf(degradations),
        rankFamilies(s, incidents));
  }

  private static List<FleetPlan.Family> rankFamilies(PlanState s, List<FleetPlan.Incident> incs) {
    Map<String, Double> impact = new HashMap<>();
    for (FleetPlan.Incident i : incs) {
      if (!i.familyId().isEmpty()) {
        long end = i.resolvedAt() == null ? s.we : i.resolvedAt();
        impact.merge(
            i.familyId(),
            SEVERITY_WEIGHT.get(i.severity()) * (end - i.openedAt()) / 60.0,
            Double::sum);
      }
    }
    List<FleetPlan.Family> fams = new ArrayList<>(s.families);
    fams.sort(
        Comparator.comparingDouble((FleetPlan.Family f) -> -impact.getOrDefault(f.familyId(), 0.0))
            .thenComparing(FleetPlan.Family::familyId));
    List<FleetPlan.Family> out = new ArrayList<>();
    for (int r = 0; r < fams.size(); r++) {
      FleetPlan.Family f = fams.get(r);
      out.add(
          new FleetPlan.Family(
              f.familyId(),
              f.label(),
              f.service(),
              f.category(),
              f.titleTemplate(),
              r + 1,
              f.plantedPrecursor()));
    }
    out.sort(Comparator.comparing(FleetPlan.Family::familyId));
    return List.copyOf(out);
  }
}
