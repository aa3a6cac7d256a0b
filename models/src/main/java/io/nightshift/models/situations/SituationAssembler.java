package io.nightshift.models.situations;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a batch of signals (those of one stretch of time) into situations: groups them ({@link
 * SituationGrouper}), ranks the causes ({@link CauseRanker}) and describes each situation.
 */
public final class SituationAssembler {
  private static final DateTimeFormatter HHMM =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  private final SituationRules rules;
  private final SituationGrouper grouper;
  private final CauseRanker ranker;

  public SituationAssembler(SituationRules rules, Relatedness relatedness) {
    this.rules = rules;
    this.grouper =
        new SituationGrouper(
            rules.toleranceSeconds(),
            rules.propagationSeconds(),
            rules.seriesGapSeconds(),
            relatedness);
    this.ranker = new CauseRanker(relatedness);
  }

  /** The situations of the signals, in order of their start. */
  public List<Situation> assemble(List<Signal> signals) {
    List<Situation> out = new ArrayList<>();
    for (List<Signal> group : grouper.group(signals)) {
      out.add(describe(group));
    }
    return out;
  }

  /** Describes one group of signals. */
  public Situation describe(List<Signal> members) {
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    double maxScore = 0;
    Set<String> entities = new TreeSet<>();
    Set<String> services = new TreeSet<>();
    Set<String> signature = new TreeSet<>();
    int scoredMembers = 0;
    for (Signal s : members) {
      start = Math.min(start, s.start());
      end = Math.max(end, s.end());
      if (s.entity() != null) {
        entities.add(s.entity());
      }
      if (s.service() != null) {
        services.add(s.service());
      }
      if (s.source() != Signal.Source.MENTION) {
        maxScore = Math.max(maxScore, s.score());
        signature.add(s.service() + ":" + s.metric());
        scoredMembers++;
      }
    }
    double severity =
        1
            - (1 - maxScore)
                * Math.pow(0.8, Math.max(0, services.size() - 1))
                * Math.pow(0.9, Math.max(0, entities.size() - 1));
    List<Cause> causes = ranker.rank(members, rules.topCauses());
    boolean passes =
        maxScore >= rules.minScore()
            && (scoredMembers >= rules.minMembers() || end - start >= rules.minDurationSeconds());
    return new Situation(
        List.copyOf(members),
        start,
        end,
        List.copyOf(entities),
        List.copyOf(services),
        maxScore,
        severity,
        causes,
        String.join(",", signature),
        headline(causes, members, services, entities),
        passes);
  }

  private static String headline(
      List<Cause> causes, List<Signal> signals, Set<String> services, Set<String> entities) {
    int members = signals.size();
    StringBuilder sb = new StringBuilder();
    Cause top = causes.stream().filter(c -> !c.kind().equals("change")).findFirst().orElse(null);
    Cause change =
        causes.isEmpty() || !causes.get(0).kind().equals("change") ? null : causes.get(0);
    if (change != null) {
      sb.append(change.why().replaceFirst(" min before the first signal", " min before"))
          .append(": ");
    }
    if (top != null) {
      sb.append(top.service()).append(' ').append(top.metric()).append(" on ").append(top.entity());
      signals.stream()
          .filter(s -> s.id().equals(top.ref()))
          .findFirst()
          .ifPresent(s -> sb.append(" at ").append(hhmm(s.start())));
    }
    Set<String> rest = new TreeSet<>(services);
    if (top != null) {
      rest.remove(top.service());
    }
    if (!rest.isEmpty()) {
      sb.append(", then ").append(String.join(", ", rest));
    }
    sb.append(" (")
        .append(members)
        .append(members == 1 ? " signal" : " signals")
        .append(" on ")
        .append(entities.size())
        .append(entities.size() == 1 ? " entity)" : " entities)");
    return sb.toString();
  }

  /** Start time as HH:mm UTC, for headlines and tests. */
  static String hhmm(long epochSeconds) {
    return HHMM.format(Instant.ofEpochSecond(epochSeconds));
  }
}
