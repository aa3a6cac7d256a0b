package io.nightshift.models.incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The figures of each incident family over a window, for incidents already on the driver: the
 * plain-Java twin of {@link FamilyFigures}, with the same definitions (see its class comment) and
 * the same results up to the order in which doubles are summed. A window's incidents are few, so
 * one pass over them in memory replaces a dozen Spark jobs.
 */
public final class LocalFamilyFigures {
  private final Instant windowEnd;
  private final Instant mid;
  private final Map<String, Double> severityWeights;
  private final double defaultWeight;
  private final long linkedChangeSeconds;

  /** The same settings as {@link FamilyFigures#FamilyFigures}. */
  public LocalFamilyFigures(
      Instant windowStart,
      Instant windowEnd,
      Map<String, Double> severityWeights,
      double defaultWeight,
      int linkedChangeHours) {
    Objects.requireNonNull(windowStart);
    this.windowEnd = Objects.requireNonNull(windowEnd);
    if (!windowEnd.isAfter(windowStart)) {
      throw new IllegalArgumentException("window end must be after its start");
    }
    this.mid =
        windowStart.plusSeconds((windowEnd.getEpochSecond() - windowStart.getEpochSecond()) / 2);
    this.severityWeights = Map.copyOf(severityWeights);
    this.defaultWeight = defaultWeight;
    this.linkedChangeSeconds = linkedChangeHours * 3600L;
  }

  /** One incident with its family; rootCause is null when not recorded (or no such column). */
  public record Incident(
      String id,
      String familyId,
      String familyLabel,
      String service,
      String entity,
      String category,
      String severity,
      Instant opened,
      Instant detected,
      Instant resolved,
      String rootCause) {}

  /** A change on a service. */
  public record Change(String service, Instant ts) {}

  /** One root cause of a family: null cause for the incidents with none recorded. */
  public record RootCause(String cause, long incidents, double share) {}

  /** The figures of one family, named as {@link FamilyFigures}' columns; null where it has null. */
  public record Figures(
      String familyId,
      String label,
      List<String> services,
      List<String> entities,
      String category,
      long incidentCount,
      long countFirstHalf,
      long countSecondHalf,
      Double impact,
      Double mttrMean,
      Double mttrP50,
      Double mttrP90,
      Double mttdMean,
      Double mttdP50,
      Double mttdP90,
      Instant lastOccurrence,
      List<String> incidentIds,
      Double linkedChangeShare,
      List<RootCause> rootCauses) {
    /** count_second_half - count_first_half. */
    public long trend() {
      return countSecondHalf - countFirstHalf;
    }
  }

  /**
   * One entry per family, in family id order.
   *
   * @param changes the changes, or null when there is no change table (linked share null)
   * @param withRootCauses whether the incidents have a root_cause column (else no root causes)
   */
  public List<Figures> compute(
      List<Incident> incidents, List<Change> changes, boolean withRootCauses) {
    Set<String> linked = changes == null ? Set.of() : linkedIds(incidents, changes);
    Map<String, List<Incident>> byFamily = new TreeMap<>(Comparator.nullsFirst(String::compareTo));
    for (Incident i : incidents) {
      byFamily.computeIfAbsent(i.familyId(), k -> new ArrayList<>()).add(i);
    }
    List<Figures> out = new ArrayList<>(byFamily.size());
    for (Map.Entry<String, List<Incident>> e : byFamily.entrySet()) {
      out.add(figures(e.getKey(), e.getValue(), changes == null ? null : linked, withRootCauses));
    }
    return out;
  }

