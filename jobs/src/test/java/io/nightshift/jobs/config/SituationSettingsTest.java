package io.nightshift.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The situations section: defaults reach the core's rules; bad values fail naming the key. */
class SituationSettingsTest {

  @Test
  void defaultsBecomeTheCoreRules() {
    SituationSettings s = NightshiftConfig.load().situations();
    assertEquals(15 * 60L, s.rules().toleranceSeconds());
    assertEquals(30 * 60L, s.rules().propagationSeconds());
    assertEquals(2, s.rules().minMembers());
    assertTrue(s.learnDependencies());
  }

  @Test
  void rejectsANegativeToleranceNamingTheKey() {
    BadConfigException e =
        assertThrows(
            BadConfigException.class,
            () ->
                NightshiftConfig.load(null, Map.of("nightshift.situations.toleranceMinutes", -5)));
    assertTrue(
        e.getMessage()
            .startsWith("config key 'nightshift.situations.toleranceMinutes' must be >= 0"),
        e.getMessage());
  }

  @Test
  void rejectsAMinScoreAboveOneNamingTheKey() {
    BadConfigException e =
        assertThrows(
            BadConfigException.class,
            () -> NightshiftConfig.load(null, Map.of("nightshift.situations.minScore", 1.5)));
    assertTrue(
        e.getMessage().startsWith("config key 'nightshift.situations.minScore' must be between 0"),
        e.getMessage());
  }
}
