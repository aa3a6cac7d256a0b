package io.nightshift.jobs.eval.logs;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Parsing accuracy (PA): the fraction of lines whose predicted template text is exactly the true
 * template, after both are put in one canonical form (the template corrections of Khan et al.,
 * "Guidelines for assessing the accuracy of log message template identification techniques", ICSE
 * 2022, that Loghub-2.0 and LILAC apply before comparing templates):
 *
 * <ul>
 *   <li>runs of whitespace are one space, the ends trimmed;
 *   <li>a path ({@code /a/b}) between delimiters is a variable;
 *   <li>a word of digits only is a variable, and so is a word holding a variable ({@code blk_<*>},
 *       {@code <*>ms}), words being split on {@code , ; : = | " ' [ ] ( ) { } . - + @ # $ % & !}
 *       and whitespace;
 *   <li>variables that touch or are separated only by the characters {@code . : / @ # -} are one
 *       variable.
 * </ul>
 *
 * Two templates that differ only in how finely a variable was cut therefore match; a constant word
 * taken for a variable (or the other way round) does not.
 */
public final class ParsingAccuracy {
  private static final String VAR = "<*>";
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final String PATH_DELIMITERS = " ,!;:=|\"'[](){}";
  private static final String WORD_DELIMITERS = PATH_DELIMITERS + ".-+@#$%&";
  private static final Pattern MERGE = Pattern.compile("<\\*>(?:[.:/@#-]*<\\*>)+");

  private ParsingAccuracy() {}

  /** PA of predicted templates against true templates (same order, same length). */
  public static double of(List<String> predicted, List<String> truth) {
    if (predicted.size() != truth.size()) {
      throw new IllegalArgumentException(
          "predicted has " + predicted.size() + " lines, truth has " + truth.size());
    }
    if (predicted.isEmpty()) {
      return 1.0;
    }
    java.util.Map<String, String> cache = new java.util.HashMap<>();
    long correct = 0;
    for (int i = 0; i < predicted.size(); i++) {
      String p = cache.computeIfAbsent(predicted.get(i), ParsingAccuracy::canonical);
      String t = cache.computeIfAbsent(truth.get(i), ParsingAccuracy::canonical);
      if (p.equals(t)) {
        correct++;
      }
    }
    return (double) correct / predicted.size();
  }

  /** The canonical form of a template described above. */
  public static String canonical(String template) {
    String t = SPACES.matcher(template.strip()).replaceAll(" ");
    t = mapWords(t, PATH_DELIMITERS, true);
    t = mapWords(t, WORD_DELIMITERS, false);
    String prev;
    do {
      prev = t;
      t = MERGE.matcher(t).replaceAll(VAR);
    } while (!t.equals(prev));
    return t;
  }

  private static String mapWords(String s, String delimiters, boolean paths) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      if (delimiters.indexOf(s.charAt(i)) >= 0) {
        out.append(s.charAt(i++));
        continue;
      }
      int j = i;
      while (j < s.length() && delimiters.indexOf(s.charAt(j)) < 0) {
        j++;
      }
      String w = s.substring(i, j);
      out.append(paths ? (isPath(w) ? VAR : w) : (isVariableWord(w) ? VAR : w));
      i = j;
    }
    return out.toString();
  }

  private static boolean isPath(String w) {
    return w.length() > 1 && w.charAt(0) == '/' && !w.contains("//") && !w.endsWith("/");
  }

  private static boolean isVariableWord(String w) {
    if (w.contains(VAR)) {
      return w.indexOf('/') < 0 || w.equals(VAR);
    }
    return w.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
