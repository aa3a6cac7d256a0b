package io.nightshift.jobs.cli;

import io.nightshift.jobs.config.NightshiftConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command takes: a config file and {@code -D key=value} overrides. */
public final class CommonOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "HOCON file overriding reference.conf (keys under 'nightshift').")
  Path configFile;

  @Option(
      names = "-D",
      paramLabel = "KEY=VALUE",
      description = "Override one config key, e.g. -Dnightshift.input.lookbackDays=14.")
  Map<String, String> overrides = new LinkedHashMap<>();

  /**
   * Loads the layered, validated configuration, with extra overrides from the command's own
   * options.
   */
  public NightshiftConfig load(Map<String, Object> extra) {
    Map<String, Object> all = new LinkedHashMap<>(overrides);
    all.putAll(extra);
    return NightshiftConfig.load(configFile, all);
  }
}
