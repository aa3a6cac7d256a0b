package io.nightshift.jobs.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.InputTables;
import io.nightshift.jobs.io.ModelStore;
import io.nightshift.jobs.schema.IncidentFamiliesTable;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.RecurringIncidentsTable;
import io.nightshift.models.incidents.IncidentFamilyModel;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's incidents handled on the driver (up to {@code maxIncidentsOnDriver}) give the same
 * {@code recurring_incidents} and {@code incident_families} rows, and the same saved model, as the
 * Spark jobs that handle a window over the bound: on synthetic incidents with root causes, changes
 * (linked shares, change precursors with outcomes) and anomalies above and below their expected
 * level (anomaly precursors with directions). Doubles agree within 1e-9 relative. More precursor
 * events than {@code maxPrecursorEventsOnDriver} send the night to the Spark jobs, with the same
 * rows.
 */
@ExtendWith(SparkExtension.class)
class RecurringIncidentDriverPathTest {
  private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
  private static final Instant END = Instant.parse("2026-07-01T00:00:00Z");
  private static final LocalDate RUN = LocalDate.parse("2026-06-30");
  private static final int N = 400;
  private static final SyntheticIncidents GEN =
      new SyntheticIncidents(6, 3, 0.1, 0.05, START, 30, 7);

  @Test
  void aWindowUnderTheBoundGivesTheSameTablesAndModelAsTheSparkJobs(
      SparkSession spark, @TempDir Path dir) throws Exception {
    Night driver = night(spark, dir.resolve("driver"), N + 1, 100_000);
    Night jobs = night(spark, dir.resolve("jobs"), 10, 100_000);

    assertTrue(driver.jobs() < jobs.jobs(), driver.jobs() + " jobs against " + jobs.jobs());
    assertFalse(jobs.recurring().isEmpty(), "some families recur");
    assertTrue(
        jobs.recurring().stream()
            .anyMatch(r -> !r.getList(r.fieldIndex(RecurringIncidentsTable.PRECURSORS)).isEmpty()),
        "some families have precursors");
    assertSameRows(jobs.recurring(), driver.recurring(), "recurring_incidents");
    assertSameRows(jobs.families(), driver.families(), "incident_families");
    assertSameRows(jobs.templates(), driver.templates(), "saved model templates");
  }

  @Test
  void tooManyPrecursorEventsForTheDriverAreMinedBySparkJobsWithTheSameResult(
      SparkSession spark, @TempDir Path dir) throws Exception {
    Night driver = night(spark, dir.resolve("driver"), N + 1, 100_000);
    Night overBound = night(spark, dir.resolve("events"), N + 1, 10);

    assertTrue(
        overBound.jobs() > driver.jobs(), overBound.jobs() + " jobs against " + driver.jobs());
    assertSameRows(overBound.recurring(), driver.recurring(), "recurring_incidents");
    assertSameRows(overBound.families(), driver.families(), "incident_families");
  }

  private record Night(List<Row> recurring, List<Row> families, List<Row> templates, int jobs) {}

