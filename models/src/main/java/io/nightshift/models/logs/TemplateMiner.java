package io.nightshift.models.logs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain-Java template miner (Brain-style "longest common pattern" with a splitting step).
 *
 * <ol>
 *   <li>Lines (already tokenised and masked) are grouped by token count.
 *   <li>In a group, every (position, token) pair is counted. The constant tokens of one template
 *       all occur exactly as often as the template does, so for each line the token frequency
 *       shared by the most of its positions (ties: the higher frequency) picks its template's
 *       constants; lines with the same such constants form an initial cluster.
 *   <li>A cluster is split on a position whose values are few words without variables ({@code from
 *       NEW to UNASSIGNED} against {@code from RUNNING to FAILED}): at most {@code maxSplitValues}
 *       distinct values, each seen at least {@code minSplitSupport} times.
 *   <li>A cluster's template keeps the tokens all its lines share; where they differ it keeps what
 *       the differing tokens share around the variable part ({@code rhost=<*>}, {@code (<*>)},
 *       {@code <*>.}), else {@code <*>}. Clusters with the same template are one.
 * </ol>
 *
 * Inputs carry a weight, so already-mined templates (from partitions of a large log, or yesterday's
 * dictionary) can be mined again into one template set.
 */
public final class TemplateMiner {
  private static final String VAR = MaskingRule.VARIABLE;

  /** Characters at which a token's shared constant text may end or begin. */
  private static final String BOUNDARY = ":=,;()[]{}\"'|/#@.-";

  private final int maxSplitValues;
  private final long minSplitSupport;

  /**
   * @param maxSplitValues a position with at most this many distinct word values splits a cluster
   *     (0 disables splitting)
   * @param minSplitSupport each of those values must be seen at least this many times
   */
  public TemplateMiner(int maxSplitValues, long minSplitSupport) {
    this.maxSplitValues = maxSplitValues;
    this.minSplitSupport = minSplitSupport;
  }

  /** The result of mining: templates (as token arrays), their weights and each input's template. */
  public record Result(List<String[]> templates, long[] counts, int[] assignment) {}

  /** Mines templates from tokenised lines, each with weight 1. */
  public Result mine(List<String[]> lines) {
    long[] w = new long[lines.size()];
    Arrays.fill(w, 1L);
    return mine(lines, w);
  }

