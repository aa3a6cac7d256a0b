package io.nightshift.jobs.stages;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.IncidentSettings;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.InputTables;
import io.nightshift.jobs.io.ModelStore;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.RecurringIncidentsTable;
import io.nightshift.models.incidents.IncidentFamilyModel;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every incident-family setting arrives: each key of {@code nightshift.incidents} set to a value
 * other than its default is read back from the settings record, and the grouping settings from the
 * fitted, saved and loaded model; the minimum family size shows in the table.
 */
@ExtendWith(SparkExtension.class)
class IncidentSettingsRoundTripTest {
  private static final LocalDate RUN = LocalDate.parse("2026-06-30");

  @Test
  void everyIncidentSettingReachesTheSettingsTheModelAndTheTable(
      SparkSession spark, @TempDir Path dir) {
    NightshiftConfig config =
        Fixtures.config(
            dir.resolve("in"),
            dir.resolve("out"),
            "nightshift.incidents.severityWeights",
            Map.of("SEV1", 5),
            "nightshift.incidents.defaultSeverityWeight",
            3,
            "nightshift.incidents.minFamilySize",
            3,
            "nightshift.incidents.similarityThreshold",
            0.7,
            "nightshift.incidents.lshBands",
            8,
            "nightshift.incidents.lshRowsPerBand",
            3,
            "nightshift.incidents.linkedChangeHours",
            6,
            "nightshift.incidents.precursorLookbackHours",
            List.of(2, 24),
            "nightshift.incidents.precursorMinSupport",
            0.4,
            "nightshift.incidents.precursorMinLift",
            1.5,
            "nightshift.incidents.precursorMinIncidents",
            3,
            "nightshift.incidents.topPrecursors",
            4,
            "nightshift.incidents.precursorSaturationRatio",
            0.8,
            "nightshift.incidents.maxIncidentsOnDriver",
            1000,
            "nightshift.incidents.maxPrecursorEventsOnDriver",
            5000);
    IncidentSettings s = config.incidents();
    assertEquals(
        new IncidentSettings(
            s.severityWeights(),
            3.0,
            3,
            0.7,
            8,
            3,
            6,
            List.of(2, 24),
            0.4,
            1.5,
            3,
            4,
            0.8,
            1000,
            5000),
        s);
    assertEquals(5.0, s.severityWeights().get("SEV1"));

    ModelStore store =
        new ModelStore(
            dir.resolve("out").toString(), spark.sparkContext().hadoopConfiguration(), RUN);
    RunContext ctx =
        new RunContext(
            spark,
            config,
            RUN,
            new InputTables(
                Map.of(InputTable.INCIDENTS, incidents(spark)),
                Instant.parse("2026-06-23T00:00:00Z"),
                Instant.parse("2026-07-01T00:00:00Z")),
            store);
    Map<String, Dataset<Row>> tables = new RecurringIncidentStage().compute(ctx);

    IncidentFamilyModel model =
        IncidentFamilyModel.load(
            store.latestOnOrBefore(RecurringIncidentStage.MODEL, RUN).orElseThrow().path());
    assertEquals(0.7, model.getSimilarityThreshold(), "similarityThreshold");
    assertEquals(8, model.getNumBands(), "lshBands");
    assertEquals(3, model.getRowsPerBand(), "lshRowsPerBand");
    assertEquals(
        List.of(3L),
        tables
            .get(RecurringIncidentsTable.NAME)
            .select(RecurringIncidentsTable.INCIDENT_COUNT)
            .as(org.apache.spark.sql.Encoders.LONG())
            .collectAsList(),
        "minFamilySize 3: the family of two is not recurring");
  }

  /** Three disk-full incidents and two pool-exhausted ones. */
  private static Dataset<Row> incidents(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (int d = 0; d < 3; d++) {
      rows.add(incident("D" + d, "web", "Disk full on /var", 24 + d));
    }
    for (int d = 0; d < 2; d++) {
      rows.add(incident("P" + d, "db", "DB connection pool exhausted", 27 + d));
    }
    return Fixtures.rows(spark, InputTable.INCIDENTS, rows.toArray(new Row[0]));
  }

  private static Row incident(String id, String service, String title, int day) {
    Timestamp opened = ts(String.format("2026-06-%02dT03:00:00Z", day));
    return row(
        id,
        service,
        "h1",
        "SEV2",
        "disk",
        title,
        opened,
        new Timestamp(opened.getTime() + 600_000L),
        new Timestamp(opened.getTime() + 3_600_000L),
        null);
  }
}
