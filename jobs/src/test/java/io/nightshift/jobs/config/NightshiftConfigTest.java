package io.nightshift.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration: documented defaults, layered overrides, errors that name the key. */
class NightshiftConfigTest {

  @Test
  void defaultsComeFromReferenceConf() {
    NightshiftConfig c = NightshiftConfig.load();
    assertEquals("local[*]", c.spark().master());
    assertEquals(30, c.input().lookbackDays());
    assertEquals("data-samples/fleet", c.input().path());
    assertFalse(c.validation().skipCorruptFiles());
  }

  @Test
  void sparkSettingsReachSparkUnderTheirPlainNames() {
    NightshiftConfig c = NightshiftConfig.load();
    assertEquals("8", c.spark().conf().get("spark.sql.shuffle.partitions"));
    assertFalse(c.spark().conf().keySet().stream().anyMatch(k -> k.contains("\"")));
  }

  @Test
  void commandLineOverridesBeatTheConfigFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("my.conf");
    Files.writeString(
        f, "nightshift.input.lookbackDays = 14\nnightshift.output.path = /data/out\n");
    NightshiftConfig c = NightshiftConfig.load(f, Map.of("nightshift.input.lookbackDays", 7));
    assertEquals(7, c.input().lookbackDays());
    assertEquals("/data/out", c.output().path());
  }

  @Test
  void rejectsAnInvalidValueNamingTheKey() {
    BadConfigException e =
        assertThrows(
            BadConfigException.class,
            () -> NightshiftConfig.load(null, Map.of("nightshift.input.lookbackDays", 0)));
    assertTrue(
        e.getMessage().startsWith("config key 'nightshift.input.lookbackDays' "), e.getMessage());
    BadConfigException e2 =
        assertThrows(
            BadConfigException.class,
            () -> NightshiftConfig.load(null, Map.of("nightshift.input.lookbackDays", "many")));
    assertTrue(e2.getMessage().contains("lookbackDays"), e2.getMessage());
  }

  @Test
  void rejectsAColumnMappingForAnUnknownColumn() {
    BadConfigException e =
        assertThrows(
            BadConfigException.class,
            () ->
                NightshiftConfig.load(
                    null, Map.of("nightshift.input.columns.metrics.colour", "x")));
    assertTrue(
        e.getMessage()
            .startsWith("config key 'nightshift.input.columns.metrics.colour' maps an unknown"),
        e.getMessage());
  }

  @Test
  void rejectsAMissingConfigFile(@TempDir Path dir) {
    BadConfigException e =
        assertThrows(
            BadConfigException.class,
            () -> NightshiftConfig.load(dir.resolve("nope.conf"), Map.of()));
    assertTrue(e.getMessage().startsWith("config file not found: "));
  }

  @Test
  void theManifestCopyOfTheConfigMasksSecrets() {
    NightshiftConfig c =
        NightshiftConfig.load(
            null, Map.of("nightshift.spark.conf.\"fs.s3a.secret.key\"", "hunter2"));
    assertFalse(c.effectiveJson().contains("hunter2"));
  }
}
