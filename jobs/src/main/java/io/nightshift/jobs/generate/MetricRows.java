package io.nightshift.jobs.generate;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Generates one host's metric samples for one day: daily and weekly seasonality, noise, the disk
 * trend, injected effects and a few gaps. Pure function of the plan, the host and the day (its own
 * random stream), so any Spark task reproduces it exactly. Rows: ts (epoch micros), entity, metric,
 * value, service, capacity, dt; ordered by metric then ts.
 */
public final class MetricRows {
  private MetricRows() {}

  /** Metric names, in output order. */
  public static final String CPU = "cpu_used_pct";

  public static final String MEM = "mem_used_pct";
  public static final String DISK = "disk_used_pct";
  public static final String CONN = "conn_used";
  public static final String LATENCY = "latency_ms";
  public static final String ERRORS = "error_rate";

  /** All metrics every host reports. */
  public static final String[] METRICS = {CPU, MEM, DISK, CONN, LATENCY, ERRORS};

  private static final long PURPOSE_METRICS = 1;

  /** Load factor in [0, 1]: daily cycle peaking mid-afternoon UTC, lower at weekends. */
  public static double load(long t) {
    double hour = ((t % 86_400) + 86_400) % 86_400 / 3600.0;
    double daily = 0.5 - 0.5 * Math.cos(2 * Math.PI * (hour - 4) / 24.0);
    long dayNumber = Math.floorDiv(t, 86_400L);
    int dow = (int) Math.floorMod(dayNumber + 3, 7); // 0 = Monday (1970-01-01 was a Thursday)
    double weekly = dow >= 5 ? 0.65 : 1.0;
    return daily * weekly;
  }

  /** The rows of one host-day. */
  public static List<Row> rows(FleetPlan plan, int hostIndex, int day) {
    GeneratorOptions o = plan.options();
    HostSpec h = plan.hosts().get(hostIndex);
    Rng r = Rng.of(o.seed(), hostIndex, day, PURPOSE_METRICS);
    long step = o.resolutionMinutes() * 60L;
    long dayStart = o.windowStart() + day * 86_400L;
    int n = (int) (86_400L / step);
    String dt = Dates.dt(dayStart);

    boolean[] gap = new boolean[n];
    if (r.chance(0.12)) {
      int len = r.between(3, 12);
      int at = r.index(Math.max(1, n - len));
      for (int i = at; i < Math.min(n, at + len); i++) {
        gap[i] = true;
      }
    }
    List<Row> out = new ArrayList<>(n * METRICS.length);
    for (String metric : METRICS) {
      Double capacity = capacity(h, metric);
      for (int i = 0; i < n; i++) {
        long t = dayStart + i * step;
        double v = baseline(h, metric, t, r);
        for (FleetPlan.Effect e : h.effects()) {
          if (e.metric().equals(metric)) {
            v = e.apply(v, t);
          }
        }
        boolean dropped = gap[i] || r.chance(0.0015);
        if (dropped && !h.affected(metric, t)) {
          continue;
        }
        out.add(
            RowFactory.create(
                t * 1_000_000L,
                h.entity(),
                metric,
                finish(metric, v, capacity),
                h.service(),
                capacity,
                dt));
      }
    }
    return out;
  }

  /** The capacity column of a metric on a host (null when the metric has no limit). */
  public static Double capacity(HostSpec h, String metric) {
    return switch (metric) {
      case CPU, MEM, DISK -> 100.0;
      case CONN -> h.connPool();
      default -> null;
    };
  }

  private static double baseline(HostSpec h, String metric, long t, Rng r) {
    double load = load(t);
    return switch (metric) {
      case CPU -> h.cpuBase() + h.cpuAmp() * load + 2.0 * r.gaussian();
      case MEM ->
          h.memBase()
              + 4 * load
              + 2 * Math.sin(2 * Math.PI * t / (3.3 * 86_400) + h.phase())
              + 0.8 * r.gaussian();
      case DISK -> h.disk().valueAt(t) + 0.2 * r.gaussian();
      case CONN -> h.connPool() * (0.12 + 0.38 * load) + 3 * r.gaussian();
      case LATENCY -> h.latencyBase() * (1 + 0.5 * load) * Math.exp(0.12 * r.gaussian());
      case ERRORS -> h.errorBase() * (1 + load) + Math.abs(0.0005 * r.gaussian());
      default -> throw new IllegalArgumentException(metric);
    };
  }

  private static double finish(String metric, double v, Double capacity) {
    return switch (metric) {
      case CPU, MEM -> round(clamp(v, 0.5, 100), 10);
      case DISK -> round(clamp(v, 0, 100), 100);
      case CONN -> Math.round(clamp(v, 0, capacity));
      case LATENCY -> round(Math.max(0.5, v), 10);
      case ERRORS -> round(clamp(v, 0, 1), 10_000);
      default -> v;
    };
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static double round(double v, double scale) {
    return Math.round(v * scale) / scale;
  }
}