  private Figures figures(
      String familyId, List<Incident> members, Set<String> linked, boolean withRootCauses) {
    String label = null;
    String category = null;
    Set<String> services = new TreeSet<>();
    Set<String> entities = new TreeSet<>();
    long first = 0;
    long second = 0;
    Double impact = null;
    List<Double> ttr = new ArrayList<>();
    List<Double> ttd = new ArrayList<>();
    Instant last = null;
    List<String> ids = new ArrayList<>();
    long linkedCount = 0;
    for (Incident i : members) {
      label = label == null ? i.familyLabel() : label;
      category = category == null ? i.category() : category;
      addIfPresent(services, i.service());
      addIfPresent(entities, i.entity());
      boolean secondHalf = i.opened() != null && !i.opened().isBefore(mid);
      if (secondHalf) {
        second++;
      } else {
        first++;
      }
      if (i.opened() != null) {
        long opened = i.opened().getEpochSecond();
        Instant until =
            i.resolved() == null || i.resolved().isAfter(windowEnd) ? windowEnd : i.resolved();
        long open = Math.max(until.getEpochSecond() - opened, 0L);
        double w =
            i.severity() == null
                ? defaultWeight
                : severityWeights.getOrDefault(i.severity(), defaultWeight);
        impact = (impact == null ? 0.0 : impact) + w * (open / 60.0);
        if (i.resolved() != null && !i.resolved().isBefore(i.opened())) {
          ttr.add((i.resolved().getEpochSecond() - opened) / 60.0);
        }
        if (i.detected() != null && !i.detected().isBefore(i.opened())) {
          ttd.add((i.detected().getEpochSecond() - opened) / 60.0);
        }
        last = last == null || i.opened().isAfter(last) ? i.opened() : last;
      }
      if (i.id() != null) {
        ids.add(i.id());
      }
      if (linked != null && linked.contains(i.id())) {
        linkedCount++;
      }
    }
    ids.sort(null);
    long n = members.size();
    return new Figures(
        familyId,
        label,
        List.copyOf(services),
        List.copyOf(entities),
        category,
        n,
        first,
        second,
        impact,
        mean(ttr),
        percentile(ttr, 0.5),
        percentile(ttr, 0.9),
        mean(ttd),
        percentile(ttd, 0.5),
        percentile(ttd, 0.9),
        last,
        List.copyOf(ids),
        linked == null ? null : (double) linkedCount / n,
        withRootCauses ? rootCauses(members) : List.of());
  }

  /** Root causes as {@link FamilyFigures} ranks them: most incidents first, then by cause. */
  private static List<RootCause> rootCauses(List<Incident> members) {
    Map<String, Long> counts = new HashMap<>();
    for (Incident i : members) {
      String c = i.rootCause() == null ? null : spaceTrimmed(i.rootCause());
      counts.merge(c != null && c.isEmpty() ? null : c, 1L, Long::sum);
    }
    List<RootCause> out = new ArrayList<>();
    counts.forEach((c, k) -> out.add(new RootCause(c, k, (double) k / members.size())));
    out.sort(
        Comparator.comparingLong(RootCause::incidents)
            .reversed()
            .thenComparing(RootCause::cause, Comparator.nullsLast(String::compareTo)));
    return List.copyOf(out);
  }

  /** Ids of the incidents opened within the linked hours after a change on their service. */
  private Set<String> linkedIds(List<Incident> incidents, List<Change> changes) {
    Map<String, List<Long>> byService = new HashMap<>();
    for (Change c : changes) {
      if (c.service() != null && c.ts() != null) {
        byService.computeIfAbsent(c.service(), k -> new ArrayList<>()).add(c.ts().getEpochSecond());
      }
    }
    Set<String> out = new HashSet<>();
    for (Incident i : incidents) {
      if (i.service() == null || i.opened() == null) {
        continue;
      }
      long o = i.opened().getEpochSecond();
      for (long t : byService.getOrDefault(i.service(), List.of())) {
        if (t <= o && t >= o - linkedChangeSeconds) {
          out.add(i.id());
          break;
        }
      }
    }
    return out;
  }

  private static void addIfPresent(Set<String> set, String v) {
    if (v != null) {
      set.add(v);
    }
  }

  private static Double mean(List<Double> v) {
    if (v.isEmpty()) {
      return null;
    }
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.size();
  }

  /**
   * Spark's exact {@code percentile}: linear interpolation between the closest ranks at position p
   * x (n - 1) of the sorted values; null for no values (also used by the KPIs' driver path).
   */
  public static Double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> v = new ArrayList<>(values);
    v.sort(null);
    double position = (v.size() - 1) * p;
    int lower = (int) Math.floor(position);
    int higher = (int) Math.ceil(position);
    double lo = v.get(lower);
    double hi = v.get(higher);
    if (higher == lower || lo == hi) {
      return lo;
    }
    return (higher - position) * lo + (position - lower) * hi;
  }

  /** Spark's {@code trim}: strips the space character only. */
  private static String spaceTrimmed(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && s.charAt(a) == ' ') {
      a++;
    }
    while (b > a && s.charAt(b - 1) == ' ') {
      b--;
    }
    return s.substring(a, b);
  }
}
