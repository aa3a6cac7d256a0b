package io.nightshift.jobs.stages;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Not built yet: computes nothing. */
public final class CapacityForecastStage implements NightlyStage {
  @Override
  public String name() {
    return "capacity_forecast";
  }

  @Override
  public Map<String, Dataset<Row>> compute(RunContext ctx) {
    return Map.of();
  }
}
