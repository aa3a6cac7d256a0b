package io.nightshift.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.util.Arrays;
import java.util.List;

/**
 * Which stages of the nightly run to leave out.
 *
 * @param skip names of stages not to run (e.g. {@code risk} until there is enough history); their
 *     output tables are not written for the run date, and the manifest lists them under {@code
 *     skipped_stages}. Names are checked against the pipeline when the run starts.
 */
public record StageSettings(List<String> skip) {
  static StageSettings from(Config c) {
    // A list in a config file; on the command line (-Dnightshift.stages.skip=risk,situation) a
    // string.
    if (c.getValue("skip").valueType() == ConfigValueType.STRING) {
      return new StageSettings(
          Arrays.stream(c.getString("skip").split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .toList());
    }
    return new StageSettings(List.copyOf(c.getStringList("skip")));
  }
}
