package io.nightshift.jobs.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * Gives every host a disk trend. About a third of the hosts grow linearly: some will reach 100%
 * within 7-90 days after the window ("soon"), some much later ("slow"), some were cleaned up inside
 * the window ("reset"). The rest are flat. One database host fills and is cleaned again and again
 * ("sawtooth"): the disk-full incident family, planned by {@link IncidentPlanner}.
 */
final class DiskPlanner {
  private DiskPlanner() {}

  static final double SAWTOOTH_OPEN_AT = 97.0;
  static final double SAWTOOTH_CAP = 99.2;

  /** The host chosen for the disk-full family, or null when the fleet has no database host. */
  static PlanState.HostDraft sawtoothHost(PlanState s) {
    for (String svc : new String[] {"inventory-db", "payments-db"}) {
      List<PlanState.HostDraft> hs = s.hostsOf(svc);
      if (!hs.isEmpty() && s.hosts.size() >= 6) {
        return hs.get(0);
      }
    }
    return null;
  }

  /**
   * Assigns disk profiles to all hosts except {@code sawtooth} (planned by the incident planner).
   */
  static void plan(PlanState s, PlanState.HostDraft sawtooth) {
    List<PlanState.HostDraft> pool = new ArrayList<>();
    for (PlanState.HostDraft h : s.hosts) {
      if (h != sawtooth) {
        pool.add(h);
      }
    }
    for (int i = pool.size() - 1; i > 0; i--) {
      int j = s.g.index(i + 1);
      PlanState.HostDraft t = pool.get(i);
      pool.set(i, pool.get(j));
      pool.set(j, t);
    }
    int growing = (int) Math.round(s.hosts.size() / 3.0) - (sawtooth == null ? 0 : 1);
    String[] cycle = {"soon", "reset", "slow"};
    for (int k = 0; k < pool.size(); k++) {
      PlanState.HostDraft h = pool.get(k);
      h.disk = k < growing ? growing(s, cycle[k % cycle.length]) : flat(s);
    }
  }

  private static DiskProfile flat(PlanState s) {
    double level = s.g.uniform(18, 70);
    return new DiskProfile("flat", List.of(new DiskProfile.Segment(s.ws, level, 0)), 100);
  }

  private static DiskProfile growing(PlanState s, String kind) {
    double days = (s.we - s.ws) / DiskProfile.DAY;
    double target100 = kind.equals("slow") ? s.g.uniform(150, 400) : s.g.uniform(7, 90);
    double levelAtEnd = kind.equals("slow") ? s.g.uniform(35, 60) : s.g.uniform(62, 84);
    double growth = (100 - levelAtEnd) / target100;
    if (!kind.equals("reset")) {
      double start = levelAtEnd - growth * days;
      if (start < 5) {
        growth = (levelAtEnd - 5) / days;
        start = 5;
      }
      return new DiskProfile(kind, List.of(new DiskProfile.Segment(s.ws, start, growth)), 100);
    }
    long reset = s.align((long) (s.ws + (s.we - s.ws) * s.g.uniform(0.3, 0.7)));
    double after = levelAtEnd - growth * (s.we - reset) / DiskProfile.DAY;
    double drop = s.g.uniform(15, 35);
    double before = after + drop;
    double start = before - growth * (reset - s.ws) / DiskProfile.DAY;
    if (start < 5 || before > 95) {
      growth = Math.max(0.05, growth * 0.5);
      after = levelAtEnd - growth * (s.we - reset) / DiskProfile.DAY;
      before = Math.min(92, after + drop);
      start = Math.max(5, before - growth * (reset - s.ws) / DiskProfile.DAY);
    }
    return new DiskProfile(
        kind,
        List.of(
            new DiskProfile.Segment(
                s.ws, start, (before - start) / ((reset - s.ws) / DiskProfile.DAY)),
            new DiskProfile.Segment(reset, after, growth)),
        100);
  }
}
