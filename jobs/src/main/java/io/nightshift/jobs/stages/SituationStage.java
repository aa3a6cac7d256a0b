package io.nightshift.jobs.stages;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Not built yet: computes nothing. */
public final class SituationStage implements NightlyStage {
  @Override
  public String name() {
    return "situation";
  }

  @Override
  public Map<String, Dataset<Row>> compute(RunContext ctx) {
    return Map.of();
  }
}
