package io.nightshift.models.logs;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A named regular expression whose matches in a log message are variables, replaced by {@link
 * #VARIABLE} before mining. The built-in rules are generic (IPs, UUIDs, hex, paths, durations,
 * sizes, numbers, ...); a user may add their own rules by name and regex.
 *
 * <p>The built-in rules named in {@link #TOKEN_RULES} are applied by a fast token scanner in {@link
 * LogPreprocessor} that recognises the same shapes token by token (their regex documents the shape
 * and is what a custom rule of the same kind would look like); every other rule runs as a regex
 * over the whole message.
 *
 * @param name the rule's name as used in configuration
 * @param regex the Java regular expression of a variable
 * @param precheck characters of which the message must contain at least one for the rule to be
 *     tried (a cheap filter that keeps masking fast); empty to always try
 */
public record MaskingRule(String name, String regex, String precheck) implements Serializable {

  /** The placeholder a masked variable becomes. */
  public static final String VARIABLE = "<*>";

  private static final String DIGITS = "0123456789";

  /** The built-in rules, by name, in the order they are applied. */
  public static final Map<String, MaskingRule> BUILT_IN = builtIns();

  /** The rules enabled by default (every built-in rule except the opt-in ones). */
  public static final List<String> DEFAULT_RULES =
      List.of("url", "uuid", "ip", "mac", "hex", "path", "size", "duration", "datetime", "number");

  /** Built-in rules applied token by token (fast path) rather than by regex. */
  public static final java.util.Set<String> TOKEN_RULES =
      java.util.Set.of(
          "url", "uuid", "ip", "mac", "hex", "path", "size", "duration", "datetime", "number");

  /** Whether this is a built-in rule handled by the token scanner. */
  public boolean tokenLevel() {
    MaskingRule b = BUILT_IN.get(name);
    return TOKEN_RULES.contains(name) && b != null && b.regex.equals(regex);
  }

  /** Builds the compiled pattern (patterns are not serialisable, so callers cache this). */
  public Pattern pattern() {
    return Pattern.compile(regex);
  }

  /** Looks up a built-in rule, failing with the list of known names. */
  public static MaskingRule builtIn(String name) {
    MaskingRule r = BUILT_IN.get(name);
    if (r == null) {
      throw new IllegalArgumentException(
          "unknown masking rule '" + name + "'; known rules: " + BUILT_IN.keySet());
    }
    return r;
  }

  private static Map<String, MaskingRule> builtIns() {
    Map<String, MaskingRule> m = new LinkedHashMap<>();
    add(m, "url", "\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>\\]\\)]+", ":");
    add(
        m,
        "uuid",
        "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b",
        "-");
    add(m, "ip", "(?<![\\w.])\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d{1,5})?(?![\\w.])", ".");
    add(m, "mac", "\\b[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}\\b", ":");
    add(
        m,
        "hex",
        "\\b0[xX][0-9a-fA-F]+\\b|\\b(?=[a-fA-F]*\\d)(?=\\d*[a-fA-F])[0-9a-fA-F]{8,}\\b",
        "");
    add(m, "path", "(?<![\\w/.:])(?:/[\\w.\\-@~+%]+)+/?|\\b[A-Za-z]:\\\\[^\\s\"']+", "/\\");
    add(
        m,
        "size",
        "\\b\\d+(?:\\.\\d+)?\\s?(?:bytes?|B|[KMGTP]i?B)\\b(?:\\s\\(\\d+(?:\\.\\d+)?\\s?[KMGTP]i?B\\))?",
        DIGITS);
    add(
        m,
        "duration",
        "<?\\b\\d+(?:\\.\\d+)?\\s?(?:ns|us|µs|ms|sec|secs|seconds?|mins?|minutes?|hrs?|hours?)\\b"
            + "|\\b\\d{1,2}:\\d{2}(?::\\d{2})?(?:[.,]\\d+)?\\b",
        DIGITS);
    add(
        m,
        "datetime",
        "\\b\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?)?\\b",
        DIGITS);
    add(m, "number", "(?<![\\w.])[-+]?\\d+(?:\\.\\d+)?(?![\\w.])", DIGITS);
    // Opt-in generic rules (not in DEFAULT_RULES).
    add(m, "key_value", "(?<==)[^\\s,;&]+", "=");
    add(m, "quoted", "\"[^\"]*\"|'[^']*'", "\"'");
    add(m, "email", "\\b[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+\\b", "@");
    return Collections.unmodifiableMap(m);
  }

  private static void add(Map<String, MaskingRule> m, String name, String regex, String pre) {
    m.put(name, new MaskingRule(name, regex, pre));
  }
}
