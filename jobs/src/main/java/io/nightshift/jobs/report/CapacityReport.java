package io.nightshift.jobs.report;

import static io.nightshift.jobs.schema.CapacityForecastTable.CAPACITY;
import static io.nightshift.jobs.schema.CapacityForecastTable.CURRENT_UTILISATION_PCT;
import static io.nightshift.jobs.schema.CapacityForecastTable.DAYS_P10;
import static io.nightshift.jobs.schema.CapacityForecastTable.DAYS_P50;
import static io.nightshift.jobs.schema.CapacityForecastTable.DAYS_P90;
import static io.nightshift.jobs.schema.CapacityForecastTable.ENTITY;
import static io.nightshift.jobs.schema.CapacityForecastTable.FORECAST_ORIGIN;
import static io.nightshift.jobs.schema.CapacityForecastTable.RESOURCE;
import static io.nightshift.jobs.schema.CapacityForecastTable.SERVICE;
import static io.nightshift.jobs.schema.CapacityForecastTable.STATUS;
import static io.nightshift.jobs.schema.CapacityForecastTable.THRESHOLD_PCT;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.config.ReportSettings;
import io.nightshift.jobs.schema.CapacityForecastTable;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.HourlyMetrics;
import io.nightshift.jobs.stages.RunContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The capacity page: every resource whose median forecast reaches a threshold within the horizon,
 * soonest first, each with a chart of its utilisation history (bucketed in Spark), the forecast
 * median and p90 at the table's horizons, the threshold and the predicted crossing; and the fleet
 * table of every forecast row (all rows in {@code capacity.csv}). Only the charted resources' rows
 * and their bucketed history come to the driver.
 */
final class CapacityReport {
  static final String CSV = "capacity.csv";

  /** One charted resource. */
  record Resource(
      String anchor,
      String entity,
      String metric,
      String service,
      String crossing,
      String range,
      String daysLeft,
      String threshold,
      String lastValue,
      String status,
      String svg) {}

  /** What the capacity page and the summary show. */
  record Model(
      boolean available,
      String reason,
      long resources,
      long saturating,
      List<Resource> charts,
      ReportTable fleet,
      ReportTable soonest) {}

  private CapacityReport() {}

  static Model build(RunContext ctx, ReportSettings s, SiteFiles files) {
    Optional<Dataset<Row>> maybe = ctx.table(CapacityForecastTable.NAME);
    if (maybe.isEmpty()) {
      return unavailable("the capacity_forecast table was not written by this run");
    }
    Dataset<Row> t = maybe.get();
    if (!Columns.hasAll(t, ENTITY, RESOURCE, DAYS_P50)) {
      return unavailable(
          "capacity_forecast lacks one of the columns " + List.of(ENTITY, RESOURCE, DAYS_P50));
    }
    Dataset<Row> ranked = t.orderBy(col(DAYS_P50).asc_nulls_last(), col(ENTITY), col(RESOURCE));
    Dataset<Row> saturating = t.filter(col(DAYS_P50).isNotNull());
    Dataset<Row> perResource =
        saturating
            .withColumn(
                "rn_",
                row_number()
                    .over(Window.partitionBy(ENTITY, RESOURCE).orderBy(col(DAYS_P50), col(ENTITY))))
            .filter(col("rn_").equalTo(1))
            .drop("rn_")
            .orderBy(col(DAYS_P50), col(ENTITY), col(RESOURCE))
            .limit(s.chartedResources());
    long resources = t.count();
    long saturatingCount = saturating.count();
    List<Row> top = perResource.collectAsList();
    Map<String, List<TimeChart.Point>> history =
        history(ctx, perResource, Columns.findNumeric(t, CAPACITY), s.historyBucketHours());
    List<Resource> charts = new ArrayList<>();
    for (Row r : top) {
      charts.add(CapacityChart.resource(r, t, history, ctx.windowEnd(), "r" + (charts.size() + 1)));
    }
    CsvExport.write(files, CSV, ranked, s.csvMaxRows());
    ReportTable fleet =
        ReportTable.of(
            ranked.limit(s.tableRows()).collectAsList(), columns(t, false), resources, CSV);
    List<Row> soon =
        saturating
            .orderBy(col(DAYS_P50), col(ENTITY), col(RESOURCE))
            .limit(s.summaryItems())
            .collectAsList();
    ReportTable soonest = ReportTable.of(soon, columns(t, true), saturatingCount, null);
    return new Model(true, null, resources, saturatingCount, charts, fleet, soonest);
  }

