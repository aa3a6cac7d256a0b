package io.nightshift.models.incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The precursors of each incident family, for incidents and signal events already on the driver:
 * the plain-Java twin of {@link PrecursorMiner}, with the same definitions (support, baseline,
 * lift, the best look-back per item, the ranking and the details; see its class comment) and the
 * same results up to the order in which doubles are summed.
 */
public final class LocalPrecursorMiner {
  private static final String SCOPE_SEP = "\u0001";
  private final long windowStart;
  private final int totalHours;
  private final int[] lookbackHours;
  private final double minSupport;
  private final double minLift;
  private final int minIncidents;
  private final int topK;

  /** The same settings as {@link PrecursorMiner#PrecursorMiner}. */
  public LocalPrecursorMiner(
      Instant windowStart,
      Instant windowEnd,
      int[] lookbackHours,
      double minSupport,
      double minLift,
      int minIncidents,
      int topK) {
    if (lookbackHours.length == 0
        || Arrays.stream(lookbackHours).anyMatch(h -> h < 1)
        || topK < 1
        || minIncidents < 1) {
      throw new IllegalArgumentException(
          "lookbackHours (at least one), topK and minIncidents must be >= 1");
    }
    this.windowStart = windowStart.getEpochSecond();
    this.totalHours = (int) ((windowEnd.getEpochSecond() - this.windowStart) / 3600);
    this.lookbackHours = Arrays.stream(lookbackHours).distinct().sorted().toArray();
    this.minSupport = minSupport;
    this.minLift = minLift;
    this.minIncidents = minIncidents;
    this.topK = topK;
  }

  /** An incident of a family; entity may be null. */
  public record Incident(
      String id, String familyId, String service, String entity, Instant opened) {}

  /**
   * A signal event: [start, end] (a point when end is null); entity null for a service-wide event;
   * detail null when it has none.
   */
  public record Event(
      String service,
      String entity,
      Instant start,
      Instant end,
      String kind,
      String name,
      String detail) {}

  /** How many of the distinct matched events had a detail. */
  public record Detail(long events, String detail) {}

  /** One precursor of a family, as {@link PrecursorMiner} writes it. */
  public record Precursor(
      int rank,
      String kind,
      String name,
      double support,
      double lift,
      long incidents,
      int hours,
      List<Detail> details) {}

  /** An event cut to the window: its scope, hours [first, last] of the window, seconds [s, t]. */
  private record Ev(
      String scope,
      String kind,
      String name,
      String detail,
      long s,
      long t,
      long first,
      long last) {}

  private record Item(String familyId, String kind, String name, int hours) {}

  /**
   * The precursors of every family that has one, best first (families without are absent). An event
   * with an entity counts only before incidents on that entity (its scope is the service and
   * entity), one without for the whole service, as in {@link PrecursorMiner}; a null entity is the
   * same as no entity column.
   */
  public Map<String, List<Precursor>> mine(List<Incident> incidents, List<Event> events) {
    List<Ev> ev = cut(events);
    Map<String, List<Ev>> byScope = new HashMap<>();
    for (Ev e : ev) {
      byScope.computeIfAbsent(e.scope(), k -> new ArrayList<>()).add(e);
    }
    long longest = lookbackHours[lookbackHours.length - 1] * 3600L;
    Map<String, Set<String>> familyIds = new HashMap<>();
    Map<String, Map<String, Long>> familyScopes = new HashMap<>();
    Map<Item, Set<String>> support = new HashMap<>();
    Map<Item, Map<String, Set<List<Object>>>> details = new HashMap<>();
    for (Incident i : incidents) {
      Set<String> scopes = new LinkedHashSet<>();
      scopes.add(i.service());
      scopes.add(scope(i.service(), i.entity()));
      Set<String> ids = familyIds.computeIfAbsent(i.familyId(), k -> new HashSet<>());
      if (i.id() != null) {
        ids.add(i.id());
      }
      for (String scope : scopes) {
        familyScopes
            .computeIfAbsent(i.familyId(), k -> new HashMap<>())
            .merge(scope, 1L, Long::sum);
      }
      if (i.opened() == null || i.id() == null) {
        continue;
      }
      long o = i.opened().getEpochSecond();
      long preFirst = hourOf(o - longest);
      long preLast = hourOf(o - 1);
      for (String scope : scopes) {
        for (Ev e : byScope.getOrDefault(scope, List.of())) {
          boolean sharesAnHour = Math.max(e.first(), preFirst) <= Math.min(e.last(), preLast);
          if (!sharesAnHour || e.s() >= o || e.t() < o - longest) {
            continue;
          }
          for (int h : lookbackHours) {
            if (e.t() >= o - h * 3600L) {
              Item item = new Item(i.familyId(), e.kind(), e.name(), h);
              support.computeIfAbsent(item, k -> new HashSet<>()).add(i.id());
              if (e.detail() != null) {
                details
                    .computeIfAbsent(item, k -> new HashMap<>())
                    .computeIfAbsent(e.detail(), k -> new HashSet<>())
                    .add(Arrays.asList(e.scope(), e.s(), e.t()));
              }
            }
          }
        }
      }
    }
    Map<List<Object>, Double> cover = baseline(ev);
    Map<List<String>, Precursor> best = new HashMap<>();
    for (Map.Entry<Item, Set<String>> s : support.entrySet()) {
      Item item = s.getKey();
      long k = s.getValue().size();
      if (k < minIncidents) {
        continue;
      }
      double n = familyIds.get(item.familyId()).size();
      double bw = 0;
      for (Map.Entry<String, Long> fs : familyScopes.get(item.familyId()).entrySet()) {
        bw +=
            fs.getValue()
                * cover.getOrDefault(
                    Arrays.asList(fs.getKey(), item.kind(), item.name(), item.hours()), 0.0);
      }
      double sup = k / n;
      double base = bw / n;
      if (!(base > 0)) {
        continue;
      }
      double lift = sup / base;
      if (!(sup >= minSupport && lift >= minLift)) {
        continue;
      }
      Precursor p =
          new Precursor(
              0, item.kind(), item.name(), sup, lift, k, item.hours(), details(details.get(item)));
      List<String> key = Arrays.asList(item.familyId(), item.kind(), item.name());
      Precursor held = best.get(key);
      if (held == null
          || p.lift() > held.lift()
          || (p.lift() == held.lift() && p.hours() < held.hours())) {
        best.put(key, p);
      }
    }
    Map<String, List<Precursor>> byFamily = new TreeMap<>();
    best.forEach((key, p) -> byFamily.computeIfAbsent(key.get(0), f -> new ArrayList<>()).add(p));
    Map<String, List<Precursor>> out = new TreeMap<>();
    for (Map.Entry<String, List<Precursor>> f : byFamily.entrySet()) {
      List<Precursor> ps = f.getValue();
      ps.sort(
          Comparator.comparingDouble(Precursor::lift)
              .reversed()
              .thenComparing(Comparator.comparingDouble(Precursor::support).reversed())
              .thenComparing(Precursor::kind, Comparator.nullsFirst(String::compareTo))
              .thenComparing(Precursor::name, Comparator.nullsFirst(String::compareTo)));
      List<Precursor> ranked = new ArrayList<>();
      for (int r = 0; r < Math.min(topK, ps.size()); r++) {
        Precursor p = ps.get(r);
        ranked.add(
            new Precursor(
                r + 1,
                p.kind(),
                p.name(),
                p.support(),
                p.lift(),
                p.incidents(),
                p.hours(),
                p.details()));
      }
      out.put(f.getKey(), List.copyOf(ranked));
    }
    return out;
  }

