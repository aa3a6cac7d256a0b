package io.nightshift.jobs.config;

import com.typesafe.config.Config;

/** Settings of the {@code nightshift.risk} section (see reference.conf). Not yet used. */
public record RiskSettings() {
  static RiskSettings from(Config c) {
    return new RiskSettings();
  }
}
