package io.nightshift.jobs.eval.logs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Grouping accuracy (GA) as defined by Loghub: the fraction of lines whose predicted group is, as a
 * set of lines, exactly the line's true group.
 */
public final class GroupingAccuracy {
  private GroupingAccuracy() {}

  /** GA of predicted group labels against true labels (same order, same length). */
  public static double of(List<String> predicted, List<String> truth) {
    if (predicted.size() != truth.size()) {
      throw new IllegalArgumentException(
          "predicted has " + predicted.size() + " lines, truth has " + truth.size());
    }
    if (predicted.isEmpty()) {
      return 1.0;
    }
    Map<String, Integer> predSize = new HashMap<>();
    Map<String, Integer> truthSize = new HashMap<>();
    Map<String, String> predToTruth = new HashMap<>();
    Map<String, Boolean> pure = new HashMap<>();
    for (int i = 0; i < predicted.size(); i++) {
      String p = predicted.get(i);
      String t = truth.get(i);
      predSize.merge(p, 1, Integer::sum);
      truthSize.merge(t, 1, Integer::sum);
      String seen = predToTruth.putIfAbsent(p, t);
      if (seen != null && !seen.equals(t)) {
        pure.put(p, false);
      }
    }
    long correct = 0;
    for (Map.Entry<String, Integer> e : predSize.entrySet()) {
      String p = e.getKey();
      if (pure.getOrDefault(p, true) && truthSize.get(predToTruth.get(p)).equals(e.getValue())) {
        correct += e.getValue();
      }
    }
    return (double) correct / predicted.size();
  }
}