  private static Night night(
      SparkSession spark, Path dir, int maxIncidentsOnDriver, int maxPrecursorEventsOnDriver)
      throws Exception {
    NightshiftConfig config =
        Fixtures.config(
            dir.resolve("in"),
            dir.resolve("out"),
            "nightshift.incidents.maxIncidentsOnDriver",
            maxIncidentsOnDriver,
            "nightshift.incidents.maxPrecursorEventsOnDriver",
            maxPrecursorEventsOnDriver);
    ModelStore store =
        new ModelStore(
            dir.resolve("out").toString(), spark.sparkContext().hadoopConfiguration(), RUN);
    RunContext ctx =
        new RunContext(
            spark,
            config,
            RUN,
            new InputTables(
                Map.of(InputTable.INCIDENTS, incidents(spark), InputTable.CHANGES, changes(spark)),
                START,
                END),
            store);
    ctx.registerWritten("anomalies", anomalies(spark));
    AtomicInteger jobs = new AtomicInteger();
    SparkListener counter =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart start) {
            jobs.incrementAndGet();
          }
        };
    spark.sparkContext().addSparkListener(counter);
    Map<String, Dataset<Row>> tables = new RecurringIncidentStage().compute(ctx);
    List<Row> recurring =
        sorted(
            tables.get(RecurringIncidentsTable.NAME).collectAsList(), RecurringIncidentsTable.RANK);
    List<Row> families =
        sorted(
            tables.get(IncidentFamiliesTable.NAME).collectAsList(),
            IncidentFamiliesTable.INCIDENT_ID);
    spark.sparkContext().listenerBus().waitUntilEmpty();
    spark.sparkContext().removeSparkListener(counter);
    IncidentFamilyModel model =
        IncidentFamilyModel.load(
            store.latestOnOrBefore(RecurringIncidentStage.MODEL, RUN).orElseThrow().path());
    List<Row> templates = model.templates().orderBy("block", "template").collectAsList();
    ctx.releaseStageCaches();
    return new Night(recurring, families, templates, jobs.get());
  }

  private static Dataset<Row> incidents(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < N; i++) {
      rows.add(GEN.incident(i));
    }
    return spark.createDataFrame(rows, InputTable.INCIDENTS.schema());
  }

  /** Changes before a third of the incidents on their service, and some on their own. */
  private static Dataset<Row> changes(SparkSession spark) {
    StructType schema = InputTable.CHANGES.schema();
    List<Row> rows = new ArrayList<>();
    String[] statuses = {"success", "failed", "rolled_back"};
    for (long i = 0; i < N; i++) {
      Row inc = GEN.incident(i);
      long opened = ((Timestamp) inc.get(6)).getTime() / 1000;
      if (i % 3 == 0) {
        rows.add(
            change(
                schema,
                "CHG" + i,
                inc.getString(1),
                opened - 1800 - i % 5 * 600,
                statuses[(int) (i % 3 + i % 2) % 3]));
      }
      if (i % 11 == 0) {
        rows.add(change(schema, "CHX" + i, inc.getString(1), opened - 40 * 3600, statuses[0]));
      }
    }
    return spark.createDataFrame(rows, schema);
  }

  private static Row change(StructType schema, String id, String service, long ts, String status) {
    Object[] v = new Object[schema.size()];
    for (int k = 0; k < v.length; k++) {
      switch (schema.fields()[k].name()) {
        case "change_id" -> v[k] = id;
        case "service" -> v[k] = service;
        case "ts" -> v[k] = new Timestamp(ts * 1000);
        case "status" -> v[k] = status;
        default -> v[k] = null;
      }
    }
    return RowFactory.create(v);
  }

  /** The planted precursor anomalies and noise, every other one below its expected level. */
  private static Dataset<Row> anomalies(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    int k = 0;
    for (long i = 0; i < N; i++) {
      for (Object[] a : GEN.anomalies(i)) {
        Timestamp start = new Timestamp((Long) a[2] * 1000);
        Timestamp end = new Timestamp(((Long) a[2] + 600L * (k % 4)) * 1000);
        rows.add(RowFactory.create("e", a[0], a[1], start, end, k % 2 == 0 ? 9.0 : 1.0, 5.0));
        k++;
      }
    }
    StructType schema =
        new StructType()
            .add("entity", DataTypes.StringType)
            .add("service", DataTypes.StringType)
            .add("metric", DataTypes.StringType)
            .add("start", DataTypes.TimestampType)
            .add("end", DataTypes.TimestampType)
            .add("value", DataTypes.DoubleType)
            .add("expected", DataTypes.DoubleType);
    return spark.createDataFrame(rows, schema);
  }

  private static List<Row> sorted(List<Row> rows, String key) {
    List<Row> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(r -> String.valueOf(r.<Object>getAs(key))));
    return out;
  }

  static void assertSameRows(List<Row> expected, List<Row> actual, String what) {
    assertEquals(expected.size(), actual.size(), what + ": rows");
    for (int k = 0; k < expected.size(); k++) {
      assertSameValue(expected.get(k), actual.get(k), what + " row " + k);
    }
  }

  private static void assertSameValue(Object e, Object a, String where) {
    if (e instanceof Row er) {
      Row ar = (Row) a;
      assertEquals(er.size(), ar.size(), where);
      StructField[] fields = er.schema() == null ? null : er.schema().fields();
      for (int i = 0; i < er.size(); i++) {
        assertSameValue(
            er.get(i), ar.get(i), where + "." + (fields == null ? i : fields[i].name()));
      }
    } else if (e instanceof scala.collection.Seq<?> es) {
      assertSameValue(
          scala.jdk.javaapi.CollectionConverters.asJava(es),
          a instanceof scala.collection.Seq<?> as
              ? scala.jdk.javaapi.CollectionConverters.asJava(as)
              : a,
          where);
    } else if (e instanceof List<?> el) {
      List<?> al = (List<?>) a;
      assertEquals(el.size(), al.size(), where + " (length)");
      for (int i = 0; i < el.size(); i++) {
        assertSameValue(el.get(i), al.get(i), where + "[" + i + "]");
      }
    } else if (e instanceof Double ed && a instanceof Double ad) {
      assertEquals(ed, ad, Math.max(1e-12, 1e-9 * Math.abs(ed)), where);
    } else {
      assertEquals(e, a, where);
    }
  }
}
