package io.nightshift.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logs section: defaults, presets, custom rules and errors naming the key. */
class LogSettingsTest {

  @Test
  void defaultsHaveEveryBuiltInRuleAndTheEightPresets() {
    LogSettings s = NightshiftConfig.load().logs();
    assertEquals(10, s.maskingRules().size());
    assertEquals(3, s.maxSplitValues());
    assertEquals(60, s.windowMinutes());
    assertEquals(
        List.of(
            "Apache",
            "HDFS",
            "Hadoop",
            "HealthApp",
            "OpenStack",
            "Proxifier",
            "Spark",
            "Zookeeper"),
        s.formats().keySet().stream().sorted().toList());
    assertEquals("<Date> <Time> <Level> <Component>: <Content>", s.format("Spark").orElseThrow());
  }

  @Test
  void customRulesComeAfterTheBuiltInOnes(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("my.conf");
    Files.writeString(f, "nightshift.logs.customMaskingRules { ticket = \"JIRA-[0-9]+\" }\n");
    LogSettings s = NightshiftConfig.load(f, Map.of()).logs();
    assertEquals("ticket", s.maskingRules().get(s.maskingRules().size() - 1).name());
  }

  @Test
  void rejectsAnUnknownMaskingRuleNamingTheKey() {
    BadConfigException e =
        assertThrows(
            BadConfigException.class,
            () ->
                NightshiftConfig.load(
                    null, Map.of("nightshift.logs.maskingRules", List.of("ip", "ipv9"))));
    assertTrue(
        e.getMessage()
            .startsWith("config key 'nightshift.logs.maskingRules' names an unknown rule 'ipv9'"),
        e.getMessage());
  }

  @Test
  void rejectsAWindowThatDoesNotDivideADay() {
    BadConfigException e =
        assertThrows(
            BadConfigException.class,
            () -> NightshiftConfig.load(null, Map.of("nightshift.logs.windowMinutes", 7)));
    assertTrue(
        e.getMessage().startsWith("config key 'nightshift.logs.windowMinutes' must divide a day"),
        e.getMessage());
  }
}
