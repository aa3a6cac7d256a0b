package io.nightshift.jobs.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The window step counts a window's rows from its days' kept counts when every day has them and no
 * day holds a row stamped outside it (whose reason would depend on the window), and lists the
 * quarantined rows from the days that hold one; otherwise it counts the rows themselves.
 */
class WindowCountsTest {
  private static final LocalDate D = LocalDate.parse("2026-06-29");

  @Test
  void daysCountedByTheDayStepAddUpToTheWindowAndTellWhichHoldQuarantinedRows() {
    Map<LocalDate, DayFingerprint> days = new TreeMap<>();
    days.put(D, day(Map.of(DayFingerprint.ACCEPTED, 90L, "duplicate", 2L, "null entity", 1L)));
    days.put(D.plusDays(1), day(Map.of(DayFingerprint.ACCEPTED, 10L)));
    days.put(D.plusDays(2), day(Map.of()));

    assertEquals(
        Optional.of(
            new Validation.Counted(
                Map.of(DayFingerprint.ACCEPTED, 100L, "duplicate", 2L, "null entity", 1L),
                List.of(D))),
        InputLoader.counted(days));
  }

  @Test
  void aRowStampedOutsideItsDayOrADayWithoutCountsMeansCountingTheRows() {
    Map<LocalDate, DayFingerprint> off = new TreeMap<>();
    off.put(D, day(Map.of(DayFingerprint.ACCEPTED, 90L, DayFingerprint.OFF_DAY, 1L)));
    assertTrue(InputLoader.counted(off).isEmpty());

    Map<LocalDate, DayFingerprint> uncounted = new TreeMap<>();
    uncounted.put(D, day(null));
    assertTrue(InputLoader.counted(uncounted).isEmpty());
  }

  private static DayFingerprint day(Map<String, Long> judged) {
    return new DayFingerprint(
        DayFingerprint.VERSION, "metrics", D.toString(), "s", List.of(), 0, List.of(), 0, judged);
  }
}
