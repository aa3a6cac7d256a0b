package io.nightshift.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The SVG writer and charts, without Spark. */
class ChartTest {
  private static final long DAY = 86_400;
  private static final long T0 = Instant.parse("2026-06-01T00:00:00Z").getEpochSecond();

  @Test
  void sparklineSpansItsOwnRangeAndDotsTheLastValue() {
    String svg = Sparkline.render(new double[] {1, 5, 3}, "weekly incidents");
    Matcher m = Pattern.compile("points=\"([^\"]+)\"").matcher(svg);
    assertTrue(m.find());
    String[] pts = m.group(1).split(" ");
    assertEquals(3, pts.length);
    assertEquals("3,21", pts[0], "the minimum sits at the bottom, left");
    assertEquals("60,3", pts[1], "the maximum at the top");
    assertEquals("117,12", pts[2]);
    assertTrue(svg.contains("<circle cx=\"117\" cy=\"12\""), "the last value is marked");
  }

  @Test
  void sparklineOfMissingValuesIsAnEmptyFrame() {
    String svg = Sparkline.render(new double[] {Double.NaN}, "none");
    assertFalse(svg.contains("polyline"));
    assertTrue(svg.startsWith("<svg") && svg.endsWith("</svg>"));
  }

  @Test
  void timeChartPlacesThresholdAndCrossingInsideThePlot() {
    List<TimeChart.Point> hist = new ArrayList<>();
    for (int i = 0; i <= 10; i++) {
      hist.add(new TimeChart.Point(T0 + i * DAY, 50 + 2 * i));
    }
    List<TimeChart.Point> med =
        List.of(new TimeChart.Point(T0 + 11 * DAY, 72), new TimeChart.Point(T0 + 20 * DAY, 90));
    String svg =
        new TimeChart("disk on h1")
            .history(hist)
            .median(med)
            .band(
                List.of(
                    new TimeChart.Point(T0 + 11 * DAY, 70), new TimeChart.Point(T0 + 20 * DAY, 80)),
                List.of(
                    new TimeChart.Point(T0 + 11 * DAY, 74),
                    new TimeChart.Point(T0 + 20 * DAY, 100)))
            .threshold(80)
            .crossing(Instant.ofEpochSecond(T0 + 15 * DAY))
            .render();
    double thresholdY = attr(svg, "threshold", "y1");
    double crossingX = attr(svg, "crossing", "x1");
    // y spans 50..100 padded by 5% (47.5..102.5) over the plot rows 22..214
    assertEquals(214 - (80 - 47.5) / 55.0 * 192, thresholdY, 0.11);
    // x spans day 0..20 over the plot columns 56..704: day 15 is at three quarters
    assertEquals(56 + 0.75 * 648, crossingX, 0.11);
    assertTrue(svg.contains("crossing Jun 16"));
    assertTrue(svg.contains("class=\"band\"") && svg.contains("class=\"median\""));
    assertTrue(svg.contains(">Jun 1<"), "dates label the time axis");
  }

  @Test
  void chartWithoutDataSaysSo() {
    assertTrue(new TimeChart("x").render().contains(">no data<"));
  }

  @Test
  void bandBoundsMustHaveEqualLength() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TimeChart("x").band(List.of(new TimeChart.Point(1, 1)), List.of()));
    assertTrue(e.getMessage().startsWith("band bounds differ in length"));
  }

  @Test
  void escapesMarkupInLabelsAndText() {
    String svg = new TimeChart("<script>alert(\"x\")</script> & co").render();
    assertFalse(svg.contains("<script"));
    assertTrue(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"));
    assertEquals("a&#39;b", Svg.escape("a'b\u0001"));
  }

  @Test
  void ticksAreRoundNumbersWithinTheRange() {
    assertEquals(List.of(0.0, 20.0, 40.0, 60.0, 80.0, 100.0), Ticks.nice(-3, 104, 5));
    assertEquals(List.of(0.5, 1.0, 1.5), Ticks.nice(0.41, 1.6, 3));
    assertTrue(Ticks.nice(5, 5, 4).isEmpty());
  }

  @Test
  void numbersReadWellWhateverTheLocale() {
    assertEquals("3", Cells.number(3.0));
    assertEquals("0.12", Cells.number(0.1234));
    assertEquals("12.3", Cells.number(12.34));
    assertEquals("1235", Cells.number(1234.6));
    assertEquals("25%", Cells.percent(0.25));
    assertEquals("a, b", Cells.text(List.of("a", "b")));
    assertEquals("2026-06-01 00:00", Cells.text(Instant.ofEpochSecond(T0)));
  }

  @Test
  void aReadingAndTheBandAroundItStayApartAtAnyMagnitude() {
    assertEquals("0.0514", Cells.reading(0.05143));
    assertEquals("0.0669 to 0.0696", Cells.reading(0.06693) + " to " + Cells.reading(0.06963));
    assertEquals("0.5", Cells.reading(0.5));
    assertEquals("0", Cells.reading(0.0));
    assertEquals("2.70", Cells.reading(2.7));
    assertEquals("367", Cells.reading(366.6));
    assertEquals(Cells.MISSING, Cells.reading(null));
  }

  @Test
  void scoresAlwaysShowTwoDecimals() {
    assertEquals("1.00", Cells.score(1.0));
    assertEquals("1.00", Cells.score(0.9999999999999867));
    assertEquals("0.91", Cells.score(0.91));
    assertEquals(Cells.MISSING, Cells.score(null));
  }

  private static double attr(String svg, String cls, String name) {
    Matcher m =
        Pattern.compile("class=\"" + cls + "\"[^>]*? " + name + "=\"([-0-9.]+)\"").matcher(svg);
    assertTrue(m.find(), cls + " drawn");
    return Double.parseDouble(m.group(1));
  }
}
