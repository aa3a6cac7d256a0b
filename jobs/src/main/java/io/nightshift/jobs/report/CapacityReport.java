package io.nightshift.jobs.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.unix_seconds;

import io.nightshift.jobs.config.ReportSettings;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.stages.RunContext;
import java.sql.Timestamp;
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

/**
 * The capacity page: every resource predicted to saturate, soonest first, each with a chart of its
 * history (averaged into buckets in Spark), the forecast median and band, the threshold and the
 * crossing; and the fleet table with every forecast resource (all rows in {@code capacity.csv}).
 * Only the charted resources' rows and their bucketed history come to the driver.
 */
final class CapacityReport {
  static final String TABLE = "capacity_forecast";
  static final String CSV = "capacity.csv";
  private static final String CROSSING = "crossing_at_";
  private static final String DAYS = "days_left_";

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
    Optional<Dataset<Row>> maybe = ctx.table(TABLE);
    if (maybe.isEmpty()) {
      return unavailable("the capacity_forecast table was not written by this run");
    }
    Dataset<Row> t = maybe.get();
    StringBuilder why = new StringBuilder();
    Optional<ForecastColumns> found = ForecastColumns.of(t, why);
    if (found.isEmpty()) {
      return unavailable(why.toString());
    }
    ForecastColumns c = found.get();
    long end = ctx.windowEnd().getEpochSecond();
    Column crossing =
        c.crossing().isPresent()
            ? col(c.crossing().get()).cast("timestamp")
            : c.daysLeft().isPresent()
                ? timestamp_seconds(
                    lit(end).plus(col(c.daysLeft().get()).multiply(86_400)).cast("long"))
                : timestamp_seconds(
                    lit(end).plus(col(c.hoursLeft().get()).multiply(3_600)).cast("long"));
    Dataset<Row> ranked =
        t.withColumn(CROSSING, crossing)
            .withColumn(DAYS, unix_seconds(col(CROSSING)).minus(end).divide(86_400.0))
            .orderBy(col(CROSSING).asc_nulls_last(), col(c.entity()), col(c.metric()));
    Dataset<Row> saturating = ranked.filter(col(CROSSING).isNotNull());
    long resources = t.count();
    long saturatingCount = saturating.count();

    List<Row> top = saturating.limit(s.chartedResources()).collectAsList();
    Map<String, List<TimeChart.Point>> history =
        history(ctx, c, saturating.limit(s.chartedResources()), s.historyBucketHours());
    List<Resource> charts = new ArrayList<>();
    int n = 0;
    for (Row r : top) {
      charts.add(resource(r, c, history, "r" + (++n)));
    }

