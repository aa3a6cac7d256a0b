package io.nightshift.jobs.stages;

import java.util.List;

/** The stages of the nightly run, in dependency order: signals first, then what uses them. */
public final class NightlyPipeline {
  private NightlyPipeline() {}

  /** Every stage, in the order they run. */
  public static List<NightlyStage> stages() {
    return List.of(
        new AnomalyStage(),
        new LogSignalStage(),
        new CapacityForecastStage(),
        new RecurringIncidentStage(),
        new SituationStage(),
        new RiskStage(),
        new KpiStage());
  }
}
