package io.nightshift.models.logs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns a tokenised line to the most specific template that matches it: same token count, every
 * constant token equal ({@code <*>} matches anything); among several, the one with the most
 * constants, then the lexicographically smallest (so the order of the list does not matter).
 * Templates are indexed by token count and first constant token, so a lookup touches only a few
 * candidates. Serializable, to be broadcast to the executors.
 */
public final class TemplateMatcher implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String VAR = MaskingRule.VARIABLE;

  private final List<String[]> templates;
  private final int[] constants;

  /** Key: length + '\u0001' + first token (or VAR when the template starts with a variable). */
  private final Map<String, int[]> index = new HashMap<>();

  /** Builds the index over these templates (index in the list = template number). */
  public TemplateMatcher(List<String[]> templates) {
    this.templates = new ArrayList<>(templates);
    this.constants = new int[templates.size()];
    Map<String, List<Integer>> idx = new HashMap<>();
    for (int t = 0; t < templates.size(); t++) {
      String[] tok = templates.get(t);
      int c = 0;
      for (String s : tok) {
        if (!VAR.equals(s)) {
          c++;
        }
      }
      constants[t] = c;
      String first = tok.length == 0 ? "" : tok[0];
      idx.computeIfAbsent(key(tok.length, first), k -> new ArrayList<>()).add(t);
    }
    idx.forEach((k, v) -> index.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** The number of the best matching template, or -1 when none matches. */
  public int match(String[] tokens) {
    int best = -1;
    if (tokens.length > 0) {
      best = scan(index.get(key(tokens.length, tokens[0])), tokens, best);
    }
    return scan(index.get(key(tokens.length, VAR)), tokens, best);
  }

  /** The templates, in the order given. */
  public List<String[]> templates() {
    return templates;
  }

  private int scan(int[] candidates, String[] tokens, int best) {
    if (candidates == null) {
      return best;
    }
    for (int t : candidates) {
      if (best >= 0
          && (constants[t] < constants[best]
              || (constants[t] == constants[best] && !before(t, best)))) {
        continue;
      }
      if (matches(templates.get(t), tokens)) {
        best = t;
      }
    }
    return best;
  }

  /** Tie-break independent of list order: the lexicographically smaller template wins. */
  private boolean before(int a, int b) {
    String[] x = templates.get(a);
    String[] y = templates.get(b);
    for (int i = 0; i < x.length; i++) {
      int c = x[i].compareTo(y[i]);
      if (c != 0) {
        return c < 0;
      }
    }
    return false;
  }

  private static boolean matches(String[] template, String[] tokens) {
    for (int p = 0; p < template.length; p++) {
      String s = template[p];
      if (s != VAR && !VAR.equals(s) && !s.equals(tokens[p])) {
        return false;
      }
    }
    return true;
  }

  private static String key(int length, String first) {
    return length + "\u0001" + first;
  }
}
