package io.nightshift.jobs.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A time-series chart as inline SVG: the observed history, the forecast median with its band, a
 * horizontal threshold line and a vertical marker at the predicted crossing date. Every part is
 * optional; times are UTC.
 */
public final class TimeChart {
  /** One sample: epoch seconds and value. */
  public record Point(long t, double v) {}

  static final int WIDTH = 720;
  static final int HEIGHT = 240;
  private static final int LEFT = 56;
  private static final int RIGHT = 16;
  private static final int TOP = 22;
  private static final int BOTTOM = 26;
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String label;
  private List<Point> history = List.of();
  private List<Point> median = List.of();
  private List<Point> lower = List.of();
  private List<Point> upper = List.of();
  private Double threshold;
  private Instant crossing;
  private String crossingLabel = "crossing";
  private Double yLo;
  private Double yHi;

  /** A chart with an accessible name (e.g. "disk_used_pct of db-3"). */
  public TimeChart(String label) {
    this.label = label;
  }

  /** The observed history. */
  public TimeChart history(List<Point> points) {
    this.history = List.copyOf(points);
    return this;
  }

  /** The forecast median. */
  public TimeChart median(List<Point> points) {
    this.median = List.copyOf(points);
    return this;
  }

  /** The forecast band (same times for both bounds). */
  public TimeChart band(List<Point> lowerBound, List<Point> upperBound) {
    if (lowerBound.size() != upperBound.size()) {
      throw new IllegalArgumentException(
          "band bounds differ in length: " + lowerBound.size() + " vs " + upperBound.size());
    }
    this.lower = List.copyOf(lowerBound);
    this.upper = List.copyOf(upperBound);
    return this;
  }

  /** The saturation threshold. */
  public TimeChart threshold(double value) {
    this.threshold = Double.isFinite(value) ? value : null;
    return this;
  }

  /** The predicted crossing time. */
  public TimeChart crossing(Instant when) {
    this.crossing = when;
    return this;
  }

  /** The predicted crossing time, labelled (e.g. "median crosses") before its date. */
  public TimeChart crossing(Instant when, String label) {
    this.crossing = when;
    this.crossingLabel = label;
    return this;
  }

  /**
   * A fixed value axis (e.g. 0-100% of capacity): points outside it are clamped to its edges, so a
   * chart never draws past its frame.
   */
  public TimeChart yRange(double lo, double hi) {
    if (!(hi > lo)) {
      throw new IllegalArgumentException("y range must have hi > lo, was " + lo + ".." + hi);
    }
    this.yLo = lo;
    this.yHi = hi;
    return this;
  }

  /** The chart as a standalone SVG element. */
  public String render() {
    Range x = new Range();
    Range y = new Range();
    for (List<Point> s : List.of(history, median, lower, upper)) {
      for (Point p : s) {
        if (Double.isFinite(p.v())) {
          x.add(p.t());
          y.add(p.v());
        }
      }
    }
    if (threshold != null) {
      y.add(threshold);
    }
    if (crossing != null) {
      x.add(crossing.getEpochSecond());
    }
    if (yLo != null) {
      y.lo = yLo;
      y.hi = yHi;
    }
    Svg svg = new Svg(WIDTH, HEIGHT, "chart time-chart", label);
    if (x.empty()) {
      return svg.text(WIDTH / 2.0, HEIGHT / 2.0, "no data", "text-anchor", "middle", "fill", "#777")
          .end();
    }
    if (yLo == null) {
      y.pad();
    }
    x.widenIfFlat(3600);
    Frame f = new Frame(x, y);
    axes(svg, f);
    if (!lower.isEmpty()) {
      List<Point> ring = new ArrayList<>(lower);
      for (int i = upper.size() - 1; i >= 0; i--) {
        ring.add(upper.get(i));
      }
      svg.element(
          "polygon",
          "class",
          "band",
          "points",
          f.points(ring),
          "fill",
          "#f5a623",
          "fill-opacity",
          "0.25",
          "stroke",
          "none");
    }
    line(svg, f, history, "history", "#3465a4", null);
    line(svg, f, median, "median", "#e07b00", "6 3");
    if (threshold != null) {
      double ty = f.y(threshold);
      svg.element(
          "line",
          "class",
          "threshold",
          "x1",
          Svg.num(LEFT),
          "x2",
          Svg.num(WIDTH - RIGHT),
          "y1",
          Svg.num(ty),
          "y2",
          Svg.num(ty),
          "stroke",
          "#cc0000",
          "stroke-width",
          "1.5");
      svg.text(
          LEFT + 4,
          ty - 4,
          "threshold " + Cells.number(threshold),
          "font-size",
          "11",
          "fill",
          "#cc0000");
    }
    if (crossing != null) {
      double cx = f.x(crossing.getEpochSecond());
      svg.element(
          "line",
          "class",
          "crossing",
          "x1",
          Svg.num(cx),
          "x2",
          Svg.num(cx),
          "y1",
          Svg.num(TOP),
          "y2",
          Svg.num(HEIGHT - BOTTOM),
          "stroke",
          "#cc0000",
          "stroke-dasharray",
          "3 3");
      svg.text(
          Math.min(cx, WIDTH - RIGHT - 130.0),
          TOP - 6,
          crossingLabel + " " + DAY.format(crossing),
          "font-size",
          "11",
          "fill",
          "#cc0000",
          "font-weight",
          "bold");
    }
    return svg.end();
  }

