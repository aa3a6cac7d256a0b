package io.nightshift.jobs.config;

import com.typesafe.config.Config;

/**
 * Where outputs go.
 *
 * @param path output root: tables under {@code <path>/<table>/run_date=...}, manifests under {@code
 *     <path>/runs/<run-date>/}, reports under {@code <path>/reports/<run-date>/}
 * @param lockStaleMinutes a run lock older than this is considered abandoned and taken over
 */
public record OutputSettings(String path, int lockStaleMinutes) {
  static OutputSettings from(Config c) {
    return new OutputSettings(c.getString("path"), Checks.positiveInt(c, "lockStaleMinutes"));
  }
}
