package io.nightshift.models.logs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one log message into the token sequence the miner works on.
 *
 * <ol>
 *   <li>Masking rules that are not built-in token rules (custom regexes, opt-in rules) replace
 *       their matches by {@code <*>} over the whole message.
 *   <li>The message is split on whitespace. In each token, URLs, MAC addresses and paths become
 *       {@code <*>}; then every part between delimiters ({@code : = , ; ( ) [ ] { } " ' | / # @})
 *       that is a number, IP, UUID, hex string, date or number-with-unit becomes {@code <*>}, and
 *       so does (optionally) any part that starts with a digit, holds two digits, or a digit after
 *       a non-letter ({@code blk_-123}, {@code broadcast_0}; not {@code SOCKS5}). Variables
 *       separated only by delimiters collapse into one ({@code <*>:<*>} is {@code <*>}).
 *   <li>A size or time unit after a variable ({@code 10 KB}, {@code 3 sec}) joins it into one token
 *       by a no-break space ({@link #UNIT_JOINER}): the template reads {@code <*> KB} where every
 *       line has that unit and {@code <*>} where units differ, and lines with and without a unit
 *       keep the same token count. A bracketed restatement right after the unit ({@code 1190 bytes
 *       (1.16 KB)}) is dropped; (optionally) a token of variables only right after a variable token
 *       is absorbed by it, so a list of ids of any length is one variable. Dots that end a token
 *       after a variable stay ({@code port 22.} is {@code port <*>.}).
 *   <li>With the {@code datetime} rule, month and weekday names next to a variable are part of a
 *       date and become variables ({@code at Sun Jul 10 02:48:42 2005} is {@code at <*>}).
 * </ol>
 *
 * The built-in rules run as a hand-written scanner (no regex) so assignment stays fast.
 * Serializable and immutable: the same instance is broadcast to the executors.
 */
public final class LogPreprocessor implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String VAR = MaskingRule.VARIABLE;
  private static final String DELIMITERS = ":=,;()[]{}\"'|/#@";

  /**
   * Joins a unit to its variable inside one token ({@code <*> KB}): a no-break space, so the
   * template reads as written and still splits into tokens on plain spaces.
   */
  public static final char UNIT_JOINER = '\u00a0';

  private static final int NO_UNIT = 0;
  private static final int AFTER_UNIT = 1;
  private static final int IN_PARENTHESES = 2;

  private final List<MaskingRule> rules;
  private final boolean maskDigitParts;
  private final boolean collapseVariables;
  private final boolean url;
  private final boolean uuid;
  private final boolean ip;
  private final boolean mac;
  private final boolean hex;
  private final boolean path;
  private final boolean size;
  private final boolean duration;
  private final boolean datetime;
  private final boolean number;
  private final List<MaskingRule> regexRules;
  private transient Pattern[] patterns;

  /**
   * @param rules the masking rules, applied in order
   * @param maskDigitParts whether a token part holding digits as described above is a variable
   * @param collapseVariables whether variable-only tokens right after a variable token collapse
   */
  public LogPreprocessor(
      List<MaskingRule> rules, boolean maskDigitParts, boolean collapseVariables) {
    this.rules = List.copyOf(rules);
    this.maskDigitParts = maskDigitParts;
    this.collapseVariables = collapseVariables;
    Set<String> on = new java.util.HashSet<>();
    List<MaskingRule> rx = new ArrayList<>();
    for (MaskingRule r : rules) {
      if (r.tokenLevel()) {
        on.add(r.name());
      } else {
        rx.add(r);
      }
    }
    this.regexRules = List.copyOf(rx);
    url = on.contains("url");
    uuid = on.contains("uuid");
    ip = on.contains("ip");
    mac = on.contains("mac");
    hex = on.contains("hex");
    path = on.contains("path");
    size = on.contains("size");
    duration = on.contains("duration");
    datetime = on.contains("datetime");
    number = on.contains("number");
  }

  /** The default configuration: every default rule, digit parts masked, variables collapsed. */
  public static LogPreprocessor defaults() {
    return MinerSettings.defaults().preprocessor();
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

  /** The settings other than the rules, as text (for keys of state kept between runs). */
  public String flags() {
    return "maskDigitParts=" + maskDigitParts + ",collapseVariables=" + collapseVariables;
  }

  /** The message's tokens after masking; never null, empty for a blank message. */
  public String[] tokens(String message) {
    String s = applyRegexRules(message == null ? "" : message);
    List<String> out = new ArrayList<>();
    int unit = NO_UNIT;
    int n = s.length();
    int i = 0;
    while (i < n) {
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        continue;
      }
      String last = out.isEmpty() ? null : out.get(out.size() - 1);
      // A unit matters only inside a restatement or after a variable: test those cases first, so
      // the common token costs no substring and set lookup.
      boolean unitMatters = unit == IN_PARENTHESES || (last != null && last.endsWith(VAR));
      if ((size || duration) && unitMatters && isUnitToken(s, start, i)) {
        if (unit == IN_PARENTHESES) {
          unit = NO_UNIT;
          continue;
        }
        if (last != null && last.endsWith(VAR)) {
          out.set(out.size() - 1, last + UNIT_JOINER + s.substring(start, i));
          unit = AFTER_UNIT;
          continue;
        }
      }
      String tok = maskToken(s, start, i);
      if (unit == AFTER_UNIT && tok.startsWith("(") && isVariableOnly(tok)) {
        unit = IN_PARENTHESES;
        continue;
      }
      unit = NO_UNIT;
      if (collapseVariables && last != null && isVariableOnly(last) && isVariableOnly(tok)) {
        out.set(out.size() - 1, last + UNIT_JOINER + tok);
        continue;
      }
      out.add(tok);
    }
    if (datetime) {
      maskCalendarWords(out);
    }
    return out.toArray(new String[0]);
  }

  /**
   * Month and weekday names ({@code Jul}, {@code Sunday}) in a run of such names next to a variable
   * are part of a date ({@code Sun Jul 10 02:48:42 2005}, {@code Jul 10}): the run of variables
   * holding them becomes one {@code <*>} (one date, not a list).
   */
  private static void maskCalendarWords(List<String> out) {
    if (!anyCalendarWord(out)) {
      return;
    }
    boolean[] date = new boolean[out.size()];
    boolean any = false;
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int k = 0; k < out.size(); k++) {
        if (date[k] || !TokenShapes.isCalendarWord(out.get(k))) {
          continue;
        }
        boolean before = k > 0 && (date[k - 1] || isVariableOnly(out.get(k - 1)));
        boolean after = k + 1 < out.size() && (date[k + 1] || isVariableOnly(out.get(k + 1)));
        if (before || after) {
          date[k] = true;
          changed = true;
          any = true;
        }
      }
    }
    if (!any) {
      return;
    }
    List<String> merged = new ArrayList<>(out.size());
    int k = 0;
    while (k < out.size()) {
      if (!date[k] && !isVariableOnly(out.get(k))) {
        merged.add(out.get(k++));
        continue;
      }
      int end = k;
      boolean holdsDate = false;
      while (end < out.size() && (date[end] || isVariableOnly(out.get(end)))) {
        holdsDate |= date[end];
        end++;
      }
      if (holdsDate) {
        merged.add(VAR);
      } else {
        merged.addAll(out.subList(k, end));
      }
      k = end;
    }
    out.clear();
    out.addAll(merged);
  }

  private static boolean anyCalendarWord(List<String> out) {
    for (String t : out) {
      if (TokenShapes.isCalendarWord(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A variable list: variable-only tokens joined into one by collapsing ({@code <*>, <*>}). It
   * mines and matches as one {@code <*>} (lists of any length are one variable); only a template
   * whose lines all hold the same list shows it as written.
   */
  static boolean isVariableList(String tok) {
    return tok.startsWith(VAR) && tok.indexOf(UNIT_JOINER) > 0 && isVariableOnly(tok);
  }

  /** {@code <*>} or a variable list. */
  static boolean isVariable(String tok) {
    return VAR.equals(tok) || isVariableList(tok);
  }

  private String applyRegexRules(String message) {
    if (regexRules.isEmpty()) {
      return message;
    }
    Pattern[] ps = patterns();
    String s = message;
    for (int k = 0; k < ps.length; k++) {
      if (!mayMatch(s, regexRules.get(k).precheck())) {
        continue;
      }
      Matcher m = ps[k].matcher(s);
      if (m.find()) {
        s = m.replaceAll(VAR);
      }
    }
    return s;
  }

  /** Masks one whitespace-delimited token {@code s[from, to)}. */
  private String maskToken(String s, int from, int to) {
    CharSequence t = s.subSequence(from, to);
    if (mac && TokenShapes.isMac(t, 0, t.length())) {
      return VAR;
    }
    if (url) {
      t = maskUrl(t);
    }
    if (path) {
      t = maskPaths(t);
    }
    return maskParts(t);
  }

  private static CharSequence maskUrl(CharSequence t) {
    String s = t.toString();
    int k = s.indexOf("://");
    if (k <= 0) {
      return t;
    }
    int b = k;
    while (b > 0
        && (Character.isLetterOrDigit(s.charAt(b - 1)) || "+.-".indexOf(s.charAt(b - 1)) >= 0)) {
      b--;
    }
    if (b == k || !Character.isLetter(s.charAt(b))) {
      return t;
    }
    int e = s.length();
    while (e > k + 3 && "\"')],;".indexOf(s.charAt(e - 1)) >= 0) {
      e--;
    }
    return s.substring(0, b) + VAR + s.substring(e);
  }

  private static CharSequence maskPaths(CharSequence t) {
    StringBuilder b = null;
    int n = t.length();
    int copied = 0;
    for (int i = 0; i < n; i++) {
      char c = t.charAt(i);
      boolean winDrive =
          c == ':' && i == 1 && Character.isLetter(t.charAt(0)) && n > 2 && t.charAt(2) == '\\';
      if (winDrive) {
        return VAR;
      }
      if (c != '/'
          || i + 1 >= n
          || !TokenShapes.isPathChar(t.charAt(i + 1))
          || t.charAt(i + 1) == '/') {
        continue;
      }
      if (i > 0) {
        char p = t.charAt(i - 1);
        if (TokenShapes.isWordChar(p) || p == '/' || p == '.' || p == ':') {
          continue;
        }
      }
      int j = i + 1;
      while (j < n && TokenShapes.isPathChar(t.charAt(j))) {
        j++;
      }
      if (b == null) {
        b = new StringBuilder(n);
      }
      b.append(t, copied, i).append(VAR);
      copied = j;
      i = j - 1;
    }
    if (b == null) {
      return t;
    }
    return b.append(t, copied, n);
  }

  /** Masks variable parts of a token and merges variables separated only by delimiters. */
  private String maskParts(CharSequence s) {
    int to = s.length();
    StringBuilder b = new StringBuilder(to);
    boolean lastWasVar = false;
    int pendingDelims = -1;
    int i = 0;
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
        if (TokenShapes.isDigit(d)) {
          digits++;
          looseDigit |= i == start || !Character.isLetter(s.charAt(i - 1));
        } else if (d == '<' && i + 2 < to && s.charAt(i + 1) == '*' && s.charAt(i + 2) == '>') {
          var = true;
        }
        i++;
      }
      int end = i;
      if (i == to) {
        while (end > start + 1 && s.charAt(end - 1) == '.') {
          end--;
        }
      }
      boolean isVar =
          var
              || (digits > 0
                  && (maskDigitParts && (digits >= 2 || looseDigit) || shaped(s, start, end)));
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
        if (end < i) {
          b.append(s, end, i);
          lastWasVar = false;
        }
      } else {
        b.append(s, start, i);
        lastWasVar = false;
        pendingDelims = -1;
      }
    }
    return b.toString();
  }

  /** Whether a digit-holding part has the shape of an enabled rule. */
  private boolean shaped(CharSequence s, int from, int to) {
    return (number && TokenShapes.isNumber(s, from, to))
        || (ip && TokenShapes.isIpv4(s, from, to))
        || (uuid && TokenShapes.containsUuid(s, from, to))
        || (hex && TokenShapes.isHex(s, from, to))
        || (datetime && TokenShapes.isDate(s, from, to))
        || ((size || duration) && TokenShapes.isNumberWithUnit(s, from, to, size, duration));
  }

  private boolean isUnitToken(String s, int from, int to) {
    int a = from;
    int e = to;
    while (a < e && "([".indexOf(s.charAt(a)) >= 0) {
      a++;
    }
    while (e > a && ")],;.:".indexOf(s.charAt(e - 1)) >= 0) {
      e--;
    }
    return a < e && TokenShapes.isUnit(s.substring(a, e), size, duration);
  }

  /** A token made of variables and delimiters only, e.g. {@code <*>}, {@code (<*>)}. */
  static boolean isVariableOnly(String tok) {
    boolean any = false;
    int i = 0;
    while (i < tok.length()) {
      if (tok.startsWith(VAR, i)) {
        any = true;
        i += VAR.length();
      } else if (DELIMITERS.indexOf(tok.charAt(i)) >= 0 || tok.charAt(i) == UNIT_JOINER) {
        i++;
      } else {
        return false;
      }
    }
    return any;
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
      ps = new Pattern[regexRules.size()];
      for (int i = 0; i < ps.length; i++) {
        ps[i] = regexRules.get(i).pattern();
      }
      patterns = ps;
    }
    return ps;
  }
}
