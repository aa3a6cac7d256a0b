package io.nightshift.jobs.generate;

/**
 * Background deploys: 0-3 a working day per service (fewer at weekends), mostly in office hours,
 * about 10% failed or rolled back.
 */
final class ChangePlanner {
  private ChangePlanner() {}

  static void plan(PlanState s) {
    for (String service : s.byService.keySet()) {
      for (long day = s.ws; day < s.we; day += 86_400L) {
        double u = s.g.next();
        int n = u < 0.3 ? 0 : u < 0.65 ? 1 : u < 0.9 ? 2 : 3;
        int dow = (int) Math.floorMod(Math.floorDiv(day, 86_400L) + 3, 7);
        if (dow >= 5) {
          n /= 2;
        }
        for (int i = 0; i < n; i++) {
          long ts = day + (long) (s.g.uniform(8, 19) * 3600);
          double v = s.g.next();
          String status = v < 0.05 ? "failed" : v < 0.10 ? "rolled_back" : "success";
          s.changes.add(new PlanState.ChangeDraft(service, ts, status));
        }
      }
    }
  }
}
