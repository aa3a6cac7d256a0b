package io.nightshift.jobs.config;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What counts as a bad input row, and what to do with unreadable files.
 *
 * @param severities accepted incident severities (others are quarantined)
 * @param severityAliases exported spellings (trimmed, upper case) to one of {@code severities}
 * @param maxFutureSkewMinutes rows stamped later than the end of the run date plus this are
 *     quarantined
 * @param skipCorruptFiles list unreadable Parquet files in the manifest and go on, instead of
 *     failing
 */
public record ValidationSettings(
    List<String> severities,
    Map<String, String> severityAliases,
    int maxFutureSkewMinutes,
    boolean skipCorruptFiles) {
  static ValidationSettings from(Config c) {
    List<String> sev = c.getStringList("severities");
    if (sev.isEmpty()) {
      throw new BadConfigException(Checks.where(c, "severities") + " must not be empty");
    }
    int skew = c.getInt("maxFutureSkewMinutes");
    if (skew < 0) {
      throw new BadConfigException("config key 'maxFutureSkewMinutes' must be >= 0, was " + skew);
    }
    return new ValidationSettings(
        List.copyOf(sev), aliases(c, sev), skew, c.getBoolean("skipCorruptFiles"));
  }

  private static Map<String, String> aliases(Config c, List<String> severities) {
    Map<String, String> out = new TreeMap<>();
    if (!c.hasPath("severityAliases")) {
      return Map.of();
    }
    for (var e : c.getObject("severityAliases").entrySet()) {
      String to = String.valueOf(e.getValue().unwrapped());
      if (!severities.contains(to)) {
        throw new BadConfigException(
            "config key 'nightshift.validation.severityAliases.\""
                + e.getKey()
                + "\"' maps to '"
                + to
                + "', which is not one of nightshift.validation.severities "
                + severities);
      }
      out.put(e.getKey().trim().toUpperCase(Locale.ROOT), to);
    }
    return Map.copyOf(out);
  }
}
