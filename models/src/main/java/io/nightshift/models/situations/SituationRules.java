package io.nightshift.models.situations;

import java.io.Serializable;

/**
 * How signals become situations and which situations are worth reporting.
 *
 * @param toleranceSeconds largest gap between one signal's end and a related signal's start that
 *     still puts them in one situation
 * @param propagationSeconds related signals of different entities must start at most this far apart
 * @param seriesGapSeconds consecutive signals of one series at most this far apart are linked
 * @param minScore a situation is reported only if its highest signal score reaches this
 * @param minMembers ...and it has at least this many signals
 * @param minDurationSeconds ...or lasted at least this long
 * @param topCauses probable causes kept per situation
 */
public record SituationRules(
    long toleranceSeconds,
    long propagationSeconds,
    long seriesGapSeconds,
    double minScore,
    int minMembers,
    long minDurationSeconds,
    int topCauses)
    implements Serializable {
  public SituationRules {
    if (toleranceSeconds < 0
        || propagationSeconds < 0
        || seriesGapSeconds < 0
        || minMembers < 1
        || minDurationSeconds < 0
        || topCauses < 1) {
      throw new IllegalArgumentException(
          "situation rules out of range: tolerance "
              + toleranceSeconds
              + ", minMembers "
              + minMembers
              + ", minDuration "
              + minDurationSeconds
              + ", topCauses "
              + topCauses);
    }
  }
}