    Dataset<Row> forCsv = ranked;
    for (Optional<String> path : List.of(c.median(), c.lower(), c.upper())) {
      if (path.isPresent()) {
        forCsv = forCsv.drop(path.get());
      }
    }
    CsvExport.write(files, CSV, forCsv, s.csvMaxRows());
    List<Row> fleetRows = ranked.limit(s.tableRows()).collectAsList();
    ReportTable fleet = ReportTable.of(fleetRows, columns(c, false), resources, CSV);
    ReportTable soonest =
        ReportTable.of(
            top.subList(0, Math.min(top.size(), s.summaryItems())),
            columns(c, true),
            saturatingCount,
            null);
    return new Model(true, null, resources, saturatingCount, charts, fleet, soonest);
  }

  private static Model unavailable(String reason) {
    return new Model(false, reason, 0, 0, List.of(), null, null);
  }

  private static Map<String, Function<Row, ReportTable.Cell>> columns(
      ForecastColumns c, boolean brief) {
    Map<String, Function<Row, ReportTable.Cell>> m = new LinkedHashMap<>();
    m.put("entity", r -> ReportTable.Cell.of(r.getAs(c.entity())));
    m.put("metric", r -> ReportTable.Cell.of(r.getAs(c.metric())));
    c.service().ifPresent(x -> m.put("service", r -> ReportTable.Cell.of(r.getAs(x))));
    m.put("predicted crossing (UTC)", r -> ReportTable.Cell.of(r.getAs(CROSSING)));
    m.put("days left", r -> ReportTable.Cell.of(r.getAs(DAYS)));
    if (!brief) {
      c.threshold().ifPresent(x -> m.put("threshold", r -> ReportTable.Cell.of(r.getAs(x))));
    }
    return m;
  }

  private static Resource resource(
      Row r, ForecastColumns c, Map<String, List<TimeChart.Point>> history, String anchor) {
    String entity = String.valueOf((Object) r.getAs(c.entity()));
    String metric = String.valueOf((Object) r.getAs(c.metric()));
    List<TimeChart.Point> past = history.getOrDefault(key(entity, metric), List.of());
    Timestamp cross = r.getAs(CROSSING);
    TimeChart chart =
        new TimeChart(metric + " on " + entity)
            .history(past)
            .crossing(cross == null ? null : cross.toInstant());
    Double threshold = number(r, c.threshold());
    if (threshold != null) {
      chart.threshold(threshold);
    }
    Long origin =
        c.origin()
            .map(
                o -> r.isNullAt(r.fieldIndex(o)) ? null : ((Timestamp) r.getAs(o)).getTime() / 1000)
            .orElse(past.isEmpty() ? null : past.get(past.size() - 1).t());
    Double step = number(r, c.stepSeconds());
    long stepSeconds = step == null || step <= 0 ? 3_600 : step.longValue();
    if (origin != null) {
      List<TimeChart.Point> median = path(r, c.median(), origin, stepSeconds);
      List<TimeChart.Point> lower = path(r, c.lower(), origin, stepSeconds);
      List<TimeChart.Point> upper = path(r, c.upper(), origin, stepSeconds);
      chart.median(median);
      if (!lower.isEmpty() && lower.size() == upper.size()) {
        chart.band(lower, upper);
      }
    }
    String range =
        c.crossingLow().isPresent() && c.crossingHigh().isPresent()
            ? Cells.text(r.getAs(c.crossingLow().get()))
                + " to "
                + Cells.text(r.getAs(c.crossingHigh().get()))
            : null;
    return new Resource(
        anchor,
        entity,
        metric,
        c.service().map(x -> Cells.text(r.getAs(x))).orElse(null),
        Cells.text(cross),
        range,
        Cells.text(r.getAs(DAYS)),
        threshold == null ? null : Cells.number(threshold),
        past.isEmpty() ? null : Cells.number(past.get(past.size() - 1).v()),
        chart.render());
  }

  private static Double number(Row r, Optional<String> column) {
    if (column.isEmpty() || r.isNullAt(r.fieldIndex(column.get()))) {
      return null;
    }
    return ((Number) r.getAs(column.get())).doubleValue();
  }

  private static List<TimeChart.Point> path(
      Row r, Optional<String> column, long origin, long step) {
    if (column.isEmpty() || r.isNullAt(r.fieldIndex(column.get()))) {
      return List.of();
    }
    List<Object> values = r.getList(r.fieldIndex(column.get()));
    List<TimeChart.Point> out = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      if (v instanceof Number num) {
        out.add(new TimeChart.Point(origin + (i + 1) * step, num.doubleValue()));
      }
    }
    return out;
  }

  /** Bucketed mean history of the given resources, computed in Spark; small by construction. */
  private static Map<String, List<TimeChart.Point>> history(
      RunContext ctx, ForecastColumns c, Dataset<Row> chosen, int bucketHours) {
    long bucket = bucketHours * 3_600L;
    Dataset<Row> keys =
        chosen.select(
            col(c.entity()).cast("string").as("k_entity"), col(c.metric()).as("k_metric"));
    Dataset<Row> m = ctx.inputs().metrics();
    List<Row> rows =
        m.join(
                broadcast(keys),
                m.col(Cols.ENTITY)
                    .equalTo(col("k_entity"))
                    .and(m.col(Cols.METRIC).equalTo(col("k_metric"))))
            .groupBy(
                col("k_entity"),
                col("k_metric"),
                floor(unix_seconds(m.col(Cols.TS)).divide(bucket)).multiply(bucket).as("t"))
            .agg(avg(m.col(Cols.VALUE)).as("v"))
            .orderBy("k_entity", "k_metric", "t")
            .collectAsList();
    Map<String, List<TimeChart.Point>> out = new HashMap<>();
    for (Row r : rows) {
      out.computeIfAbsent(key(r.getString(0), r.getString(1)), k -> new ArrayList<>())
          .add(new TimeChart.Point(r.getLong(2) + bucket / 2, r.getDouble(3)));
    }
    return out;
  }

  private static String key(String entity, String metric) {
    return entity + "\u0000" + metric;
  }
}
