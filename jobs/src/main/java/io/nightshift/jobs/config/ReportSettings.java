package io.nightshift.jobs.config;

import com.typesafe.config.Config;

/** Settings of the {@code nightshift.reports} section (see reference.conf). Not yet used. */
public record ReportSettings() {
  static ReportSettings from(Config c) {
    return new ReportSettings();
  }
}
