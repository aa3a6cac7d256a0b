package io.nightshift.jobs.report;

/** A small horizontal bar for a table cell, e.g. an entity's risk as a share of the scale. */
public final class Bar {
  static final int WIDTH = 100;
  static final int HEIGHT = 12;

  private Bar() {}

  /**
   * Draws {@code value} as a bar filling {@code value / max} of the width (clamped to [0, 1]).
   *
   * @param label accessible name
   */
  public static String render(double value, double max, String label) {
    double share = max > 0 && Double.isFinite(value) ? Math.max(0, Math.min(1, value / max)) : 0;
    return new Svg(WIDTH, HEIGHT, "chart bar", label)
        .element(
            "rect",
            "x",
            "0",
            "y",
            "0",
            "width",
            Svg.num(WIDTH),
            "height",
            Svg.num(HEIGHT),
            "fill",
            "#eee")
        .element(
            "rect",
            "class",
            "bar-fill",
            "x",
            "0",
            "y",
            "0",
            "width",
            Svg.num(share * WIDTH),
            "height",
            Svg.num(HEIGHT),
            "fill",
            share >= 0.7 ? "#cc0000" : share >= 0.4 ? "#e07b00" : "#3465a4")
        .end();
  }
}