  private static Model unavailable(String reason) {
    return new Model(false, reason, 0, 0, List.of(), null, null);
  }

  private static Map<String, Function<Row, ReportTable.Cell>> columns(
      Dataset<Row> t, boolean brief) {
    Map<String, Function<Row, ReportTable.Cell>> m = new LinkedHashMap<>();
    m.put("entity", r -> ReportTable.Cell.of(r.getAs(ENTITY)));
    m.put("resource", r -> ReportTable.Cell.of(r.getAs(RESOURCE)));
    add(m, t, "service", SERVICE);
    add(m, t, "threshold %", THRESHOLD_PCT);
    add(m, t, "now %", CURRENT_UTILISATION_PCT);
    m.put("days to threshold (median)", r -> ReportTable.Cell.of(r.getAs(DAYS_P50)));
    m.put(
        "predicted crossing (UTC)",
        r -> ReportTable.Cell.of(CapacityChart.crossing(r, t, DAYS_P50, null)));
    if (!brief) {
      add(m, t, "days (p90, earliest)", DAYS_P90);
      add(m, t, "days (p10, latest)", DAYS_P10);
      add(m, t, "status", STATUS);
      add(m, t, "forecast from", FORECAST_ORIGIN);
    }
    return m;
  }

  private static void add(
      Map<String, Function<Row, ReportTable.Cell>> m, Dataset<Row> t, String heading, String c) {
    if (Columns.find(t, c).isPresent()) {
      m.put(heading, r -> ReportTable.Cell.of(r.getAs(c)));
    }
  }

  /**
   * Bucketed mean history of the chosen resources (as percent of their capacity when the table has
   * one), computed in Spark; small by construction (resources x buckets).
   */
  private static Map<String, List<TimeChart.Point>> history(
      RunContext ctx, Dataset<Row> chosen, Optional<String> capacity, int bucketHours) {
    long bucket = bucketHours * 3_600L;
    Dataset<Row> keys =
        chosen.select(
            col(ENTITY).cast("string").as("k_entity"),
            col(RESOURCE).as("k_metric"),
            (capacity.isPresent() ? col(capacity.get()) : org.apache.spark.sql.functions.lit(null))
                .cast("double")
                .as("k_capacity"));
    // From the run's hourly roll-up (shared with the capacity and risk stages), not the raw points:
    // the bucket mean is the sum of the hours' sums over their point counts.
    Dataset<Row> m = ctx.hourlyMetrics();
    Column mean = sum(col(HourlyMetrics.VALUE_SUM)).divide(sum(col(HourlyMetrics.N)));
    List<Row> rows =
        m.join(
                broadcast(keys),
                m.col(Cols.ENTITY)
                    .equalTo(col("k_entity"))
                    .and(m.col(Cols.METRIC).equalTo(col("k_metric"))))
            .groupBy(
                col("k_entity"),
                col("k_metric"),
                col("k_capacity"),
                floor(unix_seconds(col(HourlyMetrics.HOUR)).divide(bucket))
                    .multiply(bucket)
                    .as("t"))
            .agg(mean.as("mean_"))
            .select(
                col("k_entity"),
                col("k_metric"),
                col("t"),
                when(col("k_capacity").gt(0), col("mean_").divide(col("k_capacity")).multiply(100))
                    .otherwise(col("mean_"))
                    .as("v"))
            .orderBy("k_entity", "k_metric", "t")
            .collectAsList();
    Map<String, List<TimeChart.Point>> out = new HashMap<>();
    for (Row r : rows) {
      out.computeIfAbsent(CapacityChart.key(r.getString(0), r.getString(1)), k -> new ArrayList<>())
          .add(new TimeChart.Point(r.getLong(2) + bucket / 2, r.getDouble(3)));
    }
    return out;
  }
}
