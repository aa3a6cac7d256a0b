package io.nightshift.jobs.generate;

import java.io.Serializable;
import java.util.List;

/**
 * One host as the executors see it: identity, baseline levels of each metric, its disk trend, the
 * effects injected into its metrics and the log bursts it writes.
 *
 * @param index 0-based host number (seeds its random streams)
 * @param entity host name, e.g. host-007
 * @param service the service it runs
 * @param cpuBase CPU % at zero load
 * @param cpuAmp CPU % added at full load
 * @param memBase memory % baseline
 * @param connPool connection pool size (capacity of conn_used)
 * @param latencyBase latency ms at zero load
 * @param errorBase error rate (fraction of requests) at zero load
 * @param phase random phase of the slow memory wave, radians
 * @param disk the disk trend
 * @param effects metric effects (anomalies, degradations, incident impact)
 * @param bursts extra log lines
 */
public record HostSpec(
    int index,
    String entity,
    String service,
    double cpuBase,
    double cpuAmp,
    double memBase,
    double connPool,
    double latencyBase,
    double errorBase,
    double phase,
    DiskProfile disk,
    List<FleetPlan.Effect> effects,
    List<FleetPlan.LogBurst> bursts)
    implements Serializable {

  /** Whether any effect on {@code metric} is active at t (gaps never hide those samples). */
  public boolean affected(String metric, long t) {
    for (FleetPlan.Effect e : effects) {
      if (e.metric().equals(metric) && e.activeAt(t)) {
        return true;
      }
    }
    return false;
  }
}
