package io.nightshift.jobs.report;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's scaling plot labels each run with its time, its scan multiple and its growth. */
class ScalingChartTest {

  @Test
  void labelsEachRunWithSecondsScanMultipleAndGrowthOverTheSmallestRun() {
    String svg =
        new ScalingChart(
                List.of(
                    new ScalingChart.Run(4, 400, 10),
                    new ScalingChart.Run(1, 100, 4),
                    new ScalingChart.Run(2, 190, 6)))
            .render();

    assertTrue(svg.startsWith("<svg") && svg.endsWith("</svg>"), svg);
    assertTrue(svg.contains("S=1: 100 s (25.0x scan)"), svg);
    assertTrue(svg.contains("S=2: 190 s (31.7x scan, 1.90x S=1)"), svg);
    assertTrue(svg.contains("S=4: 400 s (40.0x scan, 4.00x S=1)"), svg);
    assertTrue(svg.contains("stroke-dasharray"), "the linear reference line");
  }

  @Test
  void needsAtLeastOneRun() {
    assertThrows(IllegalArgumentException.class, () -> new ScalingChart(List.of()));
  }
}
