package io.nightshift.models.situations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups signals into situations; a situation is a connected group of linked signals. Two signals
 * are linked when their intervals overlap, allowing {@code toleranceSeconds} between one's end and
 * the other's start, and they are related ({@link Relatedness}); signals of different entities must
 * moreover start at most {@code propagationSeconds} apart (a problem spreads to the services that
 * depend on it within minutes; a long anomaly on one host does not adopt everything related that
 * happens while it lasts). Consecutive signals of one series (entity and metric) are also linked
 * when at most {@code seriesGapSeconds} apart (a level shift alerts when it starts and again when
 * it ends). A sweep over the signals in start order compares each only with the signals still open
 * (not ended more than the tolerance ago), so the cost grows with the number of signals times the
 * number open at once, not with the square of the night's signals.
 */
public final class SituationGrouper {
  private final long toleranceSeconds;
  private final long propagationSeconds;
  private final long seriesGapSeconds;
  private final Relatedness relatedness;

  /**
   * @param toleranceSeconds largest gap between one signal's end and the next one's start that
   *     still counts as overlapping (>= 0)
   * @param relatedness which overlapping signals belong together
   */
  public SituationGrouper(long toleranceSeconds, Relatedness relatedness) {
    this(toleranceSeconds, Long.MAX_VALUE, 0, relatedness);
  }

  /**
   * @param toleranceSeconds see above (>= 0)
   * @param propagationSeconds largest difference of start times of linked signals of different
   *     entities (>= 0)
   * @param seriesGapSeconds largest gap between consecutive signals of one series that links them
   *     (0: only the tolerance)
   * @param relatedness which overlapping signals belong together
   */
  public SituationGrouper(
      long toleranceSeconds,
      long propagationSeconds,
      long seriesGapSeconds,
      Relatedness relatedness) {
    if (toleranceSeconds < 0) {
      throw new IllegalArgumentException("toleranceSeconds must be >= 0, was " + toleranceSeconds);
    }
    if (propagationSeconds < 0 || seriesGapSeconds < 0) {
      throw new IllegalArgumentException(
          "propagationSeconds and seriesGapSeconds must be >= 0, were "
              + propagationSeconds
              + " and "
              + seriesGapSeconds);
    }
    this.toleranceSeconds = toleranceSeconds;
    this.propagationSeconds = propagationSeconds;
    this.seriesGapSeconds = seriesGapSeconds;
    this.relatedness = relatedness;
  }

  /**
   * The situations, each a list of its signals in start order; situations in order of their first
   * signal.
   */
  public List<List<Signal>> group(List<Signal> signals) {
    List<Signal> sorted = new ArrayList<>(signals);
    sorted.sort(Comparator.comparingLong(Signal::start).thenComparing(Signal::id));
    int n = sorted.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    List<Integer> open = new ArrayList<>();
    Map<String, Integer> lastOfSeries = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Signal s = sorted.get(i);
      open.removeIf(j -> sorted.get(j).end() + toleranceSeconds < s.start());
      for (int j : open) {
        if (linked(sorted.get(j), s)) {
          union(parent, i, j);
        }
      }
      String series = s.entity() + "\u0000" + s.metric();
      Integer previous = lastOfSeries.get(series);
      if (previous != null && s.start() - sorted.get(previous).end() <= seriesGapSeconds) {
        union(parent, i, previous);
      }
      if (previous == null || s.end() >= sorted.get(previous).end()) {
        lastOfSeries.put(series, i);
      }
      open.add(i);
    }
    Map<Integer, List<Signal>> groups = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(sorted.get(i));
    }
    return new ArrayList<>(groups.values());
  }

  private boolean linked(Signal earlier, Signal later) {
    if (!relatedness.related(earlier, later)) {
      return false;
    }
    boolean sameEntity = earlier.entity() != null && earlier.entity().equals(later.entity());
    return sameEntity || later.start() - earlier.start() <= propagationSeconds;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
