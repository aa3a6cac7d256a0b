package io.nightshift.jobs.stages.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nightshift.jobs.schema.HourlyMetrics;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.RecurringIncidentsTable;
import io.nightshift.testkit.SparkExtension;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Saturation events are decided point by point, under each point's own capacity and service, and
 * the hourly roll-up gives the same rows: the cases below are those the roll-up's maximum, last
 * capacity and last service alone would get wrong; its hours of one capacity and one service need
 * no points.
 */
@ExtendWith(SparkExtension.class)
class PrecursorEventsTest {

  private static Row point(String ts, double value, String service, Double capacity) {
    return RowFactory.create(
        Timestamp.from(Instant.parse("2026-06-01T" + ts + ":00Z")),
        "h1",
        "disk",
        value,
        service,
        capacity);
  }

  /** The events from the points, after checking the roll-up gives the same. */
  private static Set<String> events(SparkSession spark, double ratio, Row... points) {
    Dataset<Row> metrics = spark.createDataFrame(List.of(points), InputTable.METRICS.schema());
    Set<String> fromPoints = words(PrecursorEvents.saturationEvents(metrics, ratio));
    Set<String> fromHours =
        words(PrecursorEvents.saturationEvents(HourlyMetrics.of(metrics), metrics, ratio));
    assertEquals(fromPoints, fromHours, "from the roll-up");
    return fromPoints;
  }

  private static Set<String> words(Dataset<Row> events) {
    List<Row> rows = events.collectAsList();
    Set<String> words =
        rows.stream()
            .map(
                r -> {
                  assertEquals(RecurringIncidentsTable.KIND_METRIC_SATURATION, r.getAs("kind"));
                  return r.getAs("service")
                      + " "
                      + r.getAs("entity")
                      + " "
                      + r.getAs("name")
                      + " "
                      + r.<Timestamp>getAs("start").toInstant()
                      + ".."
                      + r.<Timestamp>getAs("end").toInstant();
                })
            .collect(Collectors.toSet());
    assertEquals(rows.size(), words.size(), "one row per event");
    return words;
  }

  @Test
  void aPointIsSaturatedAgainstItsOwnCapacityWhenCapacityChangesWithinTheHour(SparkSession spark) {
    Set<String> got =
        events(
            spark,
            0.9,
            point("10:05", 95, "web", 100.0),
            point("10:40", 100, "web", 200.0),
            point("11:05", 150, "web", 200.0),
            point("11:40", 50, "web", 100.0));

    assertEquals(Set.of("web h1 disk 2026-06-01T10:00:00Z..2026-06-01T10:59:59Z"), got);
  }

  @Test
  void aPointWithoutAPositiveCapacitySaysNothingWhateverTheHoursOtherCapacities(
      SparkSession spark) {
    Set<String> got =
        events(
            spark,
            0.9,
            point("12:05", 95, "web", null),
            point("12:40", 10, "web", 100.0),
            point("13:05", 1e9, "web", null));

    assertEquals(Set.of(), got);
  }

  @Test
  void eachServiceOfTheSaturatedPointsHasItsEventAndPointsWithoutServiceNone(SparkSession spark) {
    Set<String> got =
        events(
            spark,
            0.9,
            point("14:05", 95, "web", 100.0),
            point("14:20", 96, "api", 100.0),
            point("14:50", 10, null, 100.0),
            point("15:05", 99, null, 100.0),
            point("15:50", 10, "web", 100.0));

    assertEquals(
        Set.of(
            "web h1 disk 2026-06-01T14:00:00Z..2026-06-01T14:59:59Z",
            "api h1 disk 2026-06-01T14:00:00Z..2026-06-01T14:59:59Z"),
        got);
  }

  @Test
  void theThresholdIsCapacityTimesRatioNotTheValueOverCapacity(SparkSession spark) {
    double below = 6737.499999999999;
    assertEquals(true, below / 9625 >= 0.7, "the quotient reaches the ratio");

    assertEquals(
        Set.of("web h1 disk 2026-06-01T17:00:00Z..2026-06-01T17:59:59Z"),
        events(
            spark,
            0.7,
            point("16:05", below, "web", 9625.0),
            point("17:05", 9625 * 0.7, "web", 9625.0)));
  }

  @Test
  void hoursOfOneCapacityAndOneServiceAreDecidedByTheRollUpAlone(SparkSession spark) {
    Dataset<Row> metrics =
        spark.createDataFrame(
            List.of(
                point("18:05", 95, "web", 100.0),
                point("18:40", 20, "web", 100.0),
                point("19:05", 80, "web", 100.0),
                point("20:05", 99, null, null),
                point("21:05", 99, null, 100.0)),
            InputTable.METRICS.schema());
    Dataset<Row> noPoints = spark.createDataFrame(List.of(), InputTable.METRICS.schema());

    assertEquals(
        Set.of("web h1 disk 2026-06-01T18:00:00Z..2026-06-01T18:59:59Z"),
        words(PrecursorEvents.saturationEvents(HourlyMetrics.of(metrics), noPoints, 0.9)));
  }
}
