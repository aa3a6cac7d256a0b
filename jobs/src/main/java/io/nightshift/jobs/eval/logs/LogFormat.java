package io.nightshift.jobs.eval.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Loghub-style line format such as {@code <Date> <Time> <Level> <Component>: <Content>}: each
 * {@code <Name>} is a header field (matched lazily), the text between them is literal, and runs of
 * spaces match any run of whitespace. As in Loghub's own formats, literal text holding a backslash
 * is taken as a regular expression ({@code \[<Time>\]}, {@code (\[<Pid>\])?}); other literal text
 * is matched as it is ({@code [<Time>]} works too). The format must have a {@code <Content>} field.
 */
public final class LogFormat {
  private static final Pattern FIELD = Pattern.compile("<([^<>\\s]+)>");

  private final String format;
  private final List<String> fields;
  private final Pattern pattern;
  private final int contentGroup;

  private LogFormat(String format, List<String> fields, Pattern pattern, int contentGroup) {
    this.format = format;
    this.fields = fields;
    this.pattern = pattern;
    this.contentGroup = contentGroup;
  }

  /** Parses a format string, failing with a message naming the problem. */
  public static LogFormat parse(String format) {
    Matcher m = FIELD.matcher(format);
    StringBuilder regex = new StringBuilder("^");
    List<String> fields = new ArrayList<>();
    int last = 0;
    while (m.find()) {
      regex.append(literal(format.substring(last, m.start())));
      fields.add(m.group(1));
      regex.append("(.*?)");
      last = m.end();
    }
    regex.append(literal(format.substring(last))).append("$");
    int content = fields.indexOf("Content");
    if (content < 0) {
      throw new IllegalArgumentException(
          "log format '" + format + "' has no <Content> field (use '<Content>' for bare lines)");
    }
    try {
      return new LogFormat(
          format, List.copyOf(fields), Pattern.compile(regex.toString()), content + 1);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "log format '" + format + "' is not a valid pattern: " + e.getDescription(), e);
    }
  }

  private static String literal(String text) {
    if (text.isEmpty()) {
      return "";
    }
    if (text.indexOf('\\') >= 0) {
      return text.replaceAll(" +", "\\\\s+");
    }
    StringBuilder b = new StringBuilder();
    for (String part : text.split("((?<= )|(?= ))")) {
      if (part.equals(" ")) {
        if (b.length() < 4 || !b.substring(b.length() - 4).equals("\\s+")) {
          b.append("\\s+");
        }
      } else {
        b.append(Pattern.quote(part));
      }
    }
    return b.toString();
  }

  /** The header field names, in order (Content included). */
  public List<String> fields() {
    return fields;
  }

  /** The content of a line, or empty when the line does not fit the format. */
  public Optional<String> content(String line) {
    Matcher m = pattern.matcher(line);
    return m.matches() ? Optional.of(m.group(contentGroup)) : Optional.empty();
  }

  @Override
  public String toString() {
    return format;
  }
}
