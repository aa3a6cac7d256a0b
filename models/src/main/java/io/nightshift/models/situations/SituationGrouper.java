package io.nightshift.models.situations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups signals into situations: two signals are linked when their intervals overlap, allowing
 * {@code toleranceSeconds} between one's end and the other's start, and they are related ({@link
 * Relatedness}); a situation is a connected group of linked signals. A sweep over the signals in
 * start order compares each only with the signals still open (not ended more than the tolerance
 * ago), so the cost grows with the number of signals times the number open at once, not with the
 * square of the night's signals.
 */
public final class SituationGrouper {
  private final long toleranceSeconds;
  private final Relatedness relatedness;

  /**
   * @param toleranceSeconds largest gap between one signal's end and the next one's start that
   *     still counts as overlapping (>= 0)
   * @param relatedness which overlapping signals belong together
   */
  public SituationGrouper(long toleranceSeconds, Relatedness relatedness) {
    if (toleranceSeconds < 0) {
      throw new IllegalArgumentException("toleranceSeconds must be >= 0, was " + toleranceSeconds);
    }
    this.toleranceSeconds = toleranceSeconds;
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
    for (int i = 0; i < n; i++) {
      Signal s = sorted.get(i);
      open.removeIf(j -> sorted.get(j).end() + toleranceSeconds < s.start());
      for (int j : open) {
        if (relatedness.related(sorted.get(j), s)) {
          union(parent, i, j);
        }
      }
      open.add(i);
    }
    Map<Integer, List<Signal>> groups = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(sorted.get(i));
    }
    return new ArrayList<>(groups.values());
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
