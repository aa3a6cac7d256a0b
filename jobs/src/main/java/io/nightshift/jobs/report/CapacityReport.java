package io.nightshift.jobs.report;

import static io.nightshift.jobs.schema.CapacityForecastTable.CAPACITY;
import static io.nightshift.jobs.schema.CapacityForecastTable.CONFIDENCE;
import static io.nightshift.jobs.schema.CapacityForecastTable.CONFIDENCE_NOTE;
import static io.nightshift.jobs.schema.CapacityForecastTable.CROSSING_AT;
import static io.nightshift.jobs.schema.CapacityForecastTable.CURRENT_UTILISATION_PCT;
import static io.nightshift.jobs.schema.CapacityForecastTable.DAYS_P10;
import static io.nightshift.jobs.schema.CapacityForecastTable.DAYS_P50;
import static io.nightshift.jobs.schema.CapacityForecastTable.DAYS_P90;
import static io.nightshift.jobs.schema.CapacityForecastTable.DAYS_TO_FULL;
import static io.nightshift.jobs.schema.CapacityForecastTable.ENTITY;
import static io.nightshift.jobs.schema.CapacityForecastTable.FORECAST_ORIGIN;
import static io.nightshift.jobs.schema.CapacityForecastTable.FULL_AT;
import static io.nightshift.jobs.schema.CapacityForecastTable.HORIZON_DAYS;
import static io.nightshift.jobs.schema.CapacityForecastTable.P10_PATH;
import static io.nightshift.jobs.schema.CapacityForecastTable.P50_90D;
import static io.nightshift.jobs.schema.CapacityForecastTable.P50_PATH;
import static io.nightshift.jobs.schema.CapacityForecastTable.P90_90D;
import static io.nightshift.jobs.schema.CapacityForecastTable.P90_PATH;
import static io.nightshift.jobs.schema.CapacityForecastTable.RESOURCE;
import static io.nightshift.jobs.schema.CapacityForecastTable.SERVICE;
import static io.nightshift.jobs.schema.CapacityForecastTable.SKILL;
import static io.nightshift.jobs.schema.CapacityForecastTable.STATUS;
import static io.nightshift.jobs.schema.CapacityForecastTable.THRESHOLD_PCT;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.config.ReportSettings;
import io.nightshift.jobs.schema.CapacityForecastTable;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.HourlyMetrics;
import io.nightshift.jobs.stages.RunContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The capacity page and the summary's capacity lines, read through {@link CapacityForecastTable}'s
 * declared columns. Resources, not rows, are counted and listed: each resource is shown once, by
 * its earliest threshold crossing, in one of three lists: predicted to saturate (the median path
 * crosses, confident forecast), may saturate (only the p90 path crosses, confident forecast) and
 * low confidence (a crossing by a forecast that was no better than naive in its backtest, or rests
 * on too little data; listed with why, never headlined). The charts draw the table's own hourly
 * forecast paths; only the listed resources' rows and their bucketed history reach the driver.
 */
final class CapacityReport {
  static final String CSV = "capacity.csv";

  /** The columns the page reads; a table without them is reported as unavailable. */
  static final String[] REQUIRED = {
    ENTITY,
    RESOURCE,
    SERVICE,
    CAPACITY,
    THRESHOLD_PCT,
    CURRENT_UTILISATION_PCT,
    DAYS_P10,
    DAYS_P50,
    DAYS_P90,
    CROSSING_AT,
    DAYS_TO_FULL,
    FULL_AT,
    STATUS,
    SKILL,
    CONFIDENCE,
    CONFIDENCE_NOTE,
    FORECAST_ORIGIN,
    HORIZON_DAYS,
    P50_90D,
    P90_90D,
    P10_PATH,
    P50_PATH,
    P90_PATH
  };

  /** One charted resource: its headline, the sentences under it and the chart. */
  record Resource(
      String anchor,
      String entity,
      String metric,
      String kind,
      String headline,
      List<String> lines,
      String svg) {}

  /** What the capacity page and the summary show. */
  record Model(
      boolean available,
      String reason,
      long resources,
      long saturating,
      long maySaturate,
      long lowConfidence,
      String headline,
      List<Resource> charts,
      ReportTable fleet,
      ReportTable soonest,
      ReportTable predicted,
      ReportTable may,
      ReportTable low) {}

