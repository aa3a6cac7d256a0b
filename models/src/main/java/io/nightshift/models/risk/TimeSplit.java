package io.nightshift.models.risk;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A time-ordered split of training days into an earlier fitting window and a later calibration
 * window. Never random: every fitting day is strictly before every calibration day, so the
 * calibrator sees scores on days the classifier did not learn from, as it will in production.
 *
 * @param fit days the classifier is trained on (ascending)
 * @param calibration later days the probability calibrator is fitted on (ascending)
 */
public record TimeSplit(List<LocalDate> fit, List<LocalDate> calibration) {

  /**
   * Splits distinct days: the last {@code calibrationDays} days calibrate, the rest fit. With too
   * few days, the later third calibrates (at least one day each side when there are two or more
   * days); a single day is used for both (there is nothing later to calibrate on).
   *
   * @throws IllegalArgumentException when there are no days or calibrationDays is negative
   */
  public static TimeSplit of(List<LocalDate> days, int calibrationDays) {
    if (calibrationDays < 0) {
      throw new IllegalArgumentException("calibrationDays must be >= 0, was " + calibrationDays);
    }
    List<LocalDate> sorted = new ArrayList<>(new TreeSet<>(days));
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException("no training days");
    }
    int n = sorted.size();
    if (n == 1) {
      return new TimeSplit(sorted, sorted);
    }
    int cal = calibrationDays;
    if (cal >= n / 2 + 1 || cal == 0) {
      cal = Math.max(1, n / 3);
    }
    return new TimeSplit(
        List.copyOf(sorted.subList(0, n - cal)), List.copyOf(sorted.subList(n - cal, n)));
  }

  /** The first calibration day: fitting uses days strictly before it. */
  public LocalDate calibrationStart() {
    return calibration.get(0);
  }

  /** Whether fitting and calibration share days (only with a single training day). */
  public boolean overlapping() {
    return !fit.get(fit.size() - 1).isBefore(calibration.get(0));
  }
}
