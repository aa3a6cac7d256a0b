package io.nightshift.jobs.config;

import com.typesafe.config.Config;

/** Settings of the {@code nightshift.incidents} section (see reference.conf). Not yet used. */
public record IncidentSettings() {
  static IncidentSettings from(Config c) {
    return new IncidentSettings();
  }
}
