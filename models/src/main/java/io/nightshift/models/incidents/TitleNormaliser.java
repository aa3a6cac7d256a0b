package io.nightshift.models.incidents;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a free-text incident title into its template: lower case, with the parts that differ
 * between occurrences of the same problem masked (dates and times, UUIDs, IP addresses, hex ids,
 * host names, numbers). Two titles of the same underlying problem then usually have the same
 * template, and near-duplicates share most of its tokens.
 *
 * <p>Masks, applied in this order: {@code <ts>} (ISO dates, times, date-times), {@code <uuid>},
 * {@code <ip>} (IPv4, with optional port), {@code <hex>} ({@code 0x...} and runs of 8+ hex digits
 * containing a digit), {@code <host>} (dotted names such as {@code db1.prod.example.com}, and names
 * with a separator and a number such as {@code web-03}, {@code node_12}, and two or more letters
 * followed by two or more digits such as {@code db01}, {@code INC0012345}; short codes such as
 * {@code p99}, {@code s3}, {@code ec2} stay), {@code <num>} (remaining numbers with their decimals;
 * a unit attached to a number, as in {@code 500ms}, is kept as its own token). Pure, thread-safe.
 */
public final class TitleNormaliser {
  private static final Pattern TS =
      Pattern.compile(
          "\\b\\d{4}-\\d{2}-\\d{2}(?:[t ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:z|[+-]\\d{2}:?\\d{2})?)?\\b"
              + "|\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b|\\b\\d{1,2}:\\d{2}(?::\\d{2})?\\b");
  private static final Pattern UUID =
      Pattern.compile("\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");
  private static final Pattern IP = Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d+)?\\b");
  private static final Pattern HEX =
      Pattern.compile("\\b0x[0-9a-f]+\\b|\\b(?=[0-9a-f]*\\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\\b");
  private static final Pattern NUMBER_WITH_UNIT =
      Pattern.compile("\\b\\d+(?:\\.\\d+)?(ms|s|sec|m|min|h|d|[kmgt]i?b|k|x)\\b");
  private static final Pattern DOTTED_HOST =
      Pattern.compile("\\b[a-z][a-z0-9-]*(?:\\.[a-z0-9-]+){2,}\\b");
  private static final Pattern MIXED_TOKEN =
      Pattern.compile(
          "\\b[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+\\b(?<=\\d[a-z0-9]{0,64})|\\b[a-z]{2,}\\d{2,}[a-z0-9]*\\b");
  private static final Pattern NUMBER = Pattern.compile("(?<![a-z0-9_<])\\d+(?:[.,]\\d+)?");
  private static final Pattern STANDALONE_NUMBER = Pattern.compile("\\b\\d+(?:[.,]\\d+)?\\b");
  private static final Pattern TOKEN = Pattern.compile("<[a-z]+>|[a-z0-9_]+(?:'[a-z]+)?");
  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "the", "on", "in", "at", "of", "for", "to", "is", "are", "was", "from", "with",
          "and", "or", "by", "its", "it", "be");

  private TitleNormaliser() {}

  /** The template of a title: masked, lower case, tokens joined by single spaces; "" for null. */
  public static String template(String title) {
    return String.join(" ", tokens(title));
  }

  /** The template's tokens, in order (masks included). */
  public static List<String> tokens(String title) {
    if (title == null) {
      return List.of();
    }
    String s = title.toLowerCase(Locale.ROOT);
    s = TS.matcher(s).replaceAll(" <ts> ");
    s = UUID.matcher(s).replaceAll(" <uuid> ");
    s = IP.matcher(s).replaceAll(" <ip> ");
    s = HEX.matcher(s).replaceAll(" <hex> ");
    s = NUMBER_WITH_UNIT.matcher(s).replaceAll(" <num> $1 ");
    s = DOTTED_HOST.matcher(s).replaceAll(" <host> ");
    s = MIXED_TOKEN.matcher(s).replaceAll(" <host> ");
    s = NUMBER.matcher(s).replaceAll(" <num> ");
    List<String> out = new ArrayList<>();
    var m = TOKEN.matcher(s);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /**
   * The tokens that carry meaning for similarity: the template's words without masks and stop
   * words, as a set (masks are shared by unrelated titles and would inflate their similarity).
   */
  public static Set<String> signatureTokens(String template) {
    Set<String> out = new LinkedHashSet<>();
    if (template == null || template.isEmpty()) {
      return out;
    }
    for (String t : template.split(" ")) {
      if (!t.startsWith("<") && !STOP_WORDS.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Whether a title names no problem by itself: it has no word left once numbers, ids, hosts and
   * stop words are masked (e.g. a symptom code "491", "INC0012", "42 on 10.0.0.1"). Families of
   * such titles are grouped on the incident's structured codes instead.
   */
  public static boolean isWeak(String title) {
    return signatureTokens(template(title)).isEmpty();
  }

  /**
   * A code kept verbatim as one token {@code key=value}: trimmed, lower case, inner spaces as
   * {@code _} (e.g. {@code symptom=symptom_491}); "" for a null or blank value.
   */
  public static String codeToken(String key, String value) {
    if (value == null || value.isBlank()) {
      return "";
    }
    return key + "=" + value.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", "_");
  }

  /**
   * A light normalisation for symptom codes (used when a title is missing): lower case, dates,
   * UUIDs, IPs, hex ids and stand-alone numbers masked, but codes that mix letters and digits (e.g.
   * {@code E1234}, {@code DISK_FULL_02}) kept, since they identify the symptom.
   */
  public static String symptomTemplate(String symptoms) {
    if (symptoms == null) {
      return "";
    }
    String s = symptoms.toLowerCase(Locale.ROOT);
    s = TS.matcher(s).replaceAll(" <ts> ");
    s = UUID.matcher(s).replaceAll(" <uuid> ");
    s = IP.matcher(s).replaceAll(" <ip> ");
    s = HEX.matcher(s).replaceAll(" <hex> ");
    s = STANDALONE_NUMBER.matcher(s).replaceAll(" <num> ");
    List<String> out = new ArrayList<>();
    var m = TOKEN.matcher(s);
    while (m.find()) {
      out.add(m.group());
    }
    return String.join(" ", out);
  }
}
