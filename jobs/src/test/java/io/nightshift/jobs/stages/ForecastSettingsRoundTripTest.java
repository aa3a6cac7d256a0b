package io.nightshift.jobs.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nightshift.jobs.config.ForecastSettings;
import io.nightshift.jobs.schema.CapacityForecastTable;
import io.nightshift.models.forecast.ForecastOptions;
import io.nightshift.models.forecast.ForecasterModel;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every forecast setting arrives: each field of {@link ForecastSettings} set to a value other than
 * its default (reference.conf) is read back from the fitted, saved and loaded model, or from the
 * table where the stage applies it itself (thresholds, capacities, minimum history).
 */
@ExtendWith(SparkExtension.class)
class ForecastSettingsRoundTripTest {

  /** Every field differs from reference.conf's default. */
  private static final ForecastSettings NON_DEFAULT =
      new ForecastSettings(
          7, // horizonDays (90)
          List.of(70.0, 95.0), // thresholdsPct ([85, 100])
          Map.of("disk_used_pct", List.of(50.0)), // metricThresholdsPct ({})
          Map.of("mem_used_gb", 64.0), // capacities ({})
          30, // minHistoryHours (48)
          12, // season (24)
          48, // longSeason (168)
          24, // backtestHorizonHours (168)
          2, // backtestOrigins (4)
          12, // originStepHours (24)
          2, // combineTop (3)
          false, // adjustLevelShifts (true)
          false); // saveModel (true): the stage's switch, passed here as the save path

  @Test
  void everyForecastSettingReachesTheFittedModelOrTheTable(SparkSession spark, @TempDir Path dir) {
    String modelPath = dir.resolve("model").toString();
    Dataset<Row> table =
        CapacityForecastStage.compute(metrics(spark), NON_DEFAULT, Optional.of(modelPath));

    ForecasterModel model = ForecasterModel.load(modelPath);
    assertEquals(7 * 24, model.getHorizon(), "horizonDays");
    ForecastOptions o = model.forecastOptions();
    assertEquals(12, o.season(), "season");
    assertEquals(48, o.longSeason(), "longSeason");
    assertEquals(24, o.backtestHorizon(), "backtestHorizonHours");
    assertEquals(2, o.origins(), "backtestOrigins");
    assertEquals(12, o.originStep(), "originStepHours");
    assertEquals(2, o.combineTop(), "combineTop");
    assertEquals(false, o.adjustLevelShifts(), "adjustLevelShifts");

    assertEquals(
        List.of("mem_used_gb 64.0 70.0", "mem_used_gb 64.0 95.0", "disk_used_pct 100.0 50.0"),
        table
            .orderBy(col(CapacityForecastTable.RESOURCE).desc(), col("threshold_pct"))
            .select(
                col(CapacityForecastTable.RESOURCE),
                col(CapacityForecastTable.CAPACITY),
                col(CapacityForecastTable.THRESHOLD_PCT))
            .collectAsList()
            .stream()
            .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2))
            .toList(),
        "thresholdsPct, metricThresholdsPct and capacities");
    assertEquals(
        new TreeSet<>(List.of("h1")),
        new TreeSet<>(
            table
                .select(CapacityForecastTable.ENTITY)
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList()),
        "minHistoryHours: h2 has 29 hours of history and is left out");
  }

  /**
   * Hourly samples: h1's memory (no stated capacity) and disk (capacity 100) for 3 days; h2's
   * memory for 29 hours.
   */
  private static Dataset<Row> metrics(SparkSession spark) {
    long start = 1782777600L; // 2026-06-30T00:00:00Z minus 3 days is irrelevant: any fixed hour
    Dataset<Row> mem = series(spark, start, 72, "h1", "mem_used_gb", null);
    Dataset<Row> disk = series(spark, start, 72, "h1", "disk_used_pct", 100.0);
    Dataset<Row> shortMem = series(spark, start, 29, "h2", "mem_used_gb", null);
    return mem.unionByName(disk).unionByName(shortMem);
  }

  private static Dataset<Row> series(
      SparkSession spark, long start, int hours, String entity, String metric, Double capacity) {
    return spark
        .range(hours)
        .select(
            timestamp_seconds(col("id").multiply(3600).plus(start)).as("ts"),
            lit(entity).as("entity"),
            lit(metric).as("metric"),
            col("id").multiply(0.2).plus(20.0).as("value"),
            lit("svc").as("service"),
            lit(capacity).cast("double").as("capacity"));
  }
}
