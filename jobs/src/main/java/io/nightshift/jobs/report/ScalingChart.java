package io.nightshift.jobs.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's scaling plot: nightly-job seconds and bare-scan seconds against the scale factor,
 * with the line that perfectly linear scaling from the smallest run would follow. Plain SVG, so the
 * README can show it.
 */
public final class ScalingChart {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 340;
  private static final int LEFT = 64;
  private static final int RIGHT = 24;
  private static final int TOP = 40;
  private static final int BOTTOM = 44;

  /** One benchmark run: its scale and the seconds measured. */
  public record Run(double scale, double jobSeconds, double scanSeconds) {}

  private final List<Run> runs = new ArrayList<>();

  public ScalingChart(List<Run> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("a scaling chart needs at least one benchmark run");
    }
    this.runs.addAll(runs);
    this.runs.sort(Comparator.comparingDouble(Run::scale));
  }

  /** The chart as an SVG document. */
  public String render() {
    Run base = runs.get(0);
    double maxS = runs.get(runs.size() - 1).scale();
    double linearTop = base.jobSeconds() * maxS / base.scale();
    double maxY = Math.max(linearTop, runs.stream().mapToDouble(Run::jobSeconds).max().orElse(1));
    List<Double> ticks = Ticks.nice(0, maxY, 4);
    double step = ticks.size() > 1 ? ticks.get(1) - ticks.get(0) : maxY;
    double yTop = Math.ceil(maxY / step) * step;
    double xTop = Math.ceil(maxS);
    Svg svg =
        new Svg(WIDTH, HEIGHT, "chart scaling-chart", "Nightly job seconds against scale factor");
    svg.element("rect", "width", "100%", "height", "100%", "fill", "#fff");
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    for (double v = 0; v <= yTop + step / 2; v += step) {
      double y = y(v, yTop, plotH);
      svg.element(
          "line",
          "x1",
          Svg.num(LEFT),
          "x2",
          Svg.num(LEFT + plotW),
          "y1",
          Svg.num(y),
          "y2",
          Svg.num(y),
          "stroke",
          "#e3e3e3");
      svg.text(
          LEFT - 8,
          y + 4,
          String.format(Locale.ROOT, "%.0f s", v),
          "text-anchor",
          "end",
          "font-size",
          "11",
          "fill",
          "#555");
    }
    for (int s = 0; s <= xTop; s++) {
      double x = LEFT + plotW * s / xTop;
      svg.text(
          x,
          TOP + plotH + 18,
          "S=" + s,
          "text-anchor",
          "middle",
          "font-size",
          "11",
          "fill",
          "#555");
    }
    svg.text(
        LEFT,
        20,
        "Nightly job (solid) and bare scan (lower line), seconds, 2 cores;"
            + " dashed: linear from S="
            + fmt(base.scale()),
        "font-size",
        "12",
        "fill",
        "#222");
    svg.element(
        "line",
        "x1",
        Svg.num(x(base.scale(), xTop, plotW)),
        "y1",
        Svg.num(y(base.jobSeconds(), yTop, plotH)),
        "x2",
        Svg.num(x(maxS, xTop, plotW)),
        "y2",
        Svg.num(y(linearTop, yTop, plotH)),
        "stroke",
        "#999",
        "stroke-dasharray",
        "5 4");
    polyline(
        svg,
        runs.stream().map(r -> new double[] {r.scale(), r.jobSeconds()}).toList(),
        xTop,
        yTop,
        plotW,
        plotH,
        "#1f5fa8");
    polyline(
        svg,
        runs.stream().map(r -> new double[] {r.scale(), r.scanSeconds()}).toList(),
        xTop,
        yTop,
        plotW,
        plotH,
        "#7a9a3a");
    for (Run r : runs) {
      double px = x(r.scale(), xTop, plotW);
      double py = y(r.jobSeconds(), yTop, plotH);
      svg.element("circle", "cx", Svg.num(px), "cy", Svg.num(py), "r", "3.5", "fill", "#1f5fa8");
      String label =
          String.format(
              Locale.ROOT,
              "S=%s: %.0f s (%.1fx scan%s)",
              fmt(r.scale()),
              r.jobSeconds(),
              r.jobSeconds() / r.scanSeconds(),
              r == base
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      ", %.2fx S=%s",
                      r.jobSeconds() / base.jobSeconds(),
                      fmt(base.scale())));
      svg.text(px - 6, py - 8, label, "text-anchor", "end", "font-size", "11", "fill", "#1f5fa8");
    }
    return svg.end();
  }

  private static void polyline(
      Svg svg,
      List<double[]> pts,
      double xTop,
      double yTop,
      double plotW,
      double plotH,
      String colour) {
    StringBuilder p = new StringBuilder();
    for (double[] xy : pts) {
      p.append(Svg.num(x(xy[0], xTop, plotW)))
          .append(',')
          .append(Svg.num(y(xy[1], yTop, plotH)))
          .append(' ');
    }
    svg.element(
        "polyline",
        "points",
        p.toString().trim(),
        "fill",
        "none",
        "stroke",
        colour,
        "stroke-width",
        "2");
  }

  private static double x(double s, double xTop, double plotW) {
    return LEFT + plotW * s / xTop;
  }

  private static double y(double v, double yTop, double plotH) {
    return TOP + plotH - plotH * v / yTop;
  }

  private static String fmt(double s) {
    return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
  }
}