  private CapacityReport() {}

  static Model build(RunContext ctx, ReportSettings s, SiteFiles files) {
    Optional<Dataset<Row>> maybe = ctx.table(CapacityForecastTable.NAME);
    if (maybe.isEmpty()) {
      return unavailable("the capacity_forecast table was not written by this run");
    }
    Dataset<Row> t = maybe.get();
    List<String> missing = Arrays.stream(REQUIRED).filter(c -> !Columns.hasAll(t, c)).toList();
    if (!missing.isEmpty()) {
      return unavailable("capacity_forecast lacks the columns " + missing);
    }
    CapacityLists lists = CapacityLists.of(t, s.tableRows(), s.chartedResources(), s.tableRows());
    Dataset<Row> flat = t.drop(P10_PATH, P50_PATH, P90_PATH);
    Dataset<Row> ranked =
        flat.orderBy(
            col(DAYS_P50).asc_nulls_last(), col(ENTITY), col(RESOURCE), col(THRESHOLD_PCT));
    long resources = lists.resources();
    long saturating = lists.saturatingCount();
    long may = lists.mayCount();
    long low = lists.lowCount();
    List<Row> will = lists.saturating();
    List<Row> mayRows = lists.may();
    List<Row> lowRows = lists.low();
    List<Row> charted =
        new ArrayList<>(will.subList(0, Math.min(will.size(), s.chartedResources())));
    mayRows.stream()
        .limit(Math.max(0, s.chartedResources() - charted.size()))
        .forEach(charted::add);
    lowRows.stream()
        .limit(Math.max(0, s.chartedResources() - charted.size()))
        .forEach(charted::add);
    Map<String, List<TimeChart.Point>> history = history(ctx, charted, s.historyBucketHours());
    List<Resource> charts = new ArrayList<>();
    for (Row r : charted) {
      charts.add(CapacityChart.resource(r, history, "r" + (charts.size() + 1)));
    }
    CsvExport.Written csv =
        CsvExport.write(files, CSV, ranked, ranked.columns().length, s.csvMaxRows(), s.tableRows());
    ReportTable fleet =
        ReportTable.of(
            csv.first(), fleetColumns(), csv.complete() ? csv.rows() : flat.count(), CSV);
    ReportTable soonest =
        ReportTable.of(
            will.subList(0, Math.min(will.size(), s.summaryItems())),
            resourceColumns(),
            saturating,
            null);
    ReportTable saturatingTable = ReportTable.of(will, resourceColumns(), saturating, null);
    ReportTable mayTable = ReportTable.of(mayRows, resourceColumns(), may, null);
    ReportTable lowTable = ReportTable.of(lowRows, lowColumns(), low, null);
    String headline =
        CapacityWords.headline(
            will.isEmpty() ? null : will.get(0), saturating, may, low, resources);
    return new Model(
        true,
        null,
        resources,
        saturating,
        may,
        low,
        headline,
        charts,
        fleet,
        soonest,
        saturatingTable,
        mayTable,
        lowTable);
  }

  private static Model unavailable(String reason) {
    return new Model(false, reason, 0, 0, 0, 0, null, List.of(), null, null, null, null, null);
  }

  /** One row a resource: its earliest crossing, when it is full, and the forecast's skill. */
  private static Map<String, Function<Row, ReportTable.Cell>> resourceColumns() {
    Map<String, Function<Row, ReportTable.Cell>> m = new LinkedHashMap<>();
    m.put("entity", r -> cell(r, ENTITY));
    m.put("resource", r -> cell(r, RESOURCE));
    m.put("service", r -> cell(r, SERVICE));
    m.put("now %", r -> cell(r, CURRENT_UTILISATION_PCT));
    m.put("threshold %", r -> cell(r, THRESHOLD_PCT));
    m.put("median crossing (UTC)", r -> cell(r, CROSSING_AT));
    m.put("days (median)", r -> cell(r, DAYS_P50));
    m.put("days p90-p10", r -> ReportTable.Cell.of(CapacityWords.dayRange(r)));
    m.put("full (100%) on (UTC)", r -> cell(r, FULL_AT));
    m.put("forecast skill", r -> cell(r, SKILL));
    return m;
  }

