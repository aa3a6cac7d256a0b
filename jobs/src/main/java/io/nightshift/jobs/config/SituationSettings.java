package io.nightshift.jobs.config;

import com.typesafe.config.Config;

/** Settings of the {@code nightshift.situations} section (see reference.conf). Not yet used. */
public record SituationSettings() {
  static SituationSettings from(Config c) {
    return new SituationSettings();
  }
}
