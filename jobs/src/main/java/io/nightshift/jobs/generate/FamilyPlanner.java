package io.nightshift.jobs.generate;

import java.util.List;

/**
 * Plans the recurring incident families and their planted precursors:
 *
 * <ul>
 *   <li>F1 connection pool exhausted in checkout: conn_used creeps up 12-48 h before, then pool
 *       exhaustion errors in the logs; big impact (SEV2, long MTTR)
 *   <li>F2 disk full on a database host: see {@link DiskFullFamily}
 *   <li>F3 high latency in search after a deploy: a search deploy 40-180 min before
 *   <li>F4 OOM killed java on a cart host: memory leak ramp 12-36 h before, heap warnings in logs;
 *       small impact (SEV4, short MTTR)
 *   <li>F5 login failures in auth: a burst of token validation errors 1-4 h before; biggest impact
 *       (SEV1/SEV2, hours)
 * </ul>
 *
 * Families whose service has no host in the fleet are left out.
 */
final class FamilyPlanner {
  private FamilyPlanner() {}

  static void plan(PlanState s) {
    double days = (s.we - s.ws) / DiskProfile.DAY;
    List<PlanState.HostDraft> checkout = s.hostsOf("checkout");
    if (!checkout.isEmpty()) {
      family(
          s,
          "F1",
          "connection pool exhausted",
          "checkout",
          "database",
          "Connection pool exhausted in checkout",
          "metric:conn_used");
      for (long opened : slots(s, days, 7)) {
        connPool(s, s.g.pick(checkout.toArray(new PlanState.HostDraft[0])), opened);
      }
    }
    DiskFullFamily.plan(s);
    List<PlanState.HostDraft> search = s.hostsOf("search");
    if (!search.isEmpty()) {
      family(
          s,
          "F3",
          "high latency after deploy",
          "search",
          "performance",
          "High latency in search after deploy <*>",
          "change:deploy");
      for (long opened : slots(s, days, 6)) {
        deployLatency(s, search, opened);
      }
    }
    List<PlanState.HostDraft> cart = s.hostsOf("cart");
    if (!cart.isEmpty()) {
      family(
          s, "F4", "oom killed", "cart", "memory", "OOM killed java on <*>", "metric:mem_used_pct");
      for (long opened : slots(s, days, 5)) {
        oom(s, s.g.pick(cart.toArray(new PlanState.HostDraft[0])), opened);
      }
    }
    List<PlanState.HostDraft> auth = s.hostsOf("auth");
    if (!auth.isEmpty()) {
      family(
          s,
          "F5",
          "login failures",
          "auth",
          "application",
          "Login failures in auth: <*>% of requests rejected",
          "log:T22");
      for (long opened : slots(s, days, 9)) {
        authErrors(s, auth, opened);
      }
    }
  }

  static void family(
      PlanState s,
      String id,
      String label,
      String service,
      String category,
      String title,
      String precursor) {
    s.families.add(new FleetPlan.Family(id, label, service, category, title, 0, precursor));
  }

  /** One opening time per {@code spacing} days (at least one), jittered inside its slot. */
  private static long[] slots(PlanState s, double days, double spacing) {
    int k = Math.max(1, (int) Math.round(days / spacing));
    long[] out = new long[k];
    double slot = (s.we - s.ws) / (double) k;
    for (int j = 0; j < k; j++) {
      out[j] = s.ws + (long) ((j + s.g.uniform(0.35, 0.9)) * slot);
    }
    return out;
  }

  private static void connPool(PlanState s, PlanState.HostDraft h, long opened) {
    PlanState.IncidentDraft d =
        Incidents.draft(
            s,
            "F1",
            h,
            Incidents.severity(s.g, 0.2, 0.8),
            "database",
            "Connection pool exhausted in checkout",
            opened,
            6,
            100,
            "connection leak in checkout order worker after retry storm");
    long end = Incidents.impactEnd(s, d);
    long rampStart = Math.max(s.ws, opened - (long) (s.g.uniform(12, 48) * 3600));
    s.anomaly(
        h,
        MetricRows.CONN,
        rampStart,
        end,
        "degradation",
        new FleetPlan.Effect(
            MetricRows.CONN, rampStart, opened, end, FleetPlan.Mode.RAMP, h.connPool * 0.8));
    s.anomaly(
        h,
        MetricRows.LATENCY,
        opened,
        end,
        "latency_surge",
        new FleetPlan.Effect(
            MetricRows.LATENCY, opened, opened, end, FleetPlan.Mode.MUL, s.g.uniform(2.5, 4)));
    s.anomaly(
        h,
        MetricRows.ERRORS,
        opened,
        end,
        "error_burst",
        new FleetPlan.Effect(
            MetricRows.ERRORS, opened, opened, end, FleetPlan.Mode.ADD, s.g.uniform(0.03, 0.08)));
    long burstStart = Math.max(s.ws, opened - (long) (s.g.uniform(1, 3) * 3600));
    h.bursts.add(
        new PlanState.BurstDraft(burstStart, Math.min(end, opened + 1800), "T14", 2.0, d, ""));
    s.degradations.add(new PlanState.DegradationDraft(h, MetricRows.CONN, rampStart, d));
    d.precursorKind = "metric";
    d.precursor = MetricRows.CONN;
    d.precursorStart = rampStart;
  }

