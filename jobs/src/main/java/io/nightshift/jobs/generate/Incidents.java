package io.nightshift.jobs.generate;

/** Shared helpers for planning incidents: severities, MTTD/MTTR draws, the draft itself. */
final class Incidents {
  private Incidents() {}

  /** Picks a severity: {@code probs[i]} is the chance of SEV(i+1). */
  static String severity(Rng r, double... probs) {
    double u = r.next();
    double acc = 0;
    for (int i = 0; i < probs.length; i++) {
      acc += probs[i];
      if (u < acc) {
        return "SEV" + (i + 1);
      }
    }
    return "SEV" + probs.length;
  }

  /**
   * A drafted incident opened at {@code opened}: detection after a log-normal MTTD (median {@code
   * mttdMin} minutes), resolution after a log-normal MTTR (median {@code mttrMin} minutes); still
   * open (null) when resolution falls after the window.
   */
  static PlanState.IncidentDraft draft(
      PlanState s,
      String familyId,
      PlanState.HostDraft host,
      String severity,
      String category,
      String title,
      long opened,
      double mttdMin,
      double mttrMin,
      String rootCause) {
    PlanState.IncidentDraft d = new PlanState.IncidentDraft();
    d.familyId = familyId;
    d.service = host.service;
    d.host = host;
    d.severity = severity;
    d.category = category;
    d.title = title;
    d.opened = opened;
    d.detected = opened + Math.max(30, Math.round(s.g.lognormal(mttdMin, 0.7) * 60));
    long resolved = d.detected + Math.max(300, Math.round(s.g.lognormal(mttrMin, 0.45) * 60));
    d.resolved = resolved < s.we ? resolved : null;
    d.rootCause = rootCause;
    s.incidents.add(d);
    return d;
  }

  /** End of an incident's impact: its resolution, or the window end while still open. */
  static long impactEnd(PlanState s, PlanState.IncidentDraft d) {
    return d.resolved == null ? s.we : d.resolved;
  }

  /** A random software version like 4.12.3. */
  static String version(Rng r) {
    return r.between(2, 6) + "." + r.between(0, 30) + "." + r.between(0, 9);
  }
}
