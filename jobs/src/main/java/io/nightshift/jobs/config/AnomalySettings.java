package io.nightshift.jobs.config;

import com.typesafe.config.Config;

/** Settings of the {@code nightshift.anomaly} section (see reference.conf). Not yet used. */
public record AnomalySettings() {
  static AnomalySettings from(Config c) {
    return new AnomalySettings();
  }
}
