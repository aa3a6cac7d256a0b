package io.nightshift.jobs.config;

import com.typesafe.config.Config;
import io.nightshift.models.situations.SituationRules;

/**
 * Settings of the {@code nightshift.situations} section (see reference.conf and
 * docs/situations.md).
 *
 * @param toleranceMinutes largest gap between related signals that still makes one situation
 * @param propagationMinutes related signals of different entities must start at most this far apart
 * @param seriesGapMinutes consecutive anomalies of one series at most this far apart are linked
 * @param minScore noise control: least highest-member score of a reported situation
 * @param minMembers noise control: least number of anomaly/log members...
 * @param minDurationMinutes ...or least duration of a reported situation
 * @param topCauses probable causes kept per situation
 * @param changeLookbackMinutes a change this many minutes before a member counts as linked
 * @param incidentAfterMinutes an incident opened up to this long after the situation is linked
 * @param logSignalMinScore log_signals windows with at least this log anomaly score are members (a
 *     value above 1 leaves log_signals out)
 * @param mentionMinLines WARN/ERROR lines naming another service, in one mention window, that make
 *     a mention member
 * @param mentionWindowMinutes length of a mention window
 * @param learnDependencies learn the service dependency map from mention bursts in the look-back
 *     window
 * @param dependencyMinDays days with mention bursts needed to learn a dependency
 * @param benignMinDays a signature seen on this many earlier nights, never with an incident, is a
 *     benign recurring pattern
 * @param bucketMinutes time bucket of the equi-joins (changes, incidents)
 */
public record SituationSettings(
    int toleranceMinutes,
    int propagationMinutes,
    int seriesGapMinutes,
    double minScore,
    int minMembers,
    int minDurationMinutes,
    int topCauses,
    int changeLookbackMinutes,
    int incidentAfterMinutes,
    double logSignalMinScore,
    int mentionMinLines,
    int mentionWindowMinutes,
    boolean learnDependencies,
    int dependencyMinDays,
    int benignMinDays,
    int bucketMinutes) {

  private static final String P = "nightshift.situations.";

  /** The core's rules. */
  public SituationRules rules() {
    return new SituationRules(
        toleranceMinutes * 60L,
        propagationMinutes * 60L,
        seriesGapMinutes * 60L,
        minScore,
        minMembers,
        minDurationMinutes * 60L,
        topCauses);
  }

  static SituationSettings from(Config c) {
    return new SituationSettings(
        atLeast(c, "toleranceMinutes", 0),
        atLeast(c, "propagationMinutes", 0),
        atLeast(c, "seriesGapMinutes", 0),
        fraction(c, "minScore"),
        atLeast(c, "minMembers", 1),
        atLeast(c, "minDurationMinutes", 0),
        atLeast(c, "topCauses", 1),
        atLeast(c, "changeLookbackMinutes", 0),
        atLeast(c, "incidentAfterMinutes", 0),
        nonNegative(c, "logSignalMinScore"),
        atLeast(c, "mentionMinLines", 1),
        atLeast(c, "mentionWindowMinutes", 1),
        c.getBoolean("learnDependencies"),
        atLeast(c, "dependencyMinDays", 1),
        atLeast(c, "benignMinDays", 1),
        atLeast(c, "bucketMinutes", 1));
  }

  /** Same settings with another dependency-learning switch (evaluation). */
  public SituationSettings withLearnDependencies(boolean learn) {
    return new SituationSettings(
        toleranceMinutes,
        propagationMinutes,
        seriesGapMinutes,
        minScore,
        minMembers,
        minDurationMinutes,
        topCauses,
        changeLookbackMinutes,
        incidentAfterMinutes,
        logSignalMinScore,
        mentionMinLines,
        mentionWindowMinutes,
        learn,
        dependencyMinDays,
        benignMinDays,
        bucketMinutes);
  }

  private static int atLeast(Config c, String key, int min) {
    int v = c.getInt(key);
    if (v < min) {
      throw new BadConfigException("config key '" + P + key + "' must be >= " + min + ", was " + v);
    }
    return v;
  }

  private static double fraction(Config c, String key) {
    double v = c.getDouble(key);
    if (!(v >= 0 && v <= 1)) {
      throw new BadConfigException(
          "config key '" + P + key + "' must be between 0 and 1, was " + v);
    }
    return v;
  }

  private static double nonNegative(Config c, String key) {
    double v = c.getDouble(key);
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new BadConfigException(
          "config key '" + P + key + "' must be a finite number >= 0, was " + v);
    }
    return v;
  }
}
