package io.nightshift.jobs.stages.kpis;

import io.nightshift.jobs.config.KpiSettings;
import io.nightshift.models.incidents.LocalFamilyFigures;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The {@code kpis} rows of one window computed on the driver: a window's incidents, changes and
 * families are small, bounded tables, so they are collected once ({@link KpiInputs}) and the KPIs
 * follow in plain Java with the definitions of {@code KpiStage} (docs/kpis.md), instead of a query
 * of a dozen joins and aggregations (about twenty Spark jobs). Same rows as the Spark path: times
 * as Spark casts them ({@code cast(ts as double)}: microseconds / 1e6), percentiles as Spark's
 * exact {@code percentile}, means added up as Spark's {@code avg} adds them (row order within each
 * partition of the incidents, then the partitions in order: on a steady night the table is the
 * Spark path's bit for bit); outage minutes are summed island by island (up to the order of
 * summation); rows in the Spark path's order (service by its UTF-8 bytes, then week).
 */
public final class LocalKpis {
  private final long windowStart;
  private final long windowEnd;
  private final KpiSettings settings;

  public LocalKpis(Instant windowStart, Instant windowEnd, KpiSettings settings) {
    this.windowStart = KpiInputs.micros(windowStart);
    this.windowEnd = KpiInputs.micros(windowEnd);
    this.settings = settings;
  }

  /**
   * The KPI rows ({@code KpisTable.SCHEMA}), ordered by service and week.
   *
   * @param metricServices the services the window's metrics name
   */
  public List<Row> rows(KpiInputs in, Set<String> metricServices) {
    Set<String> services = new HashSet<>(metricServices);
    in.incidents().forEach(i -> services.add(i.service()));
    if (in.changes() != null) {
      in.changes().forEach(c -> services.add(c.service()));
    }
    services.remove(null);
    Map<Key, IncidentWeek> incidents = incidentWeeks(in);
    Map<Key, Double> outage =
        new OutageMinutes(windowStart, windowEnd, settings).of(in.incidents());
    Map<Key, ChangeWeek> changes = in.changes() == null ? null : changeWeeks(in.changes());
    List<String> ordered = new ArrayList<>(services);
    ordered.sort(UTF8_ORDER);
    List<Row> out = new ArrayList<>();
    for (String s : ordered) {
      for (LocalDate w : weeks()) {
        Key k = new Key(s, w);
        out.add(
            row(
                k,
                incidents.get(k),
                outage.getOrDefault(k, 0.0),
                changes == null ? null : changes.getOrDefault(k, new ChangeWeek()),
                in.recurring() != null));
      }
    }
    return out;
  }

  /** A service and the Monday of its ISO week. */
  record Key(String service, LocalDate week) {}

  /** The incidents of a service-week, each as many times as the Spark path's join repeats it. */
  private Map<Key, IncidentWeek> incidentWeeks(KpiInputs in) {
    Map<Key, IncidentWeek> out = new HashMap<>();
    for (KpiInputs.Incident i : in.incidents()) {
      if (i.service() == null || i.opened() == null) {
        continue;
      }
      long n = in.recurring() == null ? 0 : in.recurring().getOrDefault(i.id(), 0L);
      IncidentWeek w =
          out.computeIfAbsent(new Key(i.service(), week(i.opened())), k -> new IncidentWeek());
      for (long c = 0; c < Math.max(n, 1); c++) {
        w.add(i, n > 0, windowEnd);
      }
    }
    return out;
  }

  private Map<Key, ChangeWeek> changeWeeks(List<KpiInputs.Change> changes) {
    Map<Key, ChangeWeek> out = new HashMap<>();
    for (KpiInputs.Change c : changes) {
      if (c.service() != null && c.ts() != null) {
        out.computeIfAbsent(new Key(c.service(), week(c.ts())), k -> new ChangeWeek()).add(c);
      }
    }
    return out;
  }

  /** The incident figures of one service-week. */
  private static final class IncidentWeek {
    long count;
    final long[] sev = new long[4];
    long open;
    long recurring;
    final List<Double> ttd = new ArrayList<>();
    final List<Double> ttr = new ArrayList<>();
    final Map<Integer, double[]> ttdSums = new TreeMap<>();
    final Map<Integer, double[]> ttrSums = new TreeMap<>();

