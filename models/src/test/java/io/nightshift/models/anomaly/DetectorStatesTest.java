package io.nightshift.models.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * A series' points reach the detector in time order whatever order they arrive in, so a night that
 * reads its points unsorted learns what a night that sorted them learns: points of one time stamp
 * are ordered by value.
 */
class DetectorStatesTest {
  @Test
  void pointsAreOrderedByTimeThenValueWhateverTheirArrival() {
    Row a = point("2026-06-30 10:00:00", 5.0);
    Row b = point("2026-06-30 10:05:00", 9.0);
    Row c = point("2026-06-30 10:05:00", 2.0);
    Row missing = RowFactory.create("h1", "cpu", Timestamp.valueOf("2026-06-30 10:10:00"), null);

    List<Row> one = DetectorStates.sortedPoints(List.of(b, missing, c, a).iterator());
    List<Row> other = DetectorStates.sortedPoints(List.of(c, a, b).iterator());

    assertEquals(List.of(a, c, b), one);
    assertEquals(one, other);
  }

  private static Row point(String ts, double value) {
    return RowFactory.create("h1", "cpu", Timestamp.valueOf(ts), value);
  }
}
