package io.nightshift.models.logs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one log message into the token sequence the miner works on: first the enabled {@link
 * MaskingRule}s replace variables by {@code <*>}; then the message is split on whitespace; then,
 * inside each token, every part (between delimiters such as {@code : = , ( ) [ ] / #}) that holds a
 * digit becomes {@code <*>} (optional), and variables separated only by delimiters collapse into
 * one ({@code <*>:<*>} is {@code <*>}); finally runs of variable tokens may collapse into one, so a
 * list of ids of any length is one variable.
 *
 * <p>Serializable and immutable: the same instance is used when fitting and, broadcast, when
 * assigning templates on the executors.
 */
public final class LogPreprocessor implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String VAR = MaskingRule.VARIABLE;
  private static final String DELIMITERS = ":=,;()[]{}\"'|/#@";

  private final List<MaskingRule> rules;
  private final boolean maskDigitParts;
  private final boolean collapseVariables;
  private transient Pattern[] patterns;

  /**
   * @param rules the masking rules, applied in order
   * @param maskDigitParts whether a token part holding a digit is a variable
   * @param collapseVariables whether adjacent variable tokens collapse into one
   */
  public LogPreprocessor(
      List<MaskingRule> rules, boolean maskDigitParts, boolean collapseVariables) {
    this.rules = List.copyOf(rules);
    this.maskDigitParts = maskDigitParts;
    this.collapseVariables = collapseVariables;
  }

  /** The default configuration: every default rule, digit parts masked, variables collapsed. */
  public static LogPreprocessor defaults() {
    return new LogPreprocessor(rulesNamed(MaskingRule.DEFAULT_RULES), true, true);
  }

  /** Resolves built-in rule names. */
  public static List<MaskingRule> rulesNamed(List<String> names) {
    List<MaskingRule> out = new ArrayList<>();
    for (String n : names) {
      out.add(MaskingRule.builtIn(n));
    }
    return out;
  }

  public List<MaskingRule> rules() {
    return rules;
  }

  public boolean maskDigitParts() {
    return maskDigitParts;
  }

  public boolean collapseVariables() {
    return collapseVariables;
  }

  /** Applies the masking rules to the whole message. */
  public String mask(String message) {
    Pattern[] ps = patterns();
    String s = message;
    for (int i = 0; i < ps.length; i++) {
      if (!mayMatch(s, rules.get(i).precheck())) {
        continue;
      }
      Matcher m = ps[i].matcher(s);
      if (m.find()) {
        s = m.replaceAll(VAR);
      }
    }
    return s;
  }

  /** The message's tokens after masking; never null, empty for a blank message. */
  public String[] tokens(String message) {
    String masked = mask(message == null ? "" : message);
    List<String> out = new ArrayList<>();
    int n = masked.length();
    int i = 0;
    while (i < n) {
      while (i < n && Character.isWhitespace(masked.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(masked.charAt(i))) {
        i++;
      }
      if (i > start) {
        String tok = maskParts(masked, start, i);
        if (collapseVariables
            && VAR.equals(tok)
            && !out.isEmpty()
            && VAR.equals(out.get(out.size() - 1))) {
          continue;
        }
        out.add(tok);
      }
    }
    return out.toArray(new String[0]);
  }

  /**
   * Masks the digit-holding parts of one token and merges variables separated only by delimiters.
   */
  private String maskParts(String s, int from, int to) {
    StringBuilder b = new StringBuilder(to - from);
    boolean lastWasVar = false;
    int pendingDelims = -1; // start in b of delimiters after the last variable
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (DELIMITERS.indexOf(c) >= 0) {
        if (lastWasVar && pendingDelims < 0) {
          pendingDelims = b.length();
        }
        b.append(c);
        i++;
        continue;
      }
      int start = i;
      int digits = 0;
      boolean looseDigit = false;
      boolean var = false;
      while (i < to && DELIMITERS.indexOf(s.charAt(i)) < 0) {
        char d = s.charAt(i);
        if (d >= '0' && d <= '9') {
          digits++;
          looseDigit |= i == start || !Character.isLetter(s.charAt(i - 1));
        } else if (d == '<' && s.startsWith(VAR, i)) {
          var = true;
        }
        i++;
      }
      boolean isVar = var || (maskDigitParts && (digits >= 2 || looseDigit));
      if (isVar) {
        if (lastWasVar) {
          if (pendingDelims >= 0) {
            b.setLength(pendingDelims);
          }
        } else {
          b.append(VAR);
        }
        lastWasVar = true;
        pendingDelims = -1;
      } else {
        b.append(s, start, i);
        lastWasVar = false;
        pendingDelims = -1;
      }
    }
    return b.toString();
  }

  private static boolean mayMatch(String s, String precheck) {
    if (precheck.isEmpty()) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      if (precheck.indexOf(s.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private Pattern[] patterns() {
    Pattern[] ps = patterns;
    if (ps == null) {
      ps = new Pattern[rules.size()];
      for (int i = 0; i < ps.length; i++) {
        ps[i] = rules.get(i).pattern();
      }
      patterns = ps;
    }
    return ps;
  }
}
