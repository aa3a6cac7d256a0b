package io.nightshift.jobs.stages.situations;

import io.nightshift.jobs.schema.SituationMembersTable;
import io.nightshift.jobs.schema.SituationsTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Scores situations against the generator's truth ({@code truth/anomalies.csv}, {@code
 * incidents.csv}). Anomaly members are matched to truth anomalies by entity, metric and time
 * (overlapping from 5 minutes before the truth start to 60 minutes after its end, nearest start
 * wins). A truth anomaly's situation is its cascade; else, for latency surges and error bursts that
 * begin within 5 minutes of an incident's opening on the incident's service, that incident (the
 * planted impact of one incident is one situation); else the anomaly alone. With {@code
 * cascadesOnly} incident impacts count as separate situations too (the strict reading).
 */
final class GroupingQuality {
  record Truth(
      String id,
      String entity,
      String service,
      String metric,
      Instant start,
      Instant end,
      String kind,
      String cascade,
      boolean cause) {}

  /** The figures. */
  record Figures(
      int matched,
      int unmatched,
      long truePairs,
      long predictedPairs,
      long correctPairs,
      int cascades,
      int causeFirst,
      int changeAboveCause,
      int situations,
      int reported,
      int anomalyRows) {
    double precision() {
      return predictedPairs == 0 ? 1 : (double) correctPairs / predictedPairs;
    }

    double recall() {
      return truePairs == 0 ? 1 : (double) correctPairs / truePairs;
    }

    double causeAccuracy() {
      return cascades == 0 ? 0 : (double) causeFirst / cascades;
    }

    @Override
    public String toString() {
      return String.format(
          "pairwise precision %.3f (%d/%d), recall %.3f (%d/%d) over %d units (%d anomaly members"
              + " matched no truth anomaly); planted cause ranked first in %d/%d cascades (%.2f; a change"
              + " ranked above it in %d); %d anomaly rows -> %d situations (%.2f per situation),"
              + " %d reported (%.2f per reported situation)",
          precision(),
          correctPairs,
          predictedPairs,
          recall(),
          correctPairs,
          truePairs,
          matched,
          unmatched,
          causeFirst,
          cascades,
          causeAccuracy(),
          changeAboveCause,
          anomalyRows,
          situations,
          (double) anomalyRows / Math.max(1, situations),
          reported,
          (double) anomalyRows / Math.max(1, reported));
    }
  }

  private final List<Truth> truth = new ArrayList<>();
  private final Map<String, String> group = new HashMap<>();

  private final boolean perEvent;

  GroupingQuality(Path truthDir, boolean cascadesOnly, boolean perEvent) throws IOException {
    this.perEvent = perEvent;
    List<String> lines = Files.readAllLines(truthDir.resolve("anomalies.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      truth.add(
          new Truth(
              f[0],
              f[1],
              f[2],
              f[3],
              Instant.parse(f[4]),
              Instant.parse(f[5]),
              f[6],
              f[7],
              Boolean.parseBoolean(f[8])));
    }
    List<String[]> incidents = new ArrayList<>();
    List<String> inc = Files.readAllLines(truthDir.resolve("incidents.csv"));
    for (String line : inc.subList(1, inc.size())) {
      incidents.add(line.split(",", -1));
    }
    List<String> deg = Files.readAllLines(truthDir.resolve("degradations.csv"));
    Map<String, String> degradationIncident = new HashMap<>();
    for (String line : deg.subList(1, deg.size())) {
      String[] f = line.split(",", -1);
      degradationIncident.put(f[0] + "|" + f[1] + "|" + Instant.parse(f[2]), f[3]);
    }
    for (Truth t : truth) {
      String g = "A:" + t.id();
      String degradationOf =
          degradationIncident.get(t.entity() + "|" + t.metric() + "|" + t.start());
      if (!t.cascade().isEmpty()) {
        g = "C:" + t.cascade();
      } else if (!cascadesOnly && t.kind().equals("degradation") && degradationOf != null) {
        g = "I:" + degradationOf;
      } else if (!cascadesOnly
          && (t.kind().equals("latency_surge") || t.kind().equals("error_burst"))) {
        for (String[] i : incidents) {
          Instant opened = Instant.parse(i[4]);
          if (i[2].equals(t.service())
              && Math.abs(Duration.between(opened, t.start()).toMinutes()) <= 5) {
            g = "I:" + i[0];
          }
        }
      }
      group.put(t.id(), g);
    }
  }

