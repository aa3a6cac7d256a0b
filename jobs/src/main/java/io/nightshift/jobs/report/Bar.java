package io.nightshift.jobs.report;

/**
 * A small horizontal bar for a table cell, e.g. an entity's risk as a share of the scale. Its
 * length is the value; its colour is what the page says of the row ({@link Tone}), never the bar's
 * length: the longest bar of a calm night is not an alarm.
 */
public final class Bar {
  static final int WIDTH = 100;
  static final int HEIGHT = 12;

  /** What the row's colour says. */
  public enum Tone {
    /** Nothing said of the row beyond its value. */
    PLAIN("#3465a4"),
    /** The page calls the row out (e.g. an entity that stands out tonight). */
    ALERT("#cc0000");

    final String fill;

    Tone(String fill) {
      this.fill = fill;
    }
  }

  private Bar() {}

  /**
   * Draws {@code value} as a bar filling {@code value / max} of the width (clamped to [0, 1]).
   *
   * @param tone the colour: what the page says of the row
   * @param label accessible name
   */
  public static String render(double value, double max, Tone tone, String label) {
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
            tone.fill)
        .end();
  }
}
