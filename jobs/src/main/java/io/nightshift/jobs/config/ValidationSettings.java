package io.nightshift.jobs.config;

import com.typesafe.config.Config;
import java.util.List;

/**
 * What counts as a bad input row, and what to do with unreadable files.
 *
 * @param severities accepted incident severities (others are quarantined)
 * @param maxFutureSkewMinutes rows stamped later than the end of the run date plus this are
 *     quarantined
 * @param skipCorruptFiles list unreadable Parquet files in the manifest and go on, instead of
 *     failing
 */
public record ValidationSettings(
    List<String> severities, int maxFutureSkewMinutes, boolean skipCorruptFiles) {
  static ValidationSettings from(Config c) {
    List<String> sev = c.getStringList("severities");
    if (sev.isEmpty()) {
      throw new BadConfigException(Checks.where(c, "severities") + " must not be empty");
    }
    int skew = c.getInt("maxFutureSkewMinutes");
    if (skew < 0) {
      throw new BadConfigException("config key 'maxFutureSkewMinutes' must be >= 0, was " + skew);
    }
    return new ValidationSettings(List.copyOf(sev), skew, c.getBoolean("skipCorruptFiles"));
  }
}
