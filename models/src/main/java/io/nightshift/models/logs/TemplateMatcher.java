package io.nightshift.models.logs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns a tokenised line to the most specific template that matches it: same token count, every
 * constant token equal ({@code <*>} matches anything, and a token with {@code <*>} inside, such as
 * {@code rhost=<*>} or {@code (<*>)}, matches any token with that text around it; a variable list
 * matches any variable-only token); among several, the one with the most constants, then the
 * lexicographically smallest (so the order of the list does not matter). Templates are indexed by
 * token count and first constant token, so a lookup touches only a few candidates. Serializable, to
 * be broadcast to the executors.
 */
public final class TemplateMatcher implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String VAR = MaskingRule.VARIABLE;

  private final List<String[]> templates;
  private final int[] constants;

  /** Per template, per position: whether the token is a pattern with {@code <*>} inside. */
  private final boolean[][] shaped;

  /** Per token count: templates by first constant token (no string built per lookup). */
  private final Map<Integer, Map<String, int[]>> byFirst = new HashMap<>();

  /** Per token count: templates that start with a variable or a pattern with {@code <*>}. */
  private final Map<Integer, int[]> byVariableFirst = new HashMap<>();

  /** Builds the index over these templates (index in the list = template number). */
  public TemplateMatcher(List<String[]> templates) {
    this.templates = new ArrayList<>(templates.size());
    for (String[] t : templates) {
      this.templates.add(t.clone());
    }
    this.constants = new int[templates.size()];
    this.shaped = new boolean[templates.size()][];
    Map<Integer, Map<String, List<Integer>>> idx = new HashMap<>();
    for (int t = 0; t < templates.size(); t++) {
      String[] tok = this.templates.get(t);
      int c = 0;
      shaped[t] = new boolean[tok.length];
      for (int p = 0; p < tok.length; p++) {
        String s = tok[p];
        if (LogPreprocessor.isVariable(s)) {
          tok[p] = VAR;
        } else {
          c++;
          shaped[t][p] = s.contains(VAR);
        }
      }
      constants[t] = c;
      String first =
          tok.length == 0 ? "" : shaped[t][0] || LogPreprocessor.isVariable(tok[0]) ? VAR : tok[0];
      idx.computeIfAbsent(tok.length, k -> new HashMap<>())
          .computeIfAbsent(first, k -> new ArrayList<>())
          .add(t);
    }
    idx.forEach(
        (len, firsts) ->
            firsts.forEach(
                (first, list) -> {
                  int[] ts = list.stream().mapToInt(Integer::intValue).toArray();
                  if (VAR.equals(first)) {
                    byVariableFirst.put(len, ts);
                  } else {
                    byFirst.computeIfAbsent(len, k -> new HashMap<>()).put(first, ts);
                  }
                }));
  }

  /** The number of the best matching template, or -1 when none matches. */
  public int match(String[] tokens) {
    int best = -1;
    Map<String, int[]> firsts = byFirst.get(tokens.length);
    if (tokens.length > 0 && firsts != null) {
      best = scan(firsts.get(tokens[0]), tokens, best);
    }
    return scan(byVariableFirst.get(tokens.length), tokens, best);
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
      if (matches(templates.get(t), shaped[t], tokens)) {
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

  private static boolean matches(String[] template, boolean[] shaped, String[] tokens) {
    for (int p = 0; p < template.length; p++) {
      String s = template[p];
      if (s == VAR || s.equals(tokens[p])) {
        continue;
      }
      if (!shaped[p] || !fits(s, tokens[p])) {
        return false;
      }
    }
    return true;
  }

  /** Whether a token fits a pattern whose every {@code <*>} stands for any text. */
  static boolean fits(String pattern, String token) {
    int star = pattern.indexOf(VAR);
    String head = pattern.substring(0, star);
    if (!token.startsWith(head)) {
      return false;
    }
    String rest = pattern.substring(star + VAR.length());
    int next = rest.indexOf(VAR);
    if (next < 0) {
      return token.length() >= head.length() + rest.length() && token.endsWith(rest);
    }
    String literal = rest.substring(0, next);
    for (int from = head.length(); from <= token.length(); from++) {
      int k = token.indexOf(literal, from);
      if (k < 0) {
        return false;
      }
      if (fits(VAR + rest.substring(next + VAR.length()), token.substring(k + literal.length()))) {
        return true;
      }
      from = k;
    }
    return false;
  }
}
