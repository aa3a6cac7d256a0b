package io.nightshift.jobs.stages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An independent, plain-Java computation of the family figures defined in docs/incidents.md
 * (impact, MTTR and MTTD mean/p50/p90, counts, trend) and of the ranking, written without Spark to
 * check the Spark stage against.
 */
final class ReferenceFamilyFigures {
  private ReferenceFamilyFigures() {}

  /** One incident as an ITSM log has it. */
  record Incident(
      String id,
      String familyId,
      String severity,
      Instant opened,
      Instant detected,
      Instant resolved) {}

  /** The figures of one family. */
  record Figures(
      String familyId,
      long count,
      long firstHalf,
      long secondHalf,
      double impact,
      Double mttrMean,
      Double mttrP50,
      Double mttrP90,
      Double mttdMean,
      Double mttdP50,
      Double mttdP90) {
    long trend() {
      return secondHalf - firstHalf;
    }
  }

  /** Figures of every family with at least minSize incidents, in rank order. */
  static List<Figures> rank(
      List<Incident> incidents,
      Instant windowStart,
      Instant windowEnd,
      Map<String, Double> weights,
      double defaultWeight,
      int minSize) {
    Map<String, List<Incident>> byFamily = new TreeMap<>();
    for (Incident i : incidents) {
      byFamily.computeIfAbsent(i.familyId(), k -> new ArrayList<>()).add(i);
    }
    long startSec = windowStart.getEpochSecond();
    long endSec = windowEnd.getEpochSecond();
    long midSec = startSec + (endSec - startSec) / 2;
    List<Figures> out = new ArrayList<>();
    for (Map.Entry<String, List<Incident>> e : byFamily.entrySet()) {
      List<Incident> fam = e.getValue();
      if (fam.size() < minSize) {
        continue;
      }
      long first = 0;
      double impact = 0;
      List<Double> ttr = new ArrayList<>();
      List<Double> ttd = new ArrayList<>();
      for (Incident i : fam) {
        long opened = i.opened().getEpochSecond();
        if (opened < midSec) {
          first++;
        }
        long until =
            i.resolved() == null ? endSec : Math.min(i.resolved().getEpochSecond(), endSec);
        long openSeconds = Math.max(0, until - opened);
        impact += weights.getOrDefault(i.severity(), defaultWeight) * (openSeconds / 60.0);
        if (i.resolved() != null && i.resolved().getEpochSecond() >= opened) {
          ttr.add((i.resolved().getEpochSecond() - opened) / 60.0);
        }
        if (i.detected() != null && i.detected().getEpochSecond() >= opened) {
          ttd.add((i.detected().getEpochSecond() - opened) / 60.0);
        }
      }
      out.add(
          new Figures(
              e.getKey(),
              fam.size(),
              first,
              fam.size() - first,
              impact,
              mean(ttr),
              percentile(ttr, 0.5),
              percentile(ttr, 0.9),
              mean(ttd),
              percentile(ttd, 0.5),
              percentile(ttd, 0.9)));
    }
    out.sort(
        Comparator.comparingDouble((Figures f) -> -f.impact())
            .thenComparingLong(f -> -f.trend())
            .thenComparingLong(f -> -f.count())
            .thenComparing(Figures::familyId));
    return out;
  }

  static Double mean(List<Double> v) {
    if (v.isEmpty()) {
      return null;
    }
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.size();
  }

  /** Linear interpolation between closest ranks: position p x (n - 1) in the sorted values. */
  static Double percentile(List<Double> v, double p) {
    if (v.isEmpty()) {
      return null;
    }
    List<Double> s = new ArrayList<>(v);
    s.sort(null);
    double pos = p * (s.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, s.size() - 1);
    return s.get(lo) + (pos - lo) * (s.get(hi) - s.get(lo));
  }
}
