package io.nightshift.models.situations;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ranks the probable causes of one situation. Every metric anomaly and log-signal spike is a
 * candidate, scored by three kinds of evidence:
 *
 * <ul>
 *   <li><b>earliness</b>: 1 for the earliest signal, falling with the minutes it started after it
 *       ({@code 1 / (1 + minutes / 10)});
 *   <li><b>precedence</b>: the share of the situation's other services that wait for the
 *       candidate's service (their log lines name it during the situation) or depend on it in the
 *       dependency map (given or learned from history), plus 1 when they do; a candidate whose own
 *       service waits for or depends on another service of the situation loses 0.5;
 *   <li>a tie-break on the anomaly score.
 * </ul>
 *
 * A change (deploy) on a situation's service shortly before it ranks just above the best candidate
 * of its service (a failed or rolled-back change a little higher still), so a deploy of the service
 * that started the situation comes first and a deploy of a service it merely touched does not.
 */
public final class CauseRanker {
  private static final DateTimeFormatter HHMM =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  private final Relatedness relatedness;

  public CauseRanker(Relatedness relatedness) {
    this.relatedness = relatedness;
  }

  /** The situation's causes, most probable first, at most {@code limit}. */
  public List<Cause> rank(List<Signal> members, int limit) {
    List<Signal> candidates = new ArrayList<>();
    Set<String> services = new TreeSet<>();
    long first = Long.MAX_VALUE;
    for (Signal s : members) {
      if (s.service() != null) {
        services.add(s.service());
      }
      if (s.source() != Signal.Source.MENTION) {
        candidates.add(s);
        first = Math.min(first, s.start());
      }
    }
    List<Cause> scored = new ArrayList<>();
    Map<String, Double> bestOfService = new LinkedHashMap<>();
    for (Signal c : candidates) {
      double minutes = (c.start() - first) / 60.0;
      double earliness = 1.0 / (1.0 + minutes / 10.0);
      Set<String> waiting = waitingFor(c.service(), members, services);
      Set<String> upstream = upstreamOf(c.service(), members, services);
      int others = Math.max(1, services.size() - 1);
      double precedence =
          (waiting.isEmpty() ? 0 : 1.0 + (double) waiting.size() / others)
              - (upstream.isEmpty() ? 0 : 0.5);
      double score = earliness + precedence + 0.01 * c.score();
      List<String> why = new ArrayList<>();
      why.add(
          minutes == 0
              ? "earliest signal (" + HHMM.format(Instant.ofEpochSecond(c.start())) + " UTC)"
              : String.format("started %.0f min after the first signal", minutes));
      if (!waiting.isEmpty()) {
        why.add(String.join(", ", waiting) + " wait(s) for " + c.service());
      }
      if (!upstream.isEmpty()) {
        why.add(c.service() + " itself waits for " + String.join(", ", upstream));
      }
      String kind = c.source() == Signal.Source.LOG ? "log" : "anomaly";
      scored.add(new Cause(0, kind, c.id(), c.entity(), c.service(), c.metric(), score, join(why)));
      bestOfService.merge(c.service() == null ? "" : c.service(), score, Math::max);
    }
    Map<String, Signal.Change> changes = new LinkedHashMap<>();
    for (Signal s : members) {
      for (Signal.Change ch : s.changes()) {
        changes.putIfAbsent(ch.id(), ch);
      }
    }
    for (Signal.Change ch : changes.values()) {
      Double base = bestOfService.get(ch.service());
      if (base == null) {
        continue;
      }
      boolean bad = ch.status() != null && !ch.status().equals("success");
      double minutesBefore = (first - ch.ts()) / 60.0;
      String why =
          String.format(
              "change %s%s to %s %.0f min before the first signal",
              ch.id(), bad ? " (" + ch.status() + ")" : "", ch.service(), minutesBefore);
      scored.add(
          new Cause(
              0, "change", ch.id(), null, ch.service(), null, base + (bad ? 0.1 : 0.05), why));
    }
    scored.sort(Comparator.comparingDouble(Cause::score).reversed().thenComparing(Cause::ref));
    List<Cause> out = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, scored.size()); i++) {
      Cause c = scored.get(i);
      out.add(
          new Cause(
              i + 1, c.kind(), c.ref(), c.entity(), c.service(), c.metric(), c.score(), c.why()));
    }
    return out;
  }

  /** Other services of the situation that wait for (name in logs) or depend on {@code service}. */
  private Set<String> waitingFor(String service, List<Signal> members, Set<String> services) {
    Set<String> out = new TreeSet<>();
    if (service == null) {
      return out;
    }
    for (Signal s : members) {
      if (service.equals(s.peerService()) && s.service() != null && !service.equals(s.service())) {
        out.add(s.service());
      }
    }
    for (String other : services) {
      if (relatedness.dependsOn(other, service)) {
        out.add(other);
      }
    }
    return out;
  }

  /** Services of the situation that {@code service} waits for or depends on. */
  private Set<String> upstreamOf(String service, List<Signal> members, Set<String> services) {
    Set<String> out = new TreeSet<>();
    if (service == null) {
      return out;
    }
    for (Signal s : members) {
      if (service.equals(s.service())
          && s.peerService() != null
          && services.contains(s.peerService())
          && !service.equals(s.peerService())) {
        out.add(s.peerService());
      }
    }
    for (String other : services) {
      if (relatedness.dependsOn(service, other)) {
        out.add(other);
      }
    }
    return out;
  }

  private static String join(List<String> parts) {
    return String.join("; ", parts);
  }
}
