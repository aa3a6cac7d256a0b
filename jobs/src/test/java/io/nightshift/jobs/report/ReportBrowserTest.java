package io.nightshift.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.testkit.SparkExtension;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens every page of the sample night in a real headless Chromium: the screenshot is not blank,
 * the parsed DOM holds the charts, and hostile text from the data is text, not a script element.
 * Skipped, loudly, only where no browser is installed ({@code .ci/run} installs one).
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class ReportBrowserTest {
  /** Least number of charts each page must show for the sample night. */
  private static final Map<String, Integer> CHARTS =
      Map.of(
          "index.html", 8,
          "capacity.html", 2,
          "problems.html", 2,
          "risk.html", 3,
          "anomalies.html", 2);

  @Test
  void everyPageRendersWithItsChartsInHeadlessChromium(SparkSession spark, @TempDir Path scratch)
      throws Exception {
    Optional<Chromium> browser = Chromium.find();
    if (browser.isEmpty()) {
      System.err.println(
          "\n*** SKIPPED ReportBrowserTest: no chromium on PATH. Install it with "
              + "'apt-get install -y --no-install-recommends chromium' (.ci/run does). ***\n");
    }
    Assumptions.assumeTrue(browser.isPresent(), "no chromium on PATH: browser test skipped");
    Path dir = SampleNight.reports(spark);
    for (Map.Entry<String, Integer> page : CHARTS.entrySet()) {
      Path html = dir.resolve(page.getKey());
      Path png = scratch.resolve(page.getKey() + ".png");
      browser.get().screenshot(html, png, scratch);
      BufferedImage img = ImageIO.read(png.toFile());
      assertEquals(1280, img.getWidth(), page.getKey());
      double inked = inkedShare(img);
      assertTrue(inked > 0.03, page.getKey() + " is not blank: " + inked + " of pixels inked");

      String dom = browser.get().dumpDom(html, scratch);
      int charts = count(dom, "<svg[^>]*class=\"chart");
      assertTrue(
          charts >= page.getValue(),
          page.getKey() + " shows " + charts + " charts, expected " + page.getValue());
      assertFalse(
          dom.toLowerCase(Locale.ROOT).contains("<script"), page.getKey() + " has a script");
      assertTrue(dom.contains("&lt;script&gt;"), page.getKey() + " shows the hostile text as text");
    }
  }

  /** Share of pixels that differ clearly from the page background. */
  private static double inkedShare(BufferedImage img) {
    int bg = img.getRGB(img.getWidth() - 2, img.getHeight() - 2);
    long inked = 0;
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        if (distance(img.getRGB(x, y), bg) > 40) {
          inked++;
        }
      }
    }
    return inked / ((img.getWidth() / 2.0) * (img.getHeight() / 2.0));
  }

  private static int distance(int a, int b) {
    return Math.abs(((a >> 16) & 255) - ((b >> 16) & 255))
        + Math.abs(((a >> 8) & 255) - ((b >> 8) & 255))
        + Math.abs((a & 255) - (b & 255));
  }

  private static int count(String s, String regex) {
    Matcher m = Pattern.compile(regex).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
