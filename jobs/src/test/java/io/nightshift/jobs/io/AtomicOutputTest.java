package io.nightshift.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.schema.IncidentFamiliesTable;
import io.nightshift.jobs.schema.OutputTable;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.feature.Binarizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The output writer: staged until commit, one date's partition replaced, interrupted commits. */
@ExtendWith(SparkExtension.class)
class AtomicOutputTest {
  private static final LocalDate D1 = LocalDate.parse("2026-06-29");
  private static final LocalDate D2 = LocalDate.parse("2026-06-30");

  /** A writer for the test table {@code t}: one bigint column {@code id}. */
  private static OutputWriter writer(SparkSession spark, Path out, LocalDate day) {
    return new OutputWriter(
        spark, out.toString(), day, Map.of("t", new StructType().add("id", DataTypes.LongType)));
  }

  private static long rows(SparkSession spark, Path p) {
    return spark.read().parquet(p.toString()).count();
  }

  @Test
  void stagedTablesAreInvisibleUntilCommitAndCommitReplacesOnlyItsDate(
      SparkSession spark, @TempDir Path out) {
    OutputWriter d1 = writer(spark, out, D1);
    assertEquals(2, d1.stage("t", spark.range(2).toDF()));
    d1.commit();
    OutputWriter d2 = writer(spark, out, D2);
    d2.stage("t", spark.range(3).toDF());
    d2.commit();

    OutputWriter again = writer(spark, out, D2);
    assertEquals(5, again.stage("t", spark.range(5).toDF()));
    assertEquals(3, rows(spark, out.resolve("t/run_date=2026-06-30")), "not visible before commit");
    again.commit();
    assertEquals(5, rows(spark, out.resolve("t/run_date=2026-06-30")));
    assertEquals(2, rows(spark, out.resolve("t/run_date=2026-06-29")), "other dates untouched");
    assertFalse(Files.exists(out.resolve("_staging/run_date=2026-06-30")));
  }

  @Test
  void aCommitInterruptedBetweenItsTwoRenamesIsRepairedByTheNextRun(
      SparkSession spark, @TempDir Path out) throws Exception {
    OutputWriter first = writer(spark, out, D2);
    first.stage("t", spark.range(3).toDF());
    first.commit();
    // the next run staged a new version and was killed after setting the old partition aside
    OutputWriter killed = writer(spark, out, D2);
    killed.stage("t", spark.range(7).toDF());
    Path aside = out.resolve("_staging/run_date=2026-06-30/_previous/t");
    Files.createDirectories(aside.getParent());
    Files.move(out.resolve("t/run_date=2026-06-30"), aside);

    OutputWriter next = writer(spark, out, D2);
    assertEquals(List.of("t"), next.recover());
    assertEquals(3, rows(spark, out.resolve("t/run_date=2026-06-30")), "old partition back");
    assertFalse(Files.exists(out.resolve("_staging/run_date=2026-06-30")));
  }

  @Test
  void aCommitKilledAfterMovingTheNewPartitionInKeepsTheNewOne(
      SparkSession spark, @TempDir Path out) throws Exception {
    OutputWriter first = writer(spark, out, D2);
    first.stage("t", spark.range(3).toDF());
    first.commit();
    // killed after both renames, before deleting the set-aside copy
    Path aside = out.resolve("_staging/run_date=2026-06-30/_previous/t");
    Files.createDirectories(aside.getParent());
    Files.move(out.resolve("t/run_date=2026-06-30"), aside);
    writer(spark, out, D2).stage("t", spark.range(7).toDF());
    Files.move(out.resolve("_staging/run_date=2026-06-30/t"), out.resolve("t/run_date=2026-06-30"));

    assertEquals(List.of(), writer(spark, out, D2).recover());
    assertEquals(7, rows(spark, out.resolve("t/run_date=2026-06-30")));
    assertFalse(Files.exists(aside));
  }

  /** Stages a tiny model for {@code day} through the night's model store, as a stage would. */
  private static void stageModel(SparkSession spark, Path out, LocalDate day, double threshold) {
    ModelStore store =
        new ModelStore(out.toString(), spark.sparkContext().hadoopConfiguration(), day);
    Binarizer model = new Binarizer().setThreshold(threshold);
    ModelSpec spec = ModelSpec.of("m", ModelPolicy.Retrain.everyNight(), model);
    store.save(spec, store.decide(spec), model);
  }

  private static double savedThreshold(Path out, String day) {
    return Binarizer.load(out.resolve("models/m/run_date=" + day).toString()).getThreshold();
  }

