package io.nightshift.jobs.stages;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.schema.CapacityForecastTable;
import io.nightshift.testkit.SharedData;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The capacity_forecast stage on the bundled sample fleet against its ground truth ({@code
 * data-samples/fleet/truth/saturation.csv}): every disk that fills up within 90 days is reported
 * within 20% (or 2 days) of the true time to 100%, and no resource is flagged that does not fill
 * up.
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class CapacityForecastFleetTest {

  @Test
  void findsEveryFillingDiskOfTheSampleFleetAndNoOthers(SparkSession spark) throws Exception {
    Path fleet = SharedData.repoDir().resolve("data-samples/fleet");
    Path truthFile = fleet.resolve("truth/saturation.csv");
    Assumptions.assumeTrue(Files.isRegularFile(truthFile), "no sample fleet truth at " + truthFile);
    Dataset<Row> metrics = spark.read().parquet(fleet.resolve("metrics").toString());
    List<Row> out =
        CapacityForecastStage.compute(metrics, NightshiftConfig.load().forecast(), Optional.empty())
            .where("threshold_pct = 100")
            .collectAsList();
    Map<String, Row> byEntity = new HashMap<>();
    for (Row r : out) {
      if ("disk_used_pct".equals(r.getAs(CapacityForecastTable.RESOURCE))) {
        byEntity.put(r.getAs(CapacityForecastTable.ENTITY), r);
      }
    }
    List<String> problems = new ArrayList<>();
    List<String> report = new ArrayList<>();
    List<String> lines = Files.readAllLines(truthFile);
    int filling = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",", -1);
      Row r = byEntity.get(c[0]);
      if (r == null) {
        problems.add(c[0] + ": no forecast row");
        continue;
      }
      boolean saturates = Boolean.parseBoolean(c[6]);
      boolean flagged = r.getAs(CapacityForecastTable.SATURATES);
      Double days = r.getAs(CapacityForecastTable.DAYS_P50);
      if (saturates) {
        filling++;
        Instant origin =
            r.<java.sql.Timestamp>getAs(CapacityForecastTable.FORECAST_ORIGIN).toInstant();
        double truth = (Instant.parse(c[5]).getEpochSecond() - origin.getEpochSecond()) / 86400.0;
        String s =
            String.format("%s truth %.1f d, p50 %s d (%s)", c[0], truth, days, r.getAs("model"));
        report.add(s);
        if (days == null || Math.abs(days - truth) > Math.max(2, 0.2 * truth)) {
          problems.add(s);
        }
      } else if (flagged) {
        problems.add(c[0] + " flagged (p50 " + days + " d) but does not fill up within 90 days");
      }
    }
    for (Row r : out) {
      if (!"disk_used_pct".equals(r.getAs(CapacityForecastTable.RESOURCE))
          && r.<Boolean>getAs(CapacityForecastTable.SATURATES)) {
        report.add("also flagged: " + r.getAs("entity") + " " + r.getAs("resource"));
      }
    }
    System.out.println("sample fleet, time to 100%: " + String.join("; ", report));
    assertTrue(filling > 0, "the truth lists no filling disk");
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }
}
