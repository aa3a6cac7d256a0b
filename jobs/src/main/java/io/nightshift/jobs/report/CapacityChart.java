package io.nightshift.jobs.report;

import static io.nightshift.jobs.schema.CapacityForecastTable.CONFIDENCE;
import static io.nightshift.jobs.schema.CapacityForecastTable.CONFIDENCE_HIGH;
import static io.nightshift.jobs.schema.CapacityForecastTable.CONFIDENCE_NOTE;
import static io.nightshift.jobs.schema.CapacityForecastTable.CROSSING_AT;
import static io.nightshift.jobs.schema.CapacityForecastTable.DAYS_P50;
import static io.nightshift.jobs.schema.CapacityForecastTable.DAYS_P90;
import static io.nightshift.jobs.schema.CapacityForecastTable.DAYS_TO_FULL;
import static io.nightshift.jobs.schema.CapacityForecastTable.ENTITY;
import static io.nightshift.jobs.schema.CapacityForecastTable.FORECAST_ORIGIN;
import static io.nightshift.jobs.schema.CapacityForecastTable.HORIZON_DAYS;
import static io.nightshift.jobs.schema.CapacityForecastTable.P10_PATH;
import static io.nightshift.jobs.schema.CapacityForecastTable.P50_90D;
import static io.nightshift.jobs.schema.CapacityForecastTable.P50_PATH;
import static io.nightshift.jobs.schema.CapacityForecastTable.P90_90D;
import static io.nightshift.jobs.schema.CapacityForecastTable.P90_PATH;
import static io.nightshift.jobs.schema.CapacityForecastTable.RESOURCE;
import static io.nightshift.jobs.schema.CapacityForecastTable.SERVICE;
import static io.nightshift.jobs.schema.CapacityForecastTable.SKILL;
import static io.nightshift.jobs.schema.CapacityForecastTable.THRESHOLD_PCT;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * One resource's capacity_forecast row as a chart and a few sentences: the last {@link
 * #HISTORY_DAYS} days of utilisation history, the table's own hourly median forecast path with its
 * p10-p90 band from the forecast origin to a little past the crossing (at least a week, at most the
 * stored {@link io.nightshift.jobs.schema.CapacityForecastTable#PATH_HOURS} hours), the threshold,
 * and the crossing marked at the first drawn median point at or above it (the table's crossing
 * time). The y axis is 0-100% of capacity; the 90-day outlook is given in words.
 */
final class CapacityChart {
  /** Days of history drawn before the forecast origin. */
  static final int HISTORY_DAYS = 30;

  private static final long HOUR = 3_600;
  private static final long DAY = 86_400;

  private CapacityChart() {}

  /** The first second of history a chart draws for a forecast made at {@code origin}. */
  static long historyStart(long origin) {
    return origin - HISTORY_DAYS * DAY;
  }

  static String key(String entity, String metric) {
    return entity + "\u0000" + metric;
  }

  static CapacityReport.Resource resource(
      Row r, Map<String, List<TimeChart.Point>> history, String anchor) {
    String entity = r.getAs(ENTITY);
    String metric = r.getAs(RESOURCE);
    Instant origin = r.<Timestamp>getAs(FORECAST_ORIGIN).toInstant();
    long o = origin.getEpochSecond();
    List<TimeChart.Point> past =
        history.getOrDefault(key(entity, metric), List.of()).stream()
            .filter(p -> p.t() >= historyStart(o) && p.t() <= o)
            .toList();
    int hours = hoursDrawn(r);
    List<TimeChart.Point> median = path(r, P50_PATH, o, hours);
    double threshold = r.<Double>getAs(THRESHOLD_PCT);
    TimeChart chart =
        new TimeChart(metric + " on " + entity + ", percent of capacity")
            .history(past)
            .median(median)
            .band(path(r, P10_PATH, o, hours), path(r, P90_PATH, o, hours))
            .threshold(threshold)
            .yRange(0, 100);
    Timestamp crossing = r.getAs(CROSSING_AT);
    if (crossing != null && crossing.toInstant().getEpochSecond() <= o + hours * HOUR) {
      chart.crossing(crossing.toInstant(), "median crosses");
    } else {
      Instant p90 = CapacityWords.after(r, DAYS_P90);
      if (p90 != null && p90.getEpochSecond() <= o + hours * HOUR) {
        chart.crossing(p90, "p90 crosses");
      }
    }
    return new CapacityReport.Resource(
        anchor, entity, metric, kind(r), CapacityWords.crossing(r), lines(r), chart.render());
  }

  private static String kind(Row r) {
    if (!CONFIDENCE_HIGH.equals(r.getAs(CONFIDENCE))) {
      return "low confidence";
    }
    return r.getAs(DAYS_P50) != null ? "predicted to saturate" : "may saturate (p90)";
  }

  private static List<String> lines(Row r) {
    List<String> out = new ArrayList<>();
    String service = r.getAs(SERVICE);
    if (service != null) {
      out.add("Service " + service + ".");
    }
    out.add("Forecast " + r.getAs(SKILL) + ".");
    String note = r.getAs(CONFIDENCE_NOTE);
    if (note != null) {
      boolean low = !CONFIDENCE_HIGH.equals(r.getAs(CONFIDENCE));
      out.add((low ? "Low confidence: " : "Note: ") + note + ".");
    }
    Double p50 = r.getAs(P50_90D);
    Double p90 = r.getAs(P90_90D);
    Integer horizon = r.getAs(HORIZON_DAYS);
    if (p50 != null && p90 != null) {
      out.add(
          "In 90 days: median "
              + Cells.number(p50)
              + "% of capacity, p90 "
              + Cells.number(p90)
              + "%"
              + (r.getAs(DAYS_TO_FULL) == null
                  ? "; not full within " + (horizon == null ? 90 : horizon) + " days."
                  : "."));
    }
    return out;
  }

  /**
   * Hours of forecast drawn: a quarter past the later of the crossing and the filling (so the
   * resource is seen staying full), at least a week, at most the stored path.
   */
  static int hoursDrawn(Row r) {
    int stored = r.getList(r.fieldIndex(P50_PATH)).size();
    double until = 0;
    for (String c : new String[] {DAYS_P50, DAYS_P90, DAYS_TO_FULL}) {
      Double d = r.getAs(c);
      if (d != null) {
        until = Math.max(until, d * 24);
      }
    }
    int wanted = (int) Math.ceil(Math.max(7 * 24, until * 1.25));
    return Math.min(stored, wanted);
  }

  /** The first {@code hours} points of a path column, hour i + 1 after the origin. */
  static List<TimeChart.Point> path(Row r, String column, long origin, int hours) {
    List<Object> v = r.getList(r.fieldIndex(column));
    List<TimeChart.Point> out = new ArrayList<>(hours);
    for (int i = 0; i < Math.min(hours, v.size()); i++) {
      Object x = v.get(i);
      out.add(
          new TimeChart.Point(
              origin + (i + 1) * HOUR, x == null ? Double.NaN : ((Number) x).doubleValue()));
    }
    return out;
  }
}
