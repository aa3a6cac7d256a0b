package io.nightshift.jobs.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The chart of one anomaly event: the series' samples around it (a counter's as its rate per
 * second, the unit the anomalies table uses for counters), the expected value when the event began
 * as a dashed line over the event, and the expected band then shaded over the event. Drawn with
 * {@link TimeChart}.
 */
final class AnomalyChart {
  private AnomalyChart() {}

  /**
   * @param samples the series' samples around the event, in time order
   * @param start event start (epoch seconds)
   * @param end event end (epoch seconds)
   */
  static String render(
      String label,
      List<TimeChart.Point> samples,
      long start,
      long end,
      double expected,
      double lower,
      double upper) {
    long to = end > start ? end : start + 60;
    TimeChart chart = new TimeChart(label).history(asRates(samples));
    if (Double.isFinite(lower) && Double.isFinite(upper)) {
      chart.band(
          List.of(new TimeChart.Point(start, lower), new TimeChart.Point(to, lower)),
          List.of(new TimeChart.Point(start, upper), new TimeChart.Point(to, upper)));
    }
    if (Double.isFinite(expected)) {
      chart.median(
          List.of(new TimeChart.Point(start, expected), new TimeChart.Point(to, expected)));
    }
    return chart.render();
  }

  /**
   * The samples as the detector saw them: a monotonic counter (at least 10 samples, four in five
   * steps up and at most one in ten down) as its rate per second between consecutive samples
   * (resets left out); any other series as it is.
   */
  static List<TimeChart.Point> asRates(List<TimeChart.Point> s) {
    if (s.size() < 10) {
      return s;
    }
    int down = 0;
    int up = 0;
    for (int i = 1; i < s.size(); i++) {
      down += s.get(i).v() < s.get(i - 1).v() ? 1 : 0;
      up += s.get(i).v() > s.get(i - 1).v() ? 1 : 0;
    }
    if (down > (s.size() - 1) / 10 || up < 0.8 * (s.size() - 1)) {
      return s;
    }
    List<TimeChart.Point> rates = new ArrayList<>(s.size());
    for (int i = 1; i < s.size(); i++) {
      long dt = s.get(i).t() - s.get(i - 1).t();
      double dv = s.get(i).v() - s.get(i - 1).v();
      if (dt > 0 && dv >= 0) {
        rates.add(new TimeChart.Point(s.get(i).t(), dv / dt));
      }
    }
    return rates;
  }
}