  private static void line(
      Svg svg, Frame f, List<Point> s, String cls, String colour, String dash) {
    List<Point> finite = s.stream().filter(p -> Double.isFinite(p.v())).toList();
    if (finite.isEmpty()) {
      return;
    }
    if (dash == null) {
      svg.element(
          "polyline",
          "class",
          cls,
          "points",
          f.points(finite),
          "fill",
          "none",
          "stroke",
          colour,
          "stroke-width",
          "1.5");
    } else {
      svg.element(
          "polyline",
          "class",
          cls,
          "points",
          f.points(finite),
          "fill",
          "none",
          "stroke",
          colour,
          "stroke-width",
          "2",
          "stroke-dasharray",
          dash);
    }
  }

  private static void axes(Svg svg, Frame f) {
    svg.element(
        "rect",
        "x",
        Svg.num(LEFT),
        "y",
        Svg.num(TOP),
        "width",
        Svg.num(WIDTH - LEFT - RIGHT),
        "height",
        Svg.num(HEIGHT - TOP - BOTTOM),
        "fill",
        "#fff",
        "stroke",
        "#bbb");
    for (double v : Ticks.nice(f.yr.lo, f.yr.hi, 5)) {
      double py = f.y(v);
      svg.element(
          "line",
          "x1",
          Svg.num(LEFT),
          "x2",
          Svg.num(WIDTH - RIGHT),
          "y1",
          Svg.num(py),
          "y2",
          Svg.num(py),
          "stroke",
          "#eee");
      svg.text(
          LEFT - 4,
          py + 4,
          Cells.number(v),
          "text-anchor",
          "end",
          "font-size",
          "10",
          "fill",
          "#555");
    }
    long day = 86_400;
    long span = (long) (f.xr.hi - f.xr.lo);
    long stepDays = Math.max(1, span / day / 7);
    long first = ((long) Math.ceil(f.xr.lo / day)) * day;
    for (long t = first; t <= f.xr.hi; t += stepDays * day) {
      double px = f.x(t);
      svg.element(
          "line",
          "x1",
          Svg.num(px),
          "x2",
          Svg.num(px),
          "y1",
          Svg.num(TOP),
          "y2",
          Svg.num(HEIGHT - BOTTOM),
          "stroke",
          "#f2f2f2");
      svg.text(
          px,
          HEIGHT - BOTTOM + 14,
          DAY.format(Instant.ofEpochSecond(t)),
          "text-anchor",
          "middle",
          "font-size",
          "10",
          "fill",
          "#555");
    }
  }

  /** A value range that grows as points are added. */
  static final class Range {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;

    void add(double v) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }

    boolean empty() {
      return lo > hi;
    }

    void pad() {
      double span = hi - lo;
      double m = span > 0 ? span * 0.05 : Math.max(1, Math.abs(hi) * 0.1);
      lo -= m;
      hi += m;
    }

    void widenIfFlat(double by) {
      if (hi - lo < by) {
        lo -= by / 2;
        hi += by / 2;
      }
    }
  }

  /** Maps data coordinates to the plot area. */
  private record Frame(Range xr, Range yr) {
    double x(double t) {
      return LEFT + (t - xr.lo) / (xr.hi - xr.lo) * (WIDTH - LEFT - RIGHT);
    }

    double y(double v) {
      double c = Math.max(yr.lo, Math.min(yr.hi, v));
      return HEIGHT - BOTTOM - (c - yr.lo) / (yr.hi - yr.lo) * (HEIGHT - TOP - BOTTOM);
    }

    String points(List<Point> ps) {
      StringBuilder b = new StringBuilder(ps.size() * 12);
      for (Point p : ps) {
        b.append(Svg.num(x(p.t()))).append(',').append(Svg.num(y(p.v()))).append(' ');
      }
      return b.toString().trim();
    }
  }
}
