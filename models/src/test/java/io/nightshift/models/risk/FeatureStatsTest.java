package io.nightshift.models.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureStatsTest {
  private final FeatureStats stats =
      new FeatureStats(
          List.of("disk", "days_since", "noise"),
          new double[] {50, 10, 0},
          new double[] {10, 5, 1},
          new double[] {1, -1, 0},
          new double[] {0.6, 0.3, 0.1});

  @Test
  void contributesOnlyOnTheRiskySideOfTheCentre() {
    assertEquals(0.6 * 3, stats.contribution(0, 80), 1e-12);
    assertEquals(0.0, stats.contribution(0, 20), 1e-12);
    assertEquals(0.3 * 1.6, stats.contribution(1, 2), 1e-12);
    assertEquals(0.0, stats.contribution(1, 30), 1e-12);
    assertEquals(0.0, stats.contribution(2, 100), 1e-12);
  }

  @Test
  void ranksImportancesAsSharesOfTheTotalWeight() {
    List<FeatureStats.Importance> imp = stats.importances();
    assertEquals("disk", imp.get(0).feature());
    assertEquals(0.6, imp.get(0).share(), 1e-12);
    assertEquals("noise", imp.get(2).feature());
    assertEquals(1.0, imp.stream().mapToDouble(FeatureStats.Importance::share).sum(), 1e-12);
  }
}