  /** Mines templates from weighted tokenised lines. */
  public Result mine(List<String[]> lines, long[] weights) {
    Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      byLength.computeIfAbsent(lines.get(i).length, k -> new ArrayList<>()).add(i);
    }
    Map<String, Integer> templateIndex = new LinkedHashMap<>();
    List<String[]> templates = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    int[] assignment = new int[lines.size()];
    for (List<Integer> group : byLength.values()) {
      for (List<Integer> cluster : initialClusters(lines, weights, group)) {
        for (List<Integer> leaf : split(lines, weights, cluster)) {
          String[] t = templateOf(lines, leaf);
          String key = String.join(" ", t);
          Integer idx = templateIndex.get(key);
          if (idx == null) {
            idx = templates.size();
            templateIndex.put(key, idx);
            templates.add(t);
            counts.add(0L);
          }
          long sum = 0;
          for (int i : leaf) {
            assignment[i] = idx;
            sum += weights[i];
          }
          counts.set(idx, counts.get(idx) + sum);
        }
      }
    }
    return new Result(templates, counts.stream().mapToLong(Long::longValue).toArray(), assignment);
  }

  private static List<List<Integer>> initialClusters(
      List<String[]> lines, long[] weights, List<Integer> group) {
    int len = lines.get(group.get(0)).length;
    List<Map<String, Long>> freq = new ArrayList<>(len);
    for (int p = 0; p < len; p++) {
      freq.add(new HashMap<>());
    }
    for (int i : group) {
      String[] t = lines.get(i);
      for (int p = 0; p < len; p++) {
        if (!LogPreprocessor.isVariable(t[p])) {
          freq.get(p).merge(t[p], weights[i], Long::sum);
        }
      }
    }
    Map<String, List<Integer>> clusters = new LinkedHashMap<>();
    long[] f = new long[len];
    for (int i : group) {
      String[] t = lines.get(i);
      for (int p = 0; p < len; p++) {
        f[p] = LogPreprocessor.isVariable(t[p]) ? -1 : freq.get(p).get(t[p]);
      }
      long root = rootFrequency(f);
      StringBuilder key = new StringBuilder();
      for (int p = 0; p < len; p++) {
        if (f[p] == root) {
          key.append(p).append('\u0001').append(t[p]).append('\u0002');
        }
      }
      clusters.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(i);
    }
    return new ArrayList<>(clusters.values());
  }

  /** The frequency shared by the most positions; ties go to the higher frequency. */
  static long rootFrequency(long[] f) {
    long best = -1;
    int bestCount = 0;
    for (int a = 0; a < f.length; a++) {
      if (f[a] < 0) {
        continue;
      }
      int c = 0;
      for (long v : f) {
        if (v == f[a]) {
          c++;
        }
      }
      if (c > bestCount || (c == bestCount && f[a] > best)) {
        best = f[a];
        bestCount = c;
      }
    }
    return best;
  }

  private List<List<Integer>> split(List<String[]> lines, long[] weights, List<Integer> cluster) {
    List<List<Integer>> out = new ArrayList<>();
    splitInto(lines, weights, cluster, out);
    return out;
  }

  private void splitInto(
      List<String[]> lines, long[] weights, List<Integer> cluster, List<List<Integer>> out) {
    if (maxSplitValues <= 0 || cluster.size() < 2) {
      out.add(cluster);
      return;
    }
    int len = lines.get(cluster.get(0)).length;
    int bestPos = -1;
    int bestValues = Integer.MAX_VALUE;
    for (int p = 0; p < len; p++) {
      Map<String, Long> values = new HashMap<>();
      boolean eligible = true;
      for (int i : cluster) {
        String tok = lines.get(i)[p];
        if (tok.contains(VAR)) {
          eligible = false;
          break;
        }
        values.merge(tok, weights[i], Long::sum);
        if (values.size() > maxSplitValues) {
          eligible = false;
          break;
        }
      }
      if (!eligible || values.size() < 2 || values.size() >= bestValues) {
        continue;
      }
      boolean supported = values.values().stream().allMatch(c -> c >= minSplitSupport);
      if (supported) {
        bestPos = p;
        bestValues = values.size();
      }
    }
    if (bestPos < 0) {
      out.add(cluster);
      return;
    }
    Map<String, List<Integer>> parts = new LinkedHashMap<>();
    for (int i : cluster) {
      parts.computeIfAbsent(lines.get(i)[bestPos], k -> new ArrayList<>()).add(i);
    }
    for (List<Integer> part : parts.values()) {
      splitInto(lines, weights, part, out);
    }
  }

  private static String[] templateOf(List<String[]> lines, List<Integer> cluster) {
    String[] t = lines.get(cluster.get(0)).clone();
    for (int i : cluster) {
      String[] o = lines.get(i);
      for (int p = 0; p < t.length; p++) {
        if (!t[p].equals(o[p])) {
          t[p] = commonShape(t[p], o[p]);
        }
      }
    }
    return t;
  }

  /**
   * What two different tokens at one position share: the constant text before and after the part
   * that differs, cut at delimiters, around one {@code <*>} ({@code rhost=a.example.org} and {@code
   * rhost=localhost} share {@code rhost=<*>}, {@code (root)} and {@code (news)} share {@code
   * (<*>)}, {@code alice.} and {@code bob.} share {@code <*>.}); {@code <*>} when they share
   * nothing.
   */
  static String commonShape(String a, String b) {
    if (LogPreprocessor.isVariable(a) || LogPreprocessor.isVariable(b)) {
      return VAR;
    }
    int max = Math.min(a.length(), b.length());
    int pre = 0;
    while (pre < max && a.charAt(pre) == b.charAt(pre)) {
      pre++;
    }
    while (pre > 0 && BOUNDARY.indexOf(a.charAt(pre - 1)) < 0) {
      pre--;
    }
    int suf = 0;
    while (suf < max - pre && a.charAt(a.length() - 1 - suf) == b.charAt(b.length() - 1 - suf)) {
      suf++;
    }
    while (suf > 0 && BOUNDARY.indexOf(a.charAt(a.length() - suf)) < 0) {
      suf--;
    }
    if (pre == 0 && suf == 0) {
      return VAR;
    }
    String shape = a.substring(0, pre) + VAR + a.substring(a.length() - suf);
    return shape.contains(VAR + VAR) ? shape.replace(VAR + VAR, VAR) : shape;
  }
}
