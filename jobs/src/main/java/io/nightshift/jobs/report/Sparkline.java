package io.nightshift.jobs.report;

/** A word-sized trend line (Tufte's sparkline) for table cells, e.g. a family's weekly counts. */
public final class Sparkline {
  static final int WIDTH = 120;
  static final int HEIGHT = 24;

  private Sparkline() {}

  /**
   * Draws {@code values} left to right, scaled to their own min and max, with a dot on the last.
   * Non-finite values are skipped. An empty or all-missing series gives an empty frame.
   *
   * @param label accessible name (e.g. "weekly incidents of family X")
   */
  public static String render(double[] values, String label) {
    Svg svg = new Svg(WIDTH, HEIGHT, "chart spark", label);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (lo > hi) {
      return svg.element(
              "line",
              "x1",
              "2",
              "y1",
              "12",
              "x2",
              "118",
              "y2",
              "12",
              "stroke",
              "#ccc",
              "stroke-dasharray",
              "2 3")
          .end();
    }
    double span = hi > lo ? hi - lo : 1;
    double step = values.length > 1 ? (WIDTH - 6.0) / (values.length - 1) : 0;
    StringBuilder pts = new StringBuilder();
    double lastX = 0;
    double lastY = 0;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        continue;
      }
      lastX = 3 + i * step;
      lastY = HEIGHT - 3 - (values[i] - lo) / span * (HEIGHT - 6);
      if (hi == lo) {
        lastY = HEIGHT / 2.0;
      }
      pts.append(Svg.num(lastX)).append(',').append(Svg.num(lastY)).append(' ');
    }
    return svg.element(
            "polyline",
            "class",
            "spark-line",
            "points",
            pts.toString().trim(),
            "fill",
            "none",
            "stroke",
            "#3465a4",
            "stroke-width",
            "1.5")
        .element("circle", "cx", Svg.num(lastX), "cy", Svg.num(lastY), "r", "2", "fill", "#cc0000")
        .end();
  }
}