  /** The truth anomaly a detected event matches, or null. */
  Truth match(String entity, String metric, Instant start, Instant end) {
    Truth best = null;
    for (Truth t : truth) {
      if (t.entity().equals(entity)
          && t.metric().equals(metric)
          && !end.isBefore(t.start().minus(Duration.ofMinutes(5)))
          && !start.isAfter(t.end().plus(Duration.ofMinutes(60)))) {
        if (best == null
            || Math.abs(Duration.between(t.start(), start).toSeconds())
                < Math.abs(Duration.between(best.start(), start).toSeconds())) {
          best = t;
        }
      }
    }
    return best;
  }

  /**
   * Scores the situations.
   *
   * @param members rows of situation_members
   * @param situations rows of situations
   */
  Figures score(List<Row> members, List<Row> situations) {
    List<String> sid = new ArrayList<>();
    List<String> tgroup = new ArrayList<>();
    Map<String, String> memberTruth = new HashMap<>();
    Map<String, Instant> firstSeen = new HashMap<>();
    Map<String, Integer> unitOf = new HashMap<>();
    int unmatched = 0;
    int anomalyRows = 0;
    List<Row> sorted = new ArrayList<>(members);
    sorted.sort(
        java.util.Comparator.comparing(
            (Row m) -> (Timestamp) m.getAs(SituationMembersTable.START)));
    for (Row m : sorted) {
      if (!"anomaly".equals(m.getAs(SituationMembersTable.SOURCE))) {
        continue;
      }
      anomalyRows++;
      Truth t =
          match(
              m.getAs(SituationMembersTable.ENTITY),
              m.getAs(SituationMembersTable.METRIC),
              ((Timestamp) m.getAs(SituationMembersTable.START)).toInstant(),
              ((Timestamp) m.getAs(SituationMembersTable.END)).toInstant());
      if (t == null) {
        unmatched++;
        continue;
      }
      memberTruth.put(m.getAs(SituationMembersTable.MEMBER_ID), t.id());
      if (!perEvent && unitOf.containsKey(t.id())) {
        continue;
      }
      unitOf.put(t.id(), sid.size());
      sid.add(m.getAs(SituationMembersTable.SITUATION_ID));
      tgroup.add(group.get(t.id()));
    }
    long truePairs = 0;
    long predicted = 0;
    long correct = 0;
    for (int i = 0; i < sid.size(); i++) {
      for (int j = i + 1; j < sid.size(); j++) {
        boolean p = sid.get(i).equals(sid.get(j));
        boolean t = tgroup.get(i).equals(tgroup.get(j));
        predicted += p ? 1 : 0;
        truePairs += t ? 1 : 0;
        correct += p && t ? 1 : 0;
      }
    }
    // Cause: per cascade, the situation holding most of its members; its first anomaly cause.
    Map<String, Map<String, Integer>> votes = new HashMap<>();
    for (int i = 0; i < sid.size(); i++) {
      if (tgroup.get(i).startsWith("C:")) {
        votes
            .computeIfAbsent(tgroup.get(i), k -> new HashMap<>())
            .merge(sid.get(i), 1, Integer::sum);
      }
    }
    Map<String, Row> byId = new HashMap<>();
    int reported = 0;
    for (Row s : situations) {
      byId.put(s.getAs(SituationsTable.SITUATION_ID), s);
      reported += Boolean.TRUE.equals(s.getAs(SituationsTable.REPORTED)) ? 1 : 0;
    }
    int cascades =
        (int) truth.stream().map(Truth::cascade).filter(c -> !c.isEmpty()).distinct().count();
    int first = 0;
    int changeAbove = 0;
    for (Map.Entry<String, Map<String, Integer>> e : votes.entrySet()) {
      String best =
          e.getValue().entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
      String causeId =
          truth.stream()
              .filter(t -> t.cause() && ("C:" + t.cascade()).equals(e.getKey()))
              .map(Truth::id)
              .findFirst()
              .orElse(null);
      List<Row> causes =
          byId.get(best).getList(byId.get(best).fieldIndex(SituationsTable.PROBABLE_CAUSES));
      boolean sawChange = false;
      for (Row c : causes) {
        String kind = c.getAs("kind");
        if (kind.equals("change")) {
          sawChange = true;
          continue;
        }
        if (causeId != null && causeId.equals(memberTruth.get(c.<String>getAs("ref")))) {
          first++;
          changeAbove += sawChange ? 1 : 0;
        }
        break;
      }
    }
    return new Figures(
        sid.size(),
        unmatched,
        truePairs,
        predicted,
        correct,
        cascades,
        first,
        changeAbove,
        situations.size(),
        reported,
        anomalyRows);
  }
}
