package io.nightshift.jobs.generate;

/**
 * One-off incidents with varied titles, severities and categories and no planted precursor; the
 * last one is still open at the end of the window.
 */
final class OneOffPlanner {
  private OneOffPlanner() {}

  private static final String[][] KINDS = {
    {"TLS certificate expired for <svc>.shop.internal", "security", "certificate not renewed"},
    {"DNS resolution failures in <svc>", "network", "resolver overloaded"},
    {"Packet loss between <svc> and <peer>", "network", "faulty top-of-rack switch port"},
    {"Nightly batch <job> overran by <n> min", "batch", ""},
    {"Feature flag <flag> misconfigured in <svc>", "configuration", "wrong flag default pushed"},
    {"Third-party API <vendor> degraded", "external", "vendor outage"},
    {"Load balancer health checks flapping for <svc>", "network", ""},
    {"Backup job failed on <host>", "backup", "backup target full"},
    {"NTP clock drift on <host>", "infrastructure", "ntpd stopped after upgrade"},
    {"Message queue consumer lag in <svc>", "application", ""}
  };
  private static final String[] JOBS = {"export", "reindex", "billing-rollup", "sitemap"};
  private static final String[] FLAGS = {"new-checkout-flow", "fast-search", "promo-banner"};
  private static final String[] VENDORS = {"geo-ip", "sms-gateway", "fraud-check", "tax-rates"};

  static void plan(PlanState s) {
    double days = (s.we - s.ws) / DiskProfile.DAY;
    int count = Math.max(1, (int) Math.round(days / 3.5));
    for (int i = 0; i < count; i++) {
      boolean last = i == count - 1;
      long from = last ? Math.max(s.ws, s.we - 36 * 3600L) : s.ws;
      long to = last ? s.we - 3 * 3600L : s.we - 12 * 3600L;
      long opened = from + (long) (s.g.next() * Math.max(3600, to - from));
      PlanState.HostDraft h = s.hosts.get(s.g.index(s.hosts.size()));
      String[] kind = KINDS[s.g.index(KINDS.length)];
      String title =
          kind[0]
              .replace("<svc>", h.service)
              .replace("<peer>", s.hosts.get(s.g.index(s.hosts.size())).service)
              .replace("<job>", s.g.pick(JOBS))
              .replace("<n>", String.valueOf(s.g.between(15, 240)))
              .replace("<flag>", s.g.pick(FLAGS))
              .replace("<vendor>", s.g.pick(VENDORS))
              .replace("<host>", h.entity);
      String root = kind[2].isEmpty() || s.g.chance(0.25) ? null : kind[2];
      PlanState.IncidentDraft d =
          Incidents.draft(
              s,
              "",
              h,
              Incidents.severity(s.g, 0.1, 0.25, 0.4, 0.25),
              kind[1],
              title,
              opened,
              12,
              s.g.uniform(30, 120),
              root);
      if (last) {
        d.resolved = null;
      }
    }
  }
}
