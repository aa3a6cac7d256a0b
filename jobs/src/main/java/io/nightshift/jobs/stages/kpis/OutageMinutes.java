package io.nightshift.jobs.stages.kpis;

import io.nightshift.jobs.config.KpiSettings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Minutes per service-week with at least one open outage incident, overlaps merged, as {@code
 * KpiStage} defines them (docs/kpis.md), for {@link LocalKpis}: an incident of an outage severity
 * is open from {@code max(opened_at, window start)} to {@code min(resolved_at or window end, window
 * end)}; a service's spans sorted by start and end merge into islands while a span starts at or
 * before the latest end so far; each island's minutes fall into the weeks it overlaps.
 */
final class OutageMinutes {
  private final long windowStart;
  private final long windowEnd;
  private final KpiSettings settings;

  /** Bounds in microseconds since the epoch. */
  OutageMinutes(long windowStart, long windowEnd, KpiSettings settings) {
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.settings = settings;
  }

  /** A span of outage, in microseconds. */
  private record Span(long start, long end) {}

  /** The outage minutes per service-week (only weeks with some). */
  Map<LocalKpis.Key, Double> of(List<KpiInputs.Incident> incidents) {
    Map<String, List<Span>> byService = new HashMap<>();
    for (KpiInputs.Incident i : incidents) {
      if (i.service() == null
          || i.severity() == null
          || !settings.outageSeverities().contains(i.severity())) {
        continue;
      }
      long s = i.opened() == null ? windowStart : Math.max(i.opened(), windowStart);
      long e = i.resolved() == null ? windowEnd : Math.min(i.resolved(), windowEnd);
      if (e > s) {
        byService.computeIfAbsent(i.service(), k -> new ArrayList<>()).add(new Span(s, e));
      }
    }
    Map<LocalKpis.Key, Double> out = new HashMap<>();
    byService.forEach((service, spans) -> islands(spans).forEach(i -> addWeeks(out, service, i)));
    return out;
  }

  private static List<Span> islands(List<Span> spans) {
    spans.sort(Comparator.comparingLong(Span::start).thenComparingLong(Span::end));
    List<Span> out = new ArrayList<>();
    Span current = null;
    for (Span s : spans) {
      if (current == null || s.start() > current.end()) {
        if (current != null) {
          out.add(current);
        }
        current = s;
      } else if (s.end() > current.end()) {
        current = new Span(current.start(), s.end());
      }
    }
    if (current != null) {
      out.add(current);
    }
    return out;
  }

  private static void addWeeks(Map<LocalKpis.Key, Double> out, String service, Span island) {
    LocalDate last = LocalKpis.week(island.end());
    for (LocalDate w = LocalKpis.week(island.start()); !w.isAfter(last); w = w.plusDays(7)) {
      double overlap =
          LocalKpis.minutes(
              Math.min(island.end(), LocalKpis.micros(w.plusDays(7))),
              Math.max(island.start(), LocalKpis.micros(w)));
      if (overlap > 0) {
        out.merge(new LocalKpis.Key(service, w), overlap, Double::sum);
      }
    }
  }
}
