package io.nightshift.jobs.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Generates one host's log lines for one day: a background of the service's usual templates
 * (Poisson, following the load cycle), rare background errors, disk warnings while the disk is
 * above 85%, and the planned bursts. Rows: ts (epoch micros), entity, service, level, message, dt;
 * ordered by ts.
 */
public final class LogRows {
  private LogRows() {}

  private static final long PURPOSE_LOGS = 2;
  private static final String[] COMMON = {"T05", "T11", "T12", "T20"};
  private static final String[] RARE_ERRORS = {"T07", "T25", "T03", "T19", "T17"};

  /** The rows of one host-day. */
  public static List<Row> rows(FleetPlan plan, int hostIndex, int day) {
    GeneratorOptions o = plan.options();
    HostSpec h = plan.hosts().get(hostIndex);
    Rng r = Rng.of(o.seed(), hostIndex, day, PURPOSE_LOGS);
    long dayStart = o.windowStart() + day * 86_400L;
    String dt = Dates.dt(dayStart);
    String[] mix = Topology.service(h.service()).logMix();
    String peerIp = peerIp(h);
    List<Object[]> lines = new ArrayList<>();
    for (int m = 0; m < 1440; m++) {
      long t = dayStart + m * 60L;
      double lambda = o.logRate() * (0.4 + 0.9 * MetricRows.load(t));
      int count = r.poisson(lambda);
      for (int k = 0; k < count; k++) {
        double u = r.next();
        String id;
        if (u < 0.985) {
          id = u < 0.85 ? r.pick(mix) : r.pick(COMMON);
        } else {
          id = r.pick(RARE_ERRORS);
        }
        lines.add(line(h, r, t, LogTemplate.valueOf(id), peerIp, ""));
      }
      if (m % 10 == 0) {
        double disk = h.disk().valueAt(t);
        if (disk >= 85) {
          lines.add(line(h, r, t, LogTemplate.T08, peerIp, String.valueOf((int) Math.floor(disk))));
        }
      }
    }
    for (FleetPlan.LogBurst b : h.bursts()) {
      long from = Math.max(b.start(), dayStart);
      long to = Math.min(b.end(), dayStart + 86_400L);
      for (long t = from - Math.floorMod(from, 60L); t < to; t += 60) {
        int count = r.poisson(b.perMinute());
        for (int k = 0; k < count; k++) {
          Object[] l = line(h, r, t, LogTemplate.valueOf(b.templateId()), peerIp, b.arg());
          if ((long) l[0] >= b.start() * 1_000_000L && (long) l[0] < to * 1_000_000L) {
            lines.add(l);
          }
        }
      }
    }
    lines.sort(Comparator.comparingLong(l -> (long) l[0]));
    List<Row> out = new ArrayList<>(lines.size());
    for (Object[] l : lines) {
      out.add(RowFactory.create(l[0], h.entity(), h.service(), l[1], l[2], dt));
    }
    return out;
  }

  private static Object[] line(
      HostSpec h, Rng r, long minute, LogTemplate tpl, String peerIp, String arg) {
    long micros = minute * 1_000_000L + r.index(60_000) * 1000L;
    return new Object[] {micros, tpl.level(), tpl.render(r, peerIp, arg)};
  }

  private static String peerIp(HostSpec h) {
    int i = h.index();
    String port = Topology.service(h.service()).database() ? "5432" : "8080";
    return "10.0." + (i / 200 + 3) + "." + (i % 200 + 10) + ":" + port;
  }
}
