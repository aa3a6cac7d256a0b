package io.nightshift.jobs.config;

import com.typesafe.config.Config;

/** Settings of the {@code nightshift.logs} section (see reference.conf). Not yet used. */
public record LogSettings() {
  static LogSettings from(Config c) {
    return new LogSettings();
  }
}
