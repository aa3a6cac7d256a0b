package io.nightshift.jobs.stages.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.RecurringIncidentsTable;
import io.nightshift.testkit.SparkExtension;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
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
 * Saturation events are decided point by point, under each point's own capacity and service: the
 * cases below are those an hourly roll-up ({@code value_max} against {@code capacity_last}, the
 * hour's last service) would get wrong, which is why the events are not built from it.
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

  private static Set<String> events(SparkSession spark, double ratio, Row... points) {
    Dataset<Row> metrics = spark.createDataFrame(List.of(points), InputTable.METRICS.schema());
    return Arrays.stream((Row[]) PrecursorEvents.saturationEvents(metrics, ratio).collect())
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
}
