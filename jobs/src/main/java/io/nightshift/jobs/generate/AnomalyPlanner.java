package io.nightshift.jobs.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Injects metric anomalies: isolated ones (spikes, level shifts, latency surges, error bursts) at
 * random hosts and times, and cascades: a latency surge on a host of a dependency followed 5-20
 * minutes later by latency surges and error bursts on hosts of the services that call it (which
 * also log timeouts waiting for it). Never overlaps another effect on the same host and metric.
 */
final class AnomalyPlanner {
  private AnomalyPlanner() {}

  private static final long HOUR = 3600;

  static void plan(PlanState s) {
    cascades(s);
    isolated(s);
  }

  private static void cascades(PlanState s) {
    List<String> causes = new ArrayList<>();
    for (Topology.Service svc : Topology.SERVICES) {
      if (s.hostsOf(svc.name()).isEmpty()) {
        continue;
      }
      for (String dep : Topology.dependents(svc.name())) {
        if (!s.hostsOf(dep).isEmpty()) {
          causes.add(svc.name());
          break;
        }
      }
    }
    if (causes.isEmpty()) {
      return;
    }
    double days = (s.we - s.ws) / DiskProfile.DAY;
    int count = Math.max(1, (int) Math.round(days / 4));
    long[] starts = new long[count];
    for (int i = 0; i < count; i++) {
      starts[i] = s.randomTime(s.ws + 2 * HOUR, s.we - 3 * HOUR);
    }
    Arrays.sort(starts);
    int made = 0;
    for (long planned : starts) {
      long start = planned;
      String causeService = null;
      PlanState.HostDraft ch = null;
      long end = 0;
      for (int attempt = 0; attempt < 10 && ch == null; attempt++) {
        causeService = causes.get(s.g.index(causes.size()));
        List<PlanState.HostDraft> cands = s.hostsOf(causeService);
        PlanState.HostDraft pick = cands.get(s.g.index(cands.size()));
        end = s.align(start + s.g.between(20, 60) * 60L);
        if (!s.busy(pick, MetricRows.LATENCY, start, end, HOUR)) {
          ch = pick;
        } else {
          start = s.randomTime(s.ws + 2 * HOUR, s.we - 3 * HOUR);
        }
      }
      if (ch == null) {
        continue;
      }
      String cascadeId = String.format("C%03d", ++made);
      PlanState.AnomalyDraft cause =
          s.anomaly(
              ch,
              MetricRows.LATENCY,
              start,
              end,
              "latency_surge",
              new FleetPlan.Effect(
                  MetricRows.LATENCY, start, start, end, FleetPlan.Mode.MUL, s.g.uniform(4, 8)));
      cause.cascadeId = cascadeId;
      cause.cause = true;
      s.cascades.add(new PlanState.CascadeDraft(cascadeId, cause, start));
      for (String dep : Topology.dependents(causeService)) {
        List<PlanState.HostDraft> dh = s.hostsOf(dep);
        for (int i = 0; i < Math.min(2, dh.size()); i++) {
          PlanState.HostDraft h = dh.get(i);
          long lag = Math.max(s.step, s.align(s.ws + s.g.between(5, 20) * 60L) - s.ws);
          long ds = start + lag;
          long de = s.align(end + s.g.between(0, 10) * 60L) + s.step;
          if (s.busy(h, MetricRows.LATENCY, ds, de, 0) || s.busy(h, MetricRows.ERRORS, ds, de, 0)) {
            continue;
          }
          s.anomaly(
                      h,
                      MetricRows.LATENCY,
                      ds,
                      de,
                      "latency_surge",
                      new FleetPlan.Effect(
                          MetricRows.LATENCY, ds, ds, de, FleetPlan.Mode.MUL, s.g.uniform(2, 4)))
                  .cascadeId =
              cascadeId;
          s.anomaly(
                      h,
                      MetricRows.ERRORS,
                      ds,
                      de,
                      "error_burst",
                      new FleetPlan.Effect(
                          MetricRows.ERRORS,
                          ds,
                          ds,
                          de,
                          FleetPlan.Mode.ADD,
                          s.g.uniform(0.03, 0.1)))
                  .cascadeId =
              cascadeId;
          h.bursts.add(new PlanState.BurstDraft(ds, de, "T07", 2.0, null, causeService));
        }
      }
    }
  }

  private static void isolated(PlanState s) {
    double days = (s.we - s.ws) / DiskProfile.DAY;
    for (PlanState.HostDraft h : s.hosts) {
      int count = s.g.poisson(days / 6.0);
      for (int i = 0; i < count; i++) {
        for (int attempt = 0; attempt < 10; attempt++) {
          if (tryOne(s, h)) {
            break;
          }
        }
      }
    }
  }

  private static boolean tryOne(PlanState s, PlanState.HostDraft h) {
    int kind = s.g.index(5);
    long start = s.randomTime(s.ws + HOUR, s.we - 2 * HOUR);
    String metric;
    long end;
    FleetPlan.Mode mode;
    double mag;
    String label;
    switch (kind) {
      case 0 -> {
        metric = MetricRows.CPU;
        end = start + s.g.between(1, 2) * s.step;
        mode = FleetPlan.Mode.ADD;
        mag = s.g.uniform(35, 60);
        label = "spike";
      }
      case 1 -> {
        metric = MetricRows.LATENCY;
        end = start + s.step;
        mode = FleetPlan.Mode.MUL;
        mag = s.g.uniform(4, 7);
        label = "spike";
      }
      case 2 -> {
        metric = s.g.chance(0.5) ? MetricRows.MEM : MetricRows.CPU;
        end = start + s.align(s.ws + s.g.between(3, 10) * HOUR) - s.ws;
        mode = FleetPlan.Mode.ADD;
        mag = s.g.uniform(15, 25);
        label = "level_shift";
      }
      case 3 -> {
        metric = MetricRows.LATENCY;
        end = start + s.align(s.ws + s.g.between(20, 90) * 60L) - s.ws + s.step;
        mode = FleetPlan.Mode.MUL;
        mag = s.g.uniform(3, 5);
        label = "latency_surge";
      }
      default -> {
        metric = MetricRows.ERRORS;
        end = start + s.align(s.ws + s.g.between(10, 40) * 60L) - s.ws + s.step;
        mode = FleetPlan.Mode.ADD;
        mag = s.g.uniform(0.04, 0.1);
        label = "error_burst";
      }
    }
    end = Math.min(end, s.we);
    if (s.busy(h, metric, start, end, 2 * HOUR)) {
      return false;
    }
    s.anomaly(
        h, metric, start, end, label, new FleetPlan.Effect(metric, start, start, end, mode, mag));
    return true;
  }
}
