package io.nightshift.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.InputTables;
import io.nightshift.jobs.io.ModelStore;
import io.nightshift.jobs.schema.AnomaliesTable;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.stages.RunContext;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The anomalies page charts each shown event's series around it. What reaches the driver is bounded
 * by the number of charts, not by the metrics' resolution, and a spike stays on the chart.
 */
@ExtendWith(SparkExtension.class)
class AnomalyChartSamplesTest {
  private static final Instant START = Instant.parse("2026-06-30T10:00:00Z");
  private static final LocalDate DAY = LocalDate.parse("2026-06-30");

  @Test
  void secondBySecondMetricsAreDecimatedToTheBucketsKeepingTheSpike(
      SparkSession spark, @TempDir Path dir) {
    List<Row> points = series(1, 99.0);
    Map<String, List<TimeChart.Point>> charts = charts(spark, dir, points);
    List<TimeChart.Point> chart = charts.values().iterator().next();
    assertTrue(
        chart.size() <= 2 * AnomalyChartSamples.CHART_BUCKETS,
        chart.size() + " points of " + points.size());
    assertTrue(chart.stream().anyMatch(p -> p.v() == 99.0), "the spike is drawn");
    for (int i = 1; i < chart.size(); i++) {
      assertTrue(chart.get(i - 1).t() <= chart.get(i).t(), "in time order");
    }
  }

  @Test
  void fiveMinuteMetricsAreChartedPointForPoint(SparkSession spark, @TempDir Path dir) {
    List<Row> points = series(300, 99.0);
    List<TimeChart.Point> chart = charts(spark, dir, points).values().iterator().next();
    assertEquals(points.size(), chart.size());
  }

  /** One series sampled every {@code step} seconds over the charted span, with one spike. */
  private static List<Row> series(int step, double spike) {
    List<Row> rows = new ArrayList<>();
    Instant from = START.minusSeconds(AnomalyChartSamples.BEFORE_HOURS * 3600);
    Instant to = START.plusSeconds(AnomalyChartSamples.AFTER_HOURS * 3600);
    for (Instant t = from; t.isBefore(to); t = t.plusSeconds(step)) {
      double v = t.equals(START) ? spike : 40.0 + (t.getEpochSecond() / step) % 5;
      rows.add(Fixtures.row(Timestamp.from(t), "h1", "cpu_used_pct", v, "web", 100.0));
    }
    return rows;
  }

  private static Map<String, List<TimeChart.Point>> charts(
      SparkSession spark, Path dir, List<Row> points) {
    Dataset<Row> metrics =
        Fixtures.rows(spark, InputTable.METRICS, points.toArray(new Row[0])).cache();
    Instant end = DAY.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    NightshiftConfig c = Fixtures.config(dir, dir.resolve("out"));
    RunContext ctx =
        new RunContext(
            spark,
            c,
            DAY,
            new InputTables(Map.of(InputTable.METRICS, metrics), end.minusSeconds(7 * 86400), end),
            new ModelStore(
                dir.resolve("out").toString(), spark.sparkContext().hadoopConfiguration(), DAY));
    StructType shownSchema =
        new StructType()
            .add(AnomaliesTable.ENTITY, DataTypes.StringType)
            .add(AnomaliesTable.METRIC, DataTypes.StringType)
            .add(AnomaliesTable.START, DataTypes.TimestampType)
            .add(AnomaliesTable.END, DataTypes.TimestampType);
    Dataset<Row> shown =
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    "h1", "cpu_used_pct", Timestamp.from(START), Timestamp.from(START))),
            shownSchema);
    return AnomalyChartSamples.of(ctx, shown.collectAsList());
  }
}