  @Test
  void stagedModelsAreInvisibleUntilCommitAndCommitReplacesOnlyTheirDate(
      SparkSession spark, @TempDir Path out) {
    stageModel(spark, out, D1, 0.1);
    writer(spark, out, D1).commit();
    stageModel(spark, out, D2, 0.2);
    assertFalse(Files.exists(out.resolve("models/m/run_date=2026-06-30")), "not before commit");
    writer(spark, out, D2).commit();
    stageModel(spark, out, D2, 0.3);
    assertEquals(0.2, savedThreshold(out, "2026-06-30"), "the committed model until the commit");
    writer(spark, out, D2).commit();
    assertEquals(0.3, savedThreshold(out, "2026-06-30"));
    assertEquals(0.1, savedThreshold(out, "2026-06-29"), "other dates untouched");
    assertFalse(Files.exists(out.resolve("_staging/run_date=2026-06-30")));
  }

  @Test
  void aModelSetAsideByAnInterruptedCommitIsPutBackAndAStagedOneDropped(
      SparkSession spark, @TempDir Path out) throws Exception {
    stageModel(spark, out, D2, 0.2);
    writer(spark, out, D2).commit();
    // the next run staged a new model and was killed after setting the old one aside
    stageModel(spark, out, D2, 0.3);
    Path aside = out.resolve("_staging/run_date=2026-06-30/_previous_models/m");
    Files.createDirectories(aside.getParent());
    Files.move(out.resolve("models/m/run_date=2026-06-30"), aside);

    assertEquals(List.of("models/m"), writer(spark, out, D2).recover());
    assertEquals(0.2, savedThreshold(out, "2026-06-30"), "old model back");
    assertFalse(Files.exists(out.resolve("_staging/run_date=2026-06-30")), "staged model dropped");
  }

  @Test
  void refusesTableNamesThatWouldEscapeTheLayout(SparkSession spark, @TempDir Path out) {
    OutputWriter w = writer(spark, out, D2);
    for (String bad : List.of("", "_staging", "../x", "a/b", ".hidden")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> w.stage(bad, spark.range(1).toDF()));
      assertTrue(e.getMessage().startsWith("not a valid output table name"), e.getMessage());
    }
  }

  @Test
  void writesAnEmptyTableAsAReadableEmptyPartition(SparkSession spark, @TempDir Path out) {
    OutputWriter w = writer(spark, out, D2);
    assertEquals(0, w.stage("t", spark.range(5).toDF().filter("id < 0")));
    w.commit();
    assertEquals(0, rows(spark, out.resolve("t/run_date=2026-06-30")));
    assertEquals(
        List.of("id"), List.of(spark.read().parquet(out + "/t/run_date=2026-06-30").columns()));
  }

  @Test
  void refusesATableWhoseColumnTypeDiffersFromItsDeclaration(
      SparkSession spark, @TempDir Path out) {
    OutputWriter w = new OutputWriter(spark, out.toString(), D2);
    Dataset<Row> wrong = spark.range(2).selectExpr("'INC-1' as incident_id", "id as family_id");
    OutputTable.OutputSchemaException e =
        assertThrows(
            OutputTable.OutputSchemaException.class,
            () -> w.stage(IncidentFamiliesTable.NAME, wrong));
    assertEquals(
        "output table incident_families: column 'family_id' expected string, actual bigint",
        e.getMessage());
    assertTrue(w.stagedTables().isEmpty());
  }

  @Test
  void refusesMissingAndUndeclaredColumnsNamingEach(SparkSession spark, @TempDir Path out) {
    OutputWriter w = new OutputWriter(spark, out.toString(), D2);
    Dataset<Row> wrong = spark.range(2).selectExpr("'INC-1' as incident_id", "'x' as family");
    OutputTable.OutputSchemaException e =
        assertThrows(
            OutputTable.OutputSchemaException.class,
            () -> w.stage(IncidentFamiliesTable.NAME, wrong));
    assertEquals(
        "output table incident_families: column 'family_id' expected string, actual missing;"
            + " column 'family' expected no such column (not declared), actual string",
        e.getMessage());
  }

  @Test
  void refusesATableWithoutADeclaration(SparkSession spark, @TempDir Path out) {
    OutputWriter w = new OutputWriter(spark, out.toString(), D2);
    OutputTable.OutputSchemaException e =
        assertThrows(
            OutputTable.OutputSchemaException.class, () -> w.stage("t", spark.range(1).toDF()));
    assertTrue(e.getMessage().startsWith("output table t has no declared schema"), e.getMessage());
  }

  @Test
  void acceptsADeclaredTableWhateverItsNullability(SparkSession spark, @TempDir Path out) {
    OutputWriter w = new OutputWriter(spark, out.toString(), D2);
    Dataset<Row> rows =
        spark.range(2).selectExpr("cast(id as string) as incident_id", "'F1' as family_id");
    assertEquals(2, w.stage(IncidentFamiliesTable.NAME, rows));
  }
}