  private static void deployLatency(PlanState s, List<PlanState.HostDraft> search, long opened) {
    String version = Incidents.version(s.g);
    PlanState.HostDraft first = search.get(s.g.index(search.size()));
    PlanState.IncidentDraft d =
        Incidents.draft(
            s,
            "F3",
            first,
            Incidents.severity(s.g, 0, 0.2, 0.8),
            "performance",
            "High latency in search after deploy " + version,
            opened,
            8,
            60,
            "regression in search ranking release " + version);
    long end = Incidents.impactEnd(s, d);
    long deployAt = opened - (long) (s.g.uniform(40, 180) * 60);
    PlanState.ChangeDraft c =
        new PlanState.ChangeDraft("search", Math.max(s.ws, deployAt), "success");
    s.changes.add(c);
    int affected = Math.min(3, search.size());
    for (int i = 0; i < affected; i++) {
      PlanState.HostDraft h = search.get((search.indexOf(first) + i) % search.size());
      long start = s.align(opened);
      s.anomaly(
          h,
          MetricRows.LATENCY,
          start,
          end,
          "latency_surge",
          new FleetPlan.Effect(
              MetricRows.LATENCY, start, start, end, FleetPlan.Mode.MUL, s.g.uniform(2.5, 4)));
    }
    d.precursorKind = "change";
    d.precursorChange = c;
    d.precursorStart = c.ts;
  }

  private static void oom(PlanState s, PlanState.HostDraft h, long opened) {
    PlanState.IncidentDraft d =
        Incidents.draft(
            s,
            "F4",
            h,
            Incidents.severity(s.g, 0, 0, 0.3, 0.7),
            "memory",
            "OOM killed java on " + h.entity,
            opened,
            4,
            15,
            "memory leak in cart session cache");
    long rampStart = Math.max(s.ws, opened - (long) (s.g.uniform(12, 36) * 3600));
    long end = s.align(opened) + s.step;
    s.anomaly(
        h,
        MetricRows.MEM,
        rampStart,
        end,
        "degradation",
        new FleetPlan.Effect(
            MetricRows.MEM,
            rampStart,
            opened,
            end,
            FleetPlan.Mode.RAMP,
            Math.max(20, 97 - h.memBase - 3)));
    long burstStart = Math.max(s.ws, opened - (long) (s.g.uniform(2, 5) * 3600));
    h.bursts.add(new PlanState.BurstDraft(burstStart, opened, "T15", 0.8, d, ""));
    s.degradations.add(new PlanState.DegradationDraft(h, MetricRows.MEM, rampStart, d));
    d.precursorKind = "metric";
    d.precursor = MetricRows.MEM;
    d.precursorStart = rampStart;
  }

  private static void authErrors(PlanState s, List<PlanState.HostDraft> auth, long opened) {
    PlanState.HostDraft h = auth.get(s.g.index(auth.size()));
    int pct = s.g.between(5, 40);
    PlanState.IncidentDraft d =
        Incidents.draft(
            s,
            "F5",
            h,
            Incidents.severity(s.g, 0.5, 0.5),
            "application",
            "Login failures in auth: " + pct + "% of requests rejected",
            opened,
            10,
            150,
            "stale signing-key cache in auth after key rotation");
    long end = Incidents.impactEnd(s, d);
    long burstStart = Math.max(s.ws, opened - (long) (s.g.uniform(1, 4) * 3600));
    h.bursts.add(
        new PlanState.BurstDraft(burstStart, Math.min(end, opened + 3600), "T22", 3.0, d, ""));
    for (PlanState.HostDraft a : auth) {
      long start = s.align(opened);
      s.anomaly(
          a,
          MetricRows.ERRORS,
          start,
          end,
          "error_burst",
          new FleetPlan.Effect(
              MetricRows.ERRORS, start, start, end, FleetPlan.Mode.ADD, pct / 100.0));
    }
    d.precursorKind = "log";
    d.precursor = "T22";
    d.precursorStart = burstStart;
  }
}
