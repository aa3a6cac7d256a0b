package io.nightshift.jobs.stages.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.io.InputTables;
import io.nightshift.jobs.io.OutputLayout;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.validate.InputLoader;
import io.nightshift.testkit.SharedData;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the sample fleet, a steady night's saturation precursor events from the kept hourly roll-up
 * are the events from the window's points, row for row; the roll-up alone gives them (every hour of
 * the sample has one capacity and one service).
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class SaturationFromRollupSampleTest {
  private static final LocalDate NIGHT = LocalDate.parse("2026-06-30");

  @Test
  void theKeptRollUpGivesTheSaturationEventsOfThePoints(SparkSession spark, @TempDir Path out) {
    Path fleet = SharedData.repoDir().resolve("data-samples/fleet");
    var cfg = Fixtures.config(fleet, out);
    OutputLayout layout = new OutputLayout(out.toString());
    new InputLoader(spark, cfg).keepingDays(layout, false).load(NIGHT);
    InputTables steady =
        new InputLoader(spark, cfg).keepingDays(layout, false).load(NIGHT).tables();
    Dataset<Row> metrics = steady.get(InputTable.METRICS).orElseThrow();
    Dataset<Row> hourly = steady.hourlyMetrics().orElseThrow();
    double ratio = cfg.incidents().precursorSaturationRatio();

    Dataset<Row> fromPoints = PrecursorEvents.saturationEvents(metrics, ratio).cache();
    Dataset<Row> fromHours = PrecursorEvents.saturationEvents(hourly, metrics, ratio);
    Dataset<Row> fromHoursAlone = PrecursorEvents.saturationEvents(hourly, metrics.limit(0), ratio);

    assertTrue(fromPoints.count() > 0, "the sample has saturation hours");
    assertSameRows(fromPoints, fromHours);
    assertSameRows(fromPoints, fromHoursAlone);
  }

  private static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    assertEquals(0, expected.exceptAll(actual).count(), "events missing from the roll-up's");
    assertEquals(0, actual.exceptAll(expected).count(), "events the points do not give");
  }
}