  /** Details by distinct events, most events first, then by detail. */
  private static List<Detail> details(Map<String, Set<List<Object>>> byDetail) {
    if (byDetail == null) {
      return List.of();
    }
    List<Detail> out = new ArrayList<>();
    byDetail.forEach((d, evs) -> out.add(new Detail(evs.size(), d)));
    out.sort(Comparator.comparingLong(Detail::events).reversed().thenComparing(Detail::detail));
    return List.copyOf(out);
  }

  /** The usable events, cut to the window's hours. */
  private List<Ev> cut(List<Event> events) {
    List<Ev> out = new ArrayList<>(events.size());
    long end = windowStart + totalHours * 3600L;
    for (Event e : events) {
      if (e.service() == null || e.name() == null || e.start() == null) {
        continue;
      }
      long s = e.start().getEpochSecond();
      long t = Math.max(e.end() == null ? s : e.end().getEpochSecond(), s);
      if (t < windowStart || s >= end) {
        continue;
      }
      String scope = scope(e.service(), e.entity());
      out.add(
          new Ev(
              scope,
              e.kind(),
              e.name(),
              e.detail(),
              s,
              t,
              Math.max(hourOf(s), 0),
              Math.min(hourOf(t), totalHours - 1L)));
    }
    return out;
  }

  /**
   * Per (scope, kind, name, hours): the share of hour-aligned windows of that many hours inside the
   * run's window that contain an hour of an event (see {@link PrecursorMiner#baseline}).
   */
  private Map<List<Object>, Double> baseline(List<Ev> ev) {
    Map<List<Object>, TreeSet<Long>> hours = new HashMap<>();
    for (Ev e : ev) {
      TreeSet<Long> js =
          hours.computeIfAbsent(Arrays.asList(e.scope(), e.kind(), e.name()), k -> new TreeSet<>());
      for (long j = e.first(); j <= e.last(); j++) {
        js.add(j);
      }
    }
    Map<List<Object>, Double> out = new HashMap<>();
    for (Map.Entry<List<Object>, TreeSet<Long>> g : hours.entrySet()) {
      for (int h : lookbackHours) {
        long positions = Math.max(totalHours - h + 1L, 1L);
        long covered = 0;
        Long prev = null;
        for (long j : g.getValue()) {
          long lo = Math.max(Math.max(j - h + 1, prev == null ? Long.MIN_VALUE : prev + 1), 0);
          long hi = Math.min(j, positions - 1);
          covered += Math.max(hi - lo + 1, 0);
          prev = j;
        }
        out.put(
            Arrays.asList(g.getKey().get(0), g.getKey().get(1), g.getKey().get(2), h),
            (double) covered / positions);
      }
    }
    return out;
  }

  /**
   * The scope key: service, or service and entity when the entity is known ({@code concat_ws} in
   * {@link PrecursorMiner}, which skips nulls).
   */
  private static String scope(String service, String entity) {
    if (service == null || entity == null) {
      return service == null ? (entity == null ? "" : entity) : service;
    }
    return service + SCOPE_SEP + entity;
  }

  private long hourOf(long epochSeconds) {
    return Math.floorDiv(epochSeconds - windowStart, 3600L);
  }
}
