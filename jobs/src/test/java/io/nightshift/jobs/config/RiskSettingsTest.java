package io.nightshift.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The risk section's regularisation by horizon: defaults, one value for all, errors. */
class RiskSettingsTest {

  @Test
  void regularisesTheWeekAheadModelHarderAndSparser() {
    RiskSettings s = NightshiftConfig.load().risk();
    assertEquals(0.01, RiskSettings.forHorizon(s.regParam(), 24), 1e-12);
    assertEquals(0.07, RiskSettings.forHorizon(s.regParam(), 168), 1e-12);
    assertEquals(0.0, RiskSettings.forHorizon(s.elasticNetParam(), 24), 1e-12);
    assertEquals(0.5, RiskSettings.forHorizon(s.elasticNetParam(), 168), 1e-12);
  }

  @Test
  void aNumberAppliesToEveryHorizonAndUnlistedHorizonsTakeTheDefault() {
    RiskSettings s =
        NightshiftConfig.load(
                null,
                Map.of(
                    "nightshift.risk.horizonsHours",
                    List.of(24, 72),
                    "nightshift.risk.regParam",
                    0.2))
            .risk();
    assertEquals(Map.of(24, 0.2, 72, 0.2), s.regParam());
    assertEquals(Map.of(24, 0.0, 72, 0.0), s.elasticNetParam());
  }

  @Test
  void rejectsAnL1ShareAboveOneNamingTheKey() {
    BadConfigException e =
        assertThrows(
            BadConfigException.class,
            () -> NightshiftConfig.load(null, Map.of("nightshift.risk.elasticNetParam", 1.5)));
    assertTrue(
        e.getMessage().startsWith("config key 'nightshift.risk.elasticNetParam'")
            && e.getMessage().contains("must be between 0 and 1"),
        e.getMessage());
  }
}
