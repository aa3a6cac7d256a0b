package io.nightshift.jobs.report;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.ts;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.schema.CapacityForecastTable;
import io.nightshift.testkit.SparkExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report pages read each table in as few queries as they can: the head of an exported table
 * comes from its CSV's pass, and the capacity page's three lists and their lengths from one query.
 * What they read must equal what separate queries read.
 */
@ExtendWith(SparkExtension.class)
class OnePassReportReadsTest {
  private static final StructType T =
      new StructType()
          .add("name", DataTypes.StringType)
          .add("at", DataTypes.TimestampType)
          .add("score", DataTypes.DoubleType)
          .add("page_only", DataTypes.LongType);

  @Test
  void aCsvWriteKeepsTheHeadOfItsRowsAndCountsThemWhenItHoldsEveryRow(
      SparkSession spark, @TempDir Path dir) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      rows.add(row("n" + i, ts("2026-06-30T0" + i + ":00:00Z"), i == 3 ? null : i * 0.5, 10L + i));
    }
    Dataset<Row> ordered = spark.createDataFrame(rows, T).repartition(3).orderBy(col("at").desc());
    SiteFiles files =
        new SiteFiles(dir.resolve("site").toString(), spark.sparkContext().hadoopConfiguration());

    CsvExport.Written all = CsvExport.write(files, "all.csv", ordered, 3, 100, 4);
    CsvExport.Written cut = CsvExport.write(files, "cut.csv", ordered, 4, 5, 2);
    files.commit();

    assertEquals(7, all.rows());
    assertTrue(all.complete());
    assertEquals(ordered.limit(4).collectAsList(), all.first());
    assertEquals(10L + 6, all.first().get(0).<Long>getAs("page_only"));
    assertEquals(5, cut.rows());
    assertFalse(cut.complete());
    assertEquals(ordered.limit(2).collectAsList(), cut.first());
    List<String> csv = Files.readAllLines(dir.resolve("site/all.csv"), StandardCharsets.UTF_8);
    assertEquals("name,at,score", csv.get(0));
    assertEquals(8, csv.size());
    assertEquals("n3,2026-06-30 03:00:00,", csv.get(4));
  }

  private static final StructType CAPACITY =
      new StructType()
          .add(CapacityForecastTable.ENTITY, DataTypes.StringType)
          .add(CapacityForecastTable.RESOURCE, DataTypes.StringType)
          .add(CapacityForecastTable.THRESHOLD_PCT, DataTypes.DoubleType)
          .add(CapacityForecastTable.DAYS_P50, DataTypes.DoubleType)
          .add(CapacityForecastTable.DAYS_P90, DataTypes.DoubleType)
          .add(CapacityForecastTable.CONFIDENCE, DataTypes.StringType);

  @Test
  void capacityListsTakeEachResourcesFirstRowIntoOneListInThatListsOrder(SparkSession spark) {
    String high = CapacityForecastTable.CONFIDENCE_HIGH;
    List<Row> rows =
        List.of(
            // h1/cpu: two thresholds; the 80% one crosses first and decides its list
            row("h1", "cpu", 80.0, 3.0, 1.0, high),
            row("h1", "cpu", 90.0, 9.0, 2.0, high),
            row("h2", "cpu", 80.0, 2.0, 1.0, high),
            row("h3", "cpu", 80.0, 2.0, 1.5, high),
            row("h4", "mem", 80.0, null, 4.0, high),
            row("h5", "mem", 80.0, null, 2.0, high),
            row("h6", "mem", 80.0, 5.0, 1.0, "low"),
            row("h7", "mem", 80.0, null, 0.5, "low"),
            row("h8", "mem", 80.0, 1.0, 0.5, "low"),
            row("h9", "disk", 80.0, null, null, high),
            row("h0", "disk", 80.0, null, null, null));
    Dataset<Row> t = spark.createDataFrame(rows, CAPACITY).repartition(3);

    CapacityLists all = CapacityLists.of(t, 10, 10, 10);
    CapacityLists cut = CapacityLists.of(t, 2, 1, 2);

    assertEquals(10, all.resources());
    assertEquals(List.of("h2", "h3", "h1"), entities(all.saturating()));
    assertEquals(3.0, all.saturating().get(2).<Double>getAs(CapacityForecastTable.DAYS_P50));
    assertEquals(List.of("h5", "h4"), entities(all.may()));
    assertEquals(List.of("h8", "h6", "h7"), entities(all.low()));
    assertEquals(
        List.of(3L, 2L, 3L), List.of(all.saturatingCount(), all.mayCount(), all.lowCount()));
    assertEquals(List.of("h2", "h3"), entities(cut.saturating()));
    assertEquals(List.of("h5"), entities(cut.may()));
    assertEquals(List.of("h8", "h6"), entities(cut.low()));
    assertEquals(
        List.of(3L, 2L, 3L), List.of(cut.saturatingCount(), cut.mayCount(), cut.lowCount()));
    assertEquals(List.of(CAPACITY.fieldNames()), List.of(all.low().get(0).schema().fieldNames()));
  }

  private static List<String> entities(List<Row> rows) {
    return rows.stream().map(r -> r.<String>getAs(CapacityForecastTable.ENTITY)).toList();
  }
}
