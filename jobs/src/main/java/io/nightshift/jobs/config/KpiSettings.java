package io.nightshift.jobs.config;

import com.typesafe.config.Config;
import java.util.List;

/**
 * KPI definitions that are a matter of policy.
 *
 * @param outageSeverities severities whose open time counts against availability
 * @param failedChangeStatuses change statuses that count as unsuccessful
 */
public record KpiSettings(List<String> outageSeverities, List<String> failedChangeStatuses) {
  static KpiSettings from(Config c) {
    return new KpiSettings(
        List.copyOf(c.getStringList("outageSeverities")),
        List.copyOf(c.getStringList("failedChangeStatuses")));
  }
}
