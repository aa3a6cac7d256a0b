package io.nightshift.jobs.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * The disk-full family (F2): one database host's /var fills at 5-7 points a day; when the trend
 * reaches 97% an incident opens, and its resolution is a cleanup that drops the disk to 35-50%, so
 * the cycle repeats every week or so. The planted precursor is the disk itself crossing 85% (and
 * the "Disk usage at N% on /var" warnings it causes).
 */
final class DiskFullFamily {
  private DiskFullFamily() {}

  static void plan(PlanState s) {
    PlanState.HostDraft h = DiskPlanner.sawtoothHost(s);
    if (h == null) {
      return;
    }
    FamilyPlanner.family(
        s, "F2", "disk full", h.service, "disk", "Disk full on <*> /var", "metric:disk_used_pct");
    double growth = s.g.uniform(5, 7);
    List<DiskProfile.Segment> segments = new ArrayList<>();
    DiskProfile.Segment seg = new DiskProfile.Segment(s.ws, s.g.uniform(55, 80), growth);
    segments.add(seg);
    while (true) {
      long opened = seg.crossing(DiskPlanner.SAWTOOTH_OPEN_AT);
      if (opened >= s.we) {
        break;
      }
      PlanState.IncidentDraft d =
          Incidents.draft(
              s,
              "F2",
              h,
              Incidents.severity(s.g, 0, 0.3, 0.7),
              "disk",
              "Disk full on " + h.entity + " /var",
              opened,
              3,
              45,
              "log rotation misconfigured; application logs filled /var");
      d.precursorKind = "metric";
      d.precursor = MetricRows.DISK;
      d.precursorStart = Math.max(s.ws, seg.crossing(85.0));
      if (d.resolved == null) {
        break;
      }
      seg = new DiskProfile.Segment(d.resolved, s.g.uniform(35, 50), growth);
      segments.add(seg);
    }
    h.disk = new DiskProfile("sawtooth", List.copyOf(segments), DiskPlanner.SAWTOOTH_CAP);
  }
}
