package io.nightshift.models.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The forecast of a series whose level was reset uses the data since the reset. */
class ForecastAfterResetTest {

  @Test
  void aLeakEndedByAFixIsNotForecastToContinue() {
    double[] y = SeriesPrepTest.leakEndedByAFix(24 * 12, 24 * 12 + 22);
    ForecastPaths p = new SeriesForecaster(ForecastOptions.hourly()).forecast(y, 24 * 30);
    assertEquals(-1, ForecastPaths.firstCrossing(p.p50(), 85));
    double max = 0;
    for (double v : p.p50()) {
      max = Math.max(max, v);
    }
    assertTrue(max < 60, "median forecast peaks at " + max + ", the level since the fix is ~40");
  }

  @Test
  void reportsHowLongAgoTheResetWas() {
    double[] y = SeriesPrepTest.leakEndedByAFix(24 * 12, 24 * 12 + 22);
    assertEquals(21, ForecasterModel.resetStepsAgo(y, ForecastOptions.hourly()));
  }
}
