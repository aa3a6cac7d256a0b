package io.nightshift.models.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSplitTest {

  private static List<LocalDate> days(int n) {
    List<LocalDate> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(LocalDate.of(2026, 6, 1).plusDays(i));
    }
    return out;
  }

  @Test
  void calibratesOnTheLatestDaysOnly() {
    List<LocalDate> shuffled = new ArrayList<>(days(20));
    Collections.shuffle(shuffled, new java.util.Random(3));
    TimeSplit s = TimeSplit.of(shuffled, 5);
    assertEquals(15, s.fit().size());
    assertEquals(5, s.calibration().size());
    assertEquals(LocalDate.of(2026, 6, 16), s.calibrationStart());
    assertTrue(s.fit().stream().allMatch(d -> d.isBefore(s.calibrationStart())));
    assertTrue(!s.overlapping());
  }

  @Test
  void fallsBackToALaterThirdWhenTooFewDays() {
    TimeSplit s = TimeSplit.of(days(6), 7);
    assertEquals(4, s.fit().size());
    assertEquals(2, s.calibration().size());
    assertTrue(s.fit().get(3).isBefore(s.calibration().get(0)));
  }

  @Test
  void usesTheSingleDayForBoth() {
    TimeSplit s = TimeSplit.of(days(1), 7);
    assertTrue(s.overlapping());
  }

  @Test
  void rejectsNoDays() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TimeSplit.of(List.of(), 3));
    assertTrue(e.getMessage().startsWith("no training days"));
  }
}