  private static Map<String, Function<Row, ReportTable.Cell>> lowColumns() {
    Map<String, Function<Row, ReportTable.Cell>> m = new LinkedHashMap<>();
    m.put("entity", r -> cell(r, ENTITY));
    m.put("resource", r -> cell(r, RESOURCE));
    m.put("now %", r -> cell(r, CURRENT_UTILISATION_PCT));
    m.put("threshold %", r -> cell(r, THRESHOLD_PCT));
    m.put("forecast crossing (UTC)", r -> ReportTable.Cell.of(CapacityWords.anyCrossing(r)));
    m.put("why low confidence", r -> cell(r, CONFIDENCE_NOTE));
    return m;
  }

  private static Map<String, Function<Row, ReportTable.Cell>> fleetColumns() {
    Map<String, Function<Row, ReportTable.Cell>> m = new LinkedHashMap<>();
    m.put("entity", r -> cell(r, ENTITY));
    m.put("resource", r -> cell(r, RESOURCE));
    m.put("service", r -> cell(r, SERVICE));
    m.put("threshold %", r -> cell(r, THRESHOLD_PCT));
    m.put("now %", r -> cell(r, CURRENT_UTILISATION_PCT));
    m.put("status", r -> cell(r, STATUS));
    m.put("days (median)", r -> cell(r, DAYS_P50));
    m.put("median crossing (UTC)", r -> cell(r, CROSSING_AT));
    m.put("days (p90, earliest)", r -> cell(r, DAYS_P90));
    m.put("days (p10, latest)", r -> cell(r, DAYS_P10));
    m.put("days to full", r -> cell(r, DAYS_TO_FULL));
    m.put("confidence", r -> cell(r, CONFIDENCE));
    m.put("forecast skill", r -> cell(r, SKILL));
    m.put("forecast from", r -> cell(r, FORECAST_ORIGIN));
    return m;
  }

  private static ReportTable.Cell cell(Row r, String column) {
    return ReportTable.Cell.of(r.getAs(column));
  }

  /**
   * Bucketed mean history of the charted resources as percent of their capacity (at most 100),
   * computed in Spark from the run's hourly roll-up; small by construction (resources x buckets).
   * Reads only the hours a chart can draw: from a bucket before the earliest charted resource's
   * {@link CapacityChart#historyStart} (a drawn bucket keeps all of its hours), not the whole
   * window.
   */
  private static Map<String, List<TimeChart.Point>> history(
      RunContext ctx, List<Row> charted, int bucketHours) {
    Map<String, List<TimeChart.Point>> out = new HashMap<>();
    if (charted.isEmpty()) {
      return out;
    }
    long bucket = bucketHours * 3_600L;
    List<Row> keyRows = new ArrayList<>();
    for (Row r : charted) {
      keyRows.add(
          org.apache.spark.sql.RowFactory.create(
              r.<String>getAs(ENTITY), r.<String>getAs(RESOURCE), r.<Double>getAs(CAPACITY)));
    }
    Dataset<Row> keys =
        ctx.spark()
            .createDataFrame(
                keyRows,
                new org.apache.spark.sql.types.StructType()
                    .add("k_entity", "string")
                    .add("k_metric", "string")
                    .add("k_capacity", "double"));
    long firstOrigin =
        charted.stream()
            .mapToLong(r -> r.<Timestamp>getAs(FORECAST_ORIGIN).toInstant().getEpochSecond())
            .min()
            .getAsLong();
    Instant from = Instant.ofEpochSecond(CapacityChart.historyStart(firstOrigin) - bucket);
    Dataset<Row> m =
        ctx.hourlyMetrics().filter(col(HourlyMetrics.HOUR).geq(lit(Timestamp.from(from))));
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
                when(
                        col("k_capacity").gt(0),
                        org.apache.spark.sql.functions.least(
                            col("mean_").divide(col("k_capacity")).multiply(100),
                            org.apache.spark.sql.functions.lit(100.0)))
                    .otherwise(col("mean_"))
                    .as("v"))
            .orderBy("k_entity", "k_metric", "t")
            .collectAsList();
    for (Row r : rows) {
      out.computeIfAbsent(CapacityChart.key(r.getString(0), r.getString(1)), k -> new ArrayList<>())
          .add(new TimeChart.Point(r.getLong(2) + bucket / 2, r.getDouble(3)));
    }
    return out;
  }
}