    void add(KpiInputs.Incident i, boolean isRecurring, long windowEnd) {
      count++;
      for (int s = 0; s < 4; s++) {
        if (("SEV" + (s + 1)).equals(i.severity())) {
          sev[s]++;
        }
      }
      if (i.detected() != null) {
        ttd.add(minutes(i.detected(), i.opened()));
        add(ttdSums, i.partition(), ttd.get(ttd.size() - 1));
      }
      if (i.resolved() != null && i.resolved() <= windowEnd) {
        ttr.add(minutes(i.resolved(), i.opened()));
        add(ttrSums, i.partition(), ttr.get(ttr.size() - 1));
      } else {
        open++;
      }
      recurring += isRecurring ? 1 : 0;
    }

    private static void add(Map<Integer, double[]> sums, int partition, double v) {
      sums.computeIfAbsent(partition, k -> new double[1])[0] += v;
    }

    /** Spark's {@code avg}: a sum per partition in row order, the partitions' sums in order. */
    static Double mean(Map<Integer, double[]> sums, int n) {
      if (n == 0) {
        return null;
      }
      double s = 0.0;
      for (double[] partial : sums.values()) {
        s += partial[0];
      }
      return s / n;
    }
  }

  /** The distinct changes and failed changes of one service-week. */
  private final class ChangeWeek {
    final Set<String> ids = new HashSet<>();
    final Set<String> failed = new HashSet<>();

    void add(KpiInputs.Change c) {
      if (c.id() == null) {
        return;
      }
      ids.add(c.id());
      if (c.status() != null && settings.failedChangeStatuses().contains(c.status())) {
        failed.add(c.id());
      }
    }
  }

  private Row row(Key k, IncidentWeek i, double outage, ChangeWeek c, boolean withFamilies) {
    LocalDate w = k.week();
    double covered =
        minutes(Math.min(micros(w.plusDays(7)), windowEnd), Math.max(micros(w), windowStart));
    Long changes = c == null ? null : (long) c.ids.size();
    Long failed = c == null ? null : (long) c.failed.size();
    return RowFactory.create(
        k.service(),
        java.sql.Date.valueOf(w),
        i == null ? 0L : i.count,
        i == null ? 0L : i.sev[0],
        i == null ? 0L : i.sev[1],
        i == null ? 0L : i.sev[2],
        i == null ? 0L : i.sev[3],
        i == null ? null : IncidentWeek.mean(i.ttdSums, i.ttd.size()),
        i == null ? null : LocalFamilyFigures.percentile(i.ttd, 0.5),
        i == null ? null : LocalFamilyFigures.percentile(i.ttd, 0.9),
        i == null ? null : IncidentWeek.mean(i.ttrSums, i.ttr.size()),
        i == null ? null : LocalFamilyFigures.percentile(i.ttr, 0.5),
        i == null ? null : LocalFamilyFigures.percentile(i.ttr, 0.9),
        i == null ? 0L : i.open,
        outage,
        covered,
        1.0 - outage / covered,
        changes,
        failed,
        changes != null && changes > 0 ? 1.0 - (double) failed / (double) changes : null,
        withFamilies && i != null ? i.recurring : null);
  }

  /** The weeks (Mondays) overlapping the window. */
  private List<LocalDate> weeks() {
    List<LocalDate> out = new ArrayList<>();
    LocalDate last = day(windowEnd - 1_000_000L);
    for (LocalDate w = week(windowStart); !w.isAfter(last); w = w.plusWeeks(1)) {
      out.add(w);
    }
    return out;
  }

  /** The Monday (UTC) of the week holding an instant in microseconds. */
  static LocalDate week(long micros) {
    return day(micros).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  private static LocalDate day(long micros) {
    return LocalDate.ofEpochDay(Math.floorDiv(micros, 86_400_000_000L));
  }

  /** Spark's {@code (cast(later as double) - cast(earlier as double)) / 60}. */
  static double minutes(long later, long earlier) {
    return (later / 1e6 - earlier / 1e6) / 60.0;
  }

  static long micros(LocalDate d) {
    return d.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
  }

  /** Spark's string order: by UTF-8 bytes, unsigned. */
  static final Comparator<String> UTF8_ORDER =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
}
