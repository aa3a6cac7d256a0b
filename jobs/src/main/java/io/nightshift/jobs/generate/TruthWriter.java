package io.nightshift.jobs.generate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the ground truth of a plan as small CSV files (header row, ISO-8601 UTC timestamps, empty
 * for none) plus a README describing them. Plain Java: these files have at most a few thousand
 * rows.
 */
public final class TruthWriter {
  private TruthWriter() {}

  /** Writes every truth file into {@code dir} (created or replaced). */
  public static void write(FleetPlan plan, Path dir) throws IOException {
    Files.createDirectories(dir);
    long we = plan.options().windowEnd();

    List<List<Object>> rows = new ArrayList<>();
    for (FleetPlan.Anomaly a : plan.anomalies()) {
      rows.add(
          row(
              a.anomalyId(),
              a.entity(),
              a.service(),
              a.metric(),
              Dates.iso(a.start()),
              Dates.iso(a.end()),
              a.kind(),
              a.cascadeId(),
              a.isCause()));
    }
    csv(
        dir,
        "anomalies.csv",
        "anomaly_id,entity,service,metric,start,end,kind,cascade_id,is_cause",
        rows);

    rows = new ArrayList<>();
    for (HostSpec h : plan.hosts()) {
      DiskProfile.Segment last = h.disk().last();
      Long c85 = last.crossing(85);
      Long c100 = last.crossing(100);
      boolean within = c100 != null && c100 <= we + 90 * 86_400L;
      rows.add(
          row(
              h.entity(),
              MetricRows.DISK,
              "100.0",
              num(last.growthPerDay()),
              Dates.iso(c85),
              Dates.iso(c100),
              within,
              Dates.iso(h.disk().lastReset())));
    }
    csv(
        dir,
        "saturation.csv",
        "entity,metric,capacity,growth_per_day,crosses_85_at,crosses_100_at,"
            + "saturates_within_90d,reset_at",
        rows);

    rows = new ArrayList<>();
    for (FleetPlan.Incident i : plan.incidents()) {
      rows.add(
          row(
              i.incidentId(),
              i.familyId(),
              i.service(),
              i.entity(),
              Dates.iso(i.openedAt()),
              i.precursorKind(),
              i.precursor(),
              Dates.iso(i.precursorStart())));
    }
    csv(
        dir,
        "incidents.csv",
        "incident_id,family_id,service,entity,opened_at,precursor_kind,precursor,precursor_start",
        rows);

    rows = new ArrayList<>();
    for (FleetPlan.Family f : plan.families()) {
      rows.add(
          row(
              f.familyId(),
              f.label(),
              f.service(),
              f.category(),
              f.titleTemplate(),
              f.impactRank(),
              f.plantedPrecursor()));
    }
    csv(
        dir,
        "families.csv",
        "family_id,label,service,category,title_template,impact_rank,planted_precursor",
        rows);

    rows = new ArrayList<>();
    for (HostSpec h : plan.hosts()) {
      for (FleetPlan.LogBurst b : h.bursts()) {
        rows.add(
            row(
                b.entity(),
                b.service(),
                Dates.iso(b.start()),
                Dates.iso(b.end()),
                b.templateId(),
                b.incidentId()));
      }
    }
    rows.sort((x, y) -> ((String) x.get(2)).compareTo((String) y.get(2)));
    csv(dir, "log_bursts.csv", "entity,service,start,end,template_id,incident_id", rows);

    rows = new ArrayList<>();
    for (LogTemplate t : LogTemplate.values()) {
      rows.add(row(t.name(), t.level(), t.template()));
    }
    csv(dir, "log_templates.csv", "template_id,level,template", rows);

    rows = new ArrayList<>();
    for (FleetPlan.Cascade c : plan.cascades()) {
      rows.add(row(c.cascadeId(), c.causeAnomalyId(), Dates.iso(c.start())));
    }
    csv(dir, "cascades.csv", "cascade_id,cause_anomaly_id,start", rows);

    rows = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : Topology.DEPENDS_ON.entrySet()) {
      for (String d : e.getValue()) {
        rows.add(row(e.getKey(), d));
      }
    }
    csv(dir, "dependencies.csv", "service,depends_on", rows);

    rows = new ArrayList<>();
    for (FleetPlan.Degradation d : plan.degradations()) {
      rows.add(row(d.entity(), d.metric(), Dates.iso(d.start()), d.incidentId()));
    }
    csv(dir, "degradations.csv", "entity,metric,start,incident_id", rows);

    rows = new ArrayList<>();
    for (HostSpec h : plan.hosts()) {
      rows.add(row(h.entity(), h.service(), h.disk().kind()));
    }
    csv(dir, "entities.csv", "entity,service,disk_profile", rows);

    try (InputStream in = TruthWriter.class.getResourceAsStream("truth-README.md")) {
      if (in == null) {
        throw new IOException("resource truth-README.md missing from the jar");
      }
      Files.write(dir.resolve("README.md"), in.readAllBytes());
    }
  }

  private static List<Object> row(Object... values) {
    List<Object> l = new ArrayList<>();
    for (Object v : values) {
      l.add(v == null ? "" : v);
    }
    return l;
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }

  private static void csv(Path dir, String name, String header, List<List<Object>> rows)
      throws IOException {
    StringBuilder sb = new StringBuilder(header).append('\n');
    for (List<Object> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(quote(String.valueOf(r.get(i))));
      }
      sb.append('\n');
    }
    Files.writeString(dir.resolve(name), sb.toString(), StandardCharsets.UTF_8);
  }

  /** RFC 4180 quoting: only fields with a comma, quote or line break are quoted. */
  static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
