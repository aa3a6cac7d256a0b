package io.nightshift.jobs.stages.situations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.HourlyMetrics;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.testkit.SparkExtension;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The services a window knows, taken from the hourly roll-up: the same set as its points name. */
@ExtendWith(SparkExtension.class)
class KnownServicesTest {

  private static Row point(String ts, String service) {
    return RowFactory.create(
        Timestamp.from(Instant.parse(ts)), "h1", "cpu", 1.0, service, null, null);
  }

  private static Dataset<Row> metrics(SparkSession spark, List<Row> points) {
    return spark.createDataFrame(
        points, InputTable.METRICS.schema().add(Cols.DT, DataTypes.DateType));
  }

  private static Set<String> known(Dataset<Row> metrics) {
    return KnownServices.ofMetrics(HourlyMetrics.of(metrics), metrics);
  }

  @Test
  void hoursThatEachNameOneServiceGiveTheServicesOfThePoints(SparkSession spark) {
    Dataset<Row> m =
        metrics(
            spark,
            List.of(
                point("2026-06-01T10:05:00Z", "web"),
                point("2026-06-01T11:05:00Z", "api"),
                point("2026-06-01T12:05:00Z", null)));

    assertEquals(Set.of("api", "web"), known(m));
  }

  @Test
  void theWindowKnowsTheServicesOfItsMetricsAndItsLogs(SparkSession spark) {
    Dataset<Row> logs =
        spark.createDataFrame(
            List.of(RowFactory.create("cart"), RowFactory.create((Object) null)),
            new StructType().add(Cols.SERVICE, DataTypes.StringType));
    Dataset<Row> oneEach =
        metrics(
            spark,
            List.of(point("2026-06-01T10:05:00Z", "web"), point("2026-06-01T11:05:00Z", null)));
    Dataset<Row> threeInAnHour =
        metrics(
            spark,
            List.of(
                point("2026-06-01T10:05:00Z", "api"),
                point("2026-06-01T10:20:00Z", "db"),
                point("2026-06-01T10:50:00Z", "web")));

    assertEquals(Set.of("cart", "web"), KnownServices.of(HourlyMetrics.of(oneEach), oneEach, logs));
    assertEquals(
        Set.of("api", "cart", "db", "web"),
        KnownServices.of(HourlyMetrics.of(threeInAnHour), threeInAnHour, logs));
  }

  @Test
  void anHourNamingThreeServicesIsAnsweredFromThePoints(SparkSession spark) {
    // The roll-up keeps an hour's smallest and largest service: "db" in between is only in the
    // points.
    Dataset<Row> m =
        metrics(
            spark,
            List.of(
                point("2026-06-01T10:05:00Z", "api"),
                point("2026-06-01T10:20:00Z", "db"),
                point("2026-06-01T10:50:00Z", "web")));

    assertEquals(Set.of("api", "db", "web"), known(m));
  }
}
