package io.nightshift.jobs.config;

import com.typesafe.config.Config;

/** Settings of the {@code nightshift.forecast} section (see reference.conf). Not yet used. */
public record ForecastSettings() {
  static ForecastSettings from(Config c) {
    return new ForecastSettings();
  }
}
