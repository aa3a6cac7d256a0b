package io.nightshift.jobs.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nightshift.testkit.SparkExtension;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The hourly roll-up the capacity forecast and the risk features share. */
@ExtendWith(SparkExtension.class)
class HourlyMetricsTest {

  private static Row point(String ts, double value, String service, Double capacity) {
    return RowFactory.create(
        Timestamp.from(Instant.parse(ts)), "h1", "disk", value, service, capacity, null);
  }

  @Test
  void rollsPointsUpToHoursKeepingTheLastServiceValueAndStatedCapacityAndTheirRanges(
      SparkSession spark) {
    List<Row> points =
        List.of(
            point("2026-06-01T10:05:00Z", 10, "web", 100.0),
            point("2026-06-01T10:20:00Z", 30, "web", 200.0),
            point("2026-06-01T10:50:00Z", 20, "api", null),
            point("2026-06-01T11:00:00Z", 5, "api", null));
    Row[] hours =
        (Row[])
            HourlyMetrics.of(
                    spark.createDataFrame(
                        points,
                        InputTable.METRICS
                            .schema()
                            .add(Cols.DT, org.apache.spark.sql.types.DataTypes.DateType)))
                .orderBy(HourlyMetrics.HOUR)
                .collect();

    assertEquals(2, hours.length);
    Row ten = hours[0];
    assertEquals(Timestamp.from(Instant.parse("2026-06-01T10:00:00Z")), ten.getAs("hour"));
    assertEquals("api", ten.getAs(Cols.SERVICE), "the hour's last service");
    assertEquals(3L, (long) ten.getAs(HourlyMetrics.N));
    assertEquals(60.0, ten.<Double>getAs(HourlyMetrics.VALUE_SUM), 1e-9);
    assertEquals(20.0, ten.<Double>getAs(HourlyMetrics.VALUE_AVG), 1e-9);
    assertEquals(30.0, ten.<Double>getAs(HourlyMetrics.VALUE_MAX), 1e-9);
    assertEquals(20.0, ten.<Double>getAs(HourlyMetrics.VALUE_LAST), 1e-9);
    assertEquals(200.0, ten.<Double>getAs(HourlyMetrics.CAPACITY_LAST), 1e-9, "last stated");
    assertEquals(300.0, ten.<Double>getAs(HourlyMetrics.CAPACITY_SUM), 1e-9);
    assertEquals(2L, (long) ten.getAs(HourlyMetrics.CAPACITY_N));
    assertEquals(100.0, ten.<Double>getAs(HourlyMetrics.CAPACITY_MIN), 1e-9);
    assertEquals(200.0, ten.<Double>getAs(HourlyMetrics.CAPACITY_MAX), 1e-9);
    assertEquals("api", ten.getAs(HourlyMetrics.SERVICE_MIN));
    assertEquals("web", ten.getAs(HourlyMetrics.SERVICE_MAX));
    assertEquals(3L, (long) ten.getAs(HourlyMetrics.SERVICE_N));
    assertNull(hours[1].getAs(HourlyMetrics.CAPACITY_LAST), "no capacity stated in that hour");
  }
}
