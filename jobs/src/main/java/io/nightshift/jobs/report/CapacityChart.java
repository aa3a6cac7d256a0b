package io.nightshift.jobs.report;

import static io.nightshift.jobs.schema.CapacityForecastTable.CURRENT_UTILISATION_PCT;
import static io.nightshift.jobs.schema.CapacityForecastTable.DAYS_P10;
import static io.nightshift.jobs.schema.CapacityForecastTable.DAYS_P50;
import static io.nightshift.jobs.schema.CapacityForecastTable.DAYS_P90;
import static io.nightshift.jobs.schema.CapacityForecastTable.ENTITY;
import static io.nightshift.jobs.schema.CapacityForecastTable.FORECAST_ORIGIN;
import static io.nightshift.jobs.schema.CapacityForecastTable.P50_30D;
import static io.nightshift.jobs.schema.CapacityForecastTable.P50_7D;
import static io.nightshift.jobs.schema.CapacityForecastTable.P50_90D;
import static io.nightshift.jobs.schema.CapacityForecastTable.P90_30D;
import static io.nightshift.jobs.schema.CapacityForecastTable.P90_7D;
import static io.nightshift.jobs.schema.CapacityForecastTable.P90_90D;
import static io.nightshift.jobs.schema.CapacityForecastTable.RESOURCE;
import static io.nightshift.jobs.schema.CapacityForecastTable.SERVICE;
import static io.nightshift.jobs.schema.CapacityForecastTable.STATUS;
import static io.nightshift.jobs.schema.CapacityForecastTable.THRESHOLD_PCT;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One capacity_forecast row as a chart: utilisation history, the forecast median and the p50-p90
 * band through the table's 7/30/90-day points (starting at the current utilisation at the forecast
 * origin), the threshold and the median crossing (days counted from the origin).
 */
final class CapacityChart {
  private static final long DAY = 86_400;
  private static final String[][] HORIZONS = {
    {"7", P50_7D, P90_7D}, {"30", P50_30D, P90_30D}, {"90", P50_90D, P90_90D}
  };

  private CapacityChart() {}

  static String key(String entity, String metric) {
    return entity + "\u0000" + metric;
  }

  /** The time {@code daysColumn} days after the row's forecast origin (or {@code fallback}). */
  static Instant crossing(Row r, Dataset<Row> t, String daysColumn, Instant fallback) {
    Double days = number(r, daysColumn);
    Instant origin = origin(r, fallback);
    if (days == null || origin == null) {
      return null;
    }
    return origin.plusSeconds(Math.round(days * DAY));
  }

  static CapacityReport.Resource resource(
      Row r,
      Dataset<Row> t,
      Map<String, List<TimeChart.Point>> history,
      Instant windowEnd,
      String anchor) {
    String entity = String.valueOf((Object) r.getAs(ENTITY));
    String metric = String.valueOf((Object) r.getAs(RESOURCE));
    List<TimeChart.Point> past = history.getOrDefault(key(entity, metric), List.of());
    Instant origin = origin(r, windowEnd);
    Instant cross = crossing(r, t, DAYS_P50, windowEnd);
    TimeChart chart =
        new TimeChart(metric + " on " + entity + ", percent of capacity").history(past);
    chart.crossing(cross);
    Double threshold = number(r, THRESHOLD_PCT);
    if (threshold != null) {
      chart.threshold(threshold);
    }
    Double now = number(r, CURRENT_UTILISATION_PCT);
    List<TimeChart.Point> median = new ArrayList<>();
    List<TimeChart.Point> upper = new ArrayList<>();
    if (now != null) {
      median.add(new TimeChart.Point(origin.getEpochSecond(), now));
      upper.add(new TimeChart.Point(origin.getEpochSecond(), now));
    }
    for (String[] h : HORIZONS) {
      Double p50 = number(r, h[1]);
      Double p90 = number(r, h[2]);
      if (p50 != null && p90 != null) {
        long at = origin.getEpochSecond() + Long.parseLong(h[0]) * DAY;
        median.add(new TimeChart.Point(at, p50));
        upper.add(new TimeChart.Point(at, p90));
      }
    }
    if (median.size() > 1) {
      chart.median(median).band(median, upper);
    }
    Instant early = crossing(r, t, DAYS_P90, windowEnd);
    Instant late = crossing(r, t, DAYS_P10, windowEnd);
    String range =
        early == null
            ? null
            : Cells.text(early)
                + " (p90) to "
                + (late == null ? "beyond the horizon" : Cells.text(late) + " (p10)");
    return new CapacityReport.Resource(
        anchor,
        entity,
        metric,
        Columns.find(t, SERVICE).map(c -> Cells.text(r.getAs(c))).orElse(null),
        Cells.text(cross),
        range,
        Cells.text(r.getAs(DAYS_P50)),
        threshold == null ? null : Cells.number(threshold) + "%",
        now == null ? null : Cells.number(now) + "%",
        Columns.find(t, STATUS).map(c -> Cells.text(r.getAs(c))).orElse(null),
        chart.render());
  }

  private static Instant origin(Row r, Instant fallback) {
    int i = fieldIndex(r, FORECAST_ORIGIN);
    if (i < 0 || r.isNullAt(i)) {
      return fallback;
    }
    return ((Timestamp) r.get(i)).toInstant();
  }

  private static Double number(Row r, String column) {
    int i = fieldIndex(r, column);
    if (i < 0 || r.isNullAt(i) || !(r.get(i) instanceof Number n)) {
      return null;
    }
    return n.doubleValue();
  }

  private static int fieldIndex(Row r, String column) {
    return r.schema() == null
        ? -1
        : java.util.Arrays.asList(r.schema().fieldNames()).indexOf(column);
  }
}
