package io.nightshift.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nightshift.models.anomaly.DetectorSettings;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every detector setting of the {@code nightshift.anomaly} section reaches {@link DetectorSettings}
 * under the key named like the record component (the model side is guarded by {@code
 * AnomalyDetectorSettingsTest}).
 */
class AnomalySettingsTest {
  private static final DetectorSettings CUSTOM =
      new DetectorSettings(
          0.07, 0.2, 0.03, 4.0, 9, 5, 2000, 40, 0.8, 50, 150, 6, 0.6, 0.3, 11, 0.5, 30, 2.0);

  @Test
  void referenceConfHoldsTheDetectorDefaults() {
    assertEquals(DetectorSettings.defaults(), NightshiftConfig.load().anomaly().detector());
  }

  @Test
  void everyDetectorKeyReachesItsSetting() throws Exception {
    Map<String, Object> overrides = new HashMap<>();
    for (RecordComponent c : DetectorSettings.class.getRecordComponents()) {
      overrides.put("nightshift.anomaly." + c.getName(), c.getAccessor().invoke(CUSTOM));
    }
    assertEquals(CUSTOM, NightshiftConfig.load(null, overrides).anomaly().detector());
  }
}
