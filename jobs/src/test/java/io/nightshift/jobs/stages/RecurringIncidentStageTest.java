package io.nightshift.jobs.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.config.IncidentSettings;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.InputTables;
import io.nightshift.jobs.io.ModelStore;
import io.nightshift.jobs.schema.IncidentFamiliesTable;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.RecurringIncidentsTable;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stage on synthetic incidents with known families: grouping quality (CI floor), figures and
 * ranking equal to an independent plain-Java computation, and planted precursors found.
 */
@ExtendWith(SparkExtension.class)
class RecurringIncidentStageTest {
  private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
  private static final Instant END = Instant.parse("2026-07-01T00:00:00Z");
  private static final int N = 600;
  private static final SyntheticIncidents GEN =
      new SyntheticIncidents(8, 3, 0.1, 0.05, START, 30, 42);

  @TempDir static Path out;
  private static List<Row> incidentRows;
  private static List<Row> ranked;
  private static Map<String, String> familyOf;
  private static IncidentSettings settings;

  @BeforeAll
  static void runStage(SparkSession spark) {
    incidentRows = new ArrayList<>();
    List<Row> anomalies = new ArrayList<>();
    for (long i = 0; i < N; i++) {
      incidentRows.add(GEN.incident(i));
      for (Object[] a : GEN.anomalies(i)) {
        Timestamp ts = new Timestamp((Long) a[2] * 1000);
        anomalies.add(RowFactory.create("e", a[0], a[1], ts, ts, 5.0));
      }
    }
    Dataset<Row> incidents = spark.createDataFrame(incidentRows, InputTable.INCIDENTS.schema());
    StructType anomalySchema =
        new StructType()
            .add("entity", DataTypes.StringType)
            .add("service", DataTypes.StringType)
            .add("metric", DataTypes.StringType)
            .add("start", DataTypes.TimestampType)
            .add("end", DataTypes.TimestampType)
            .add("score", DataTypes.DoubleType);
    NightshiftConfig config = NightshiftConfig.load();
    settings = config.incidents();
    RunContext ctx =
        new RunContext(
            spark,
            config,
            LocalDate.parse("2026-06-30"),
            new InputTables(Map.of(InputTable.INCIDENTS, incidents), START, END),
            new ModelStore(
                out.toString(),
                spark.sparkContext().hadoopConfiguration(),
                LocalDate.parse("2026-06-30")));
    ctx.registerWritten("anomalies", spark.createDataFrame(anomalies, anomalySchema));
    Map<String, Dataset<Row>> tables = new RecurringIncidentStage().compute(ctx);
    ranked =
        tables
            .get(RecurringIncidentsTable.NAME)
            .orderBy(RecurringIncidentsTable.RANK)
            .collectAsList();
    familyOf = new HashMap<>();
    for (Row r : tables.get(IncidentFamiliesTable.NAME).collectAsList()) {
      familyOf.put(r.getString(0), r.getString(1));
    }
  }

  @Test
  void groupsSyntheticIncidentsWithPairwisePrecisionAndRecallAboveFloor() {
    long tp = 0;
    long predicted = 0;
    long actual = 0;
    for (int a = 0; a < N; a++) {
      for (int b = a + 1; b < N; b++) {
        boolean same = GEN.truthFamily(a).equals(GEN.truthFamily(b));
        boolean grouped = familyOf.get("INC" + a).equals(familyOf.get("INC" + b));
        tp += same && grouped ? 1 : 0;
        predicted += grouped ? 1 : 0;
        actual += same ? 1 : 0;
      }
    }
    double precision = (double) tp / predicted;
    double recall = (double) tp / actual;
    System.out.printf("synthetic grouping: precision %.3f recall %.3f%n", precision, recall);
    assertTrue(precision >= 0.95, "precision " + precision);
    assertTrue(recall >= 0.85, "recall " + recall);
  }

  @Test
  void figuresAndRankingEqualAnIndependentComputation() {
    List<ReferenceFamilyFigures.Incident> ref = new ArrayList<>();
    for (Row r : incidentRows) {
      ref.add(
          new ReferenceFamilyFigures.Incident(
              r.getString(0),
              familyOf.get(r.getString(0)),
              r.getString(3),
              instant(r.get(6)),
              instant(r.get(7)),
              instant(r.get(8))));
    }
    List<ReferenceFamilyFigures.Figures> expected =
        ReferenceFamilyFigures.rank(
            ref,
            START,
            END,
            settings.severityWeights(),
            settings.defaultSeverityWeight(),
            settings.minFamilySize());
    assertEquals(expected.size(), ranked.size());
    for (int k = 0; k < expected.size(); k++) {
      ReferenceFamilyFigures.Figures e = expected.get(k);
      Row r = ranked.get(k);
      assertEquals(k + 1, (int) r.getAs(RecurringIncidentsTable.RANK));
      assertEquals(e.familyId(), r.getAs(RecurringIncidentsTable.FAMILY_ID), "rank " + (k + 1));
      assertEquals(e.count(), (long) r.getAs(RecurringIncidentsTable.INCIDENT_COUNT));
      assertEquals(e.trend(), (long) r.getAs(RecurringIncidentsTable.TREND));
      assertEquals(e.impact(), (double) r.getAs(RecurringIncidentsTable.IMPACT), 1e-6);
      assertEquals(e.mttrMean(), r.getAs(RecurringIncidentsTable.MTTR_MEAN), 1e-6);
      assertEquals(e.mttrP50(), r.getAs(RecurringIncidentsTable.MTTR_P50), 1e-6);
      assertEquals(e.mttrP90(), r.getAs(RecurringIncidentsTable.MTTR_P90), 1e-6);
      assertEquals(e.mttdMean(), r.getAs(RecurringIncidentsTable.MTTD_MEAN), 1e-6);
      assertEquals(e.mttdP90(), r.getAs(RecurringIncidentsTable.MTTD_P90), 1e-6);
    }
  }

  @Test
  void findsThePlantedPrecursorAmongTheTopThree() {
    int families = 0;
    int hits = 0;
    for (Row r : ranked) {
      String anyIncident =
          familyOf.entrySet().stream()
              .filter(e -> e.getValue().equals(r.getAs(RecurringIncidentsTable.FAMILY_ID)))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow();
      String truth = GEN.truthFamily(Long.parseLong(anyIncident.substring(3)));
      if (truth.startsWith("one-off")) {
        continue;
      }
      String planted = SyntheticIncidents.PROBLEMS[Integer.parseInt(truth.split("/")[1])][3];
      families++;
      List<Row> precursors = r.getList(r.fieldIndex(RecurringIncidentsTable.PRECURSORS));
      for (Row p : precursors) {
        if (p.<Integer>getAs("rank") <= 3 && planted.equals(p.getAs("name"))) {
          hits++;
        }
      }
    }
    System.out.printf("planted precursor in top 3: %d of %d families%n", hits, families);
    assertTrue(hits >= 0.9 * families, hits + " of " + families);
  }

  private static Instant instant(Object ts) {
    return ts == null ? null : ((Timestamp) ts).toInstant();
  }
}
