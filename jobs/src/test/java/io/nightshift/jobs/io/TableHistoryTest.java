package io.nightshift.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Earlier nights are read through one reader: committed partitions only, in a date range. */
@ExtendWith(SparkExtension.class)
class TableHistoryTest {

  @Test
  void readsCommittedNightsOfTheRangeWithTheirRunDate(SparkSession spark, @TempDir Path out)
      throws Exception {
    OutputLayout layout = new OutputLayout(out.toString());
    for (String d : List.of("2026-06-27", "2026-06-28", "2026-06-29", "2026-06-30")) {
      spark.range(1).toDF().write().parquet(layout.partition("t", LocalDate.parse(d)));
    }
    Files.createDirectories(out.resolve("t/_previous"));
    TableHistory history = new TableHistory(spark, layout);

    assertEquals(4, history.dates("t").size());
    List<String> days =
        history
            .read("t", LocalDate.parse("2026-06-28"), LocalDate.parse("2026-06-30"))
            .orElseThrow()
            .selectExpr("cast(run_date as string) as d")
            .orderBy("d")
            .as(Encoders.STRING())
            .collectAsList();
    assertEquals(List.of("2026-06-28", "2026-06-29"), days);
    assertTrue(history.read("absent", LocalDate.MIN, LocalDate.MAX).isEmpty());
    assertTrue(
        history.read("t", LocalDate.parse("2026-07-01"), LocalDate.parse("2026-07-05")).isEmpty());
  }

  @Test
  void readsTheDeclaredColumnsWithNullForThoseANightLacks(SparkSession spark, @TempDir Path out) {
    OutputLayout layout = new OutputLayout(out.toString());
    spark.range(2).toDF("id").write().parquet(layout.partition("t", LocalDate.parse("2026-06-29")));
    StructType declared =
        new StructType().add("id", DataTypes.LongType).add("added", DataTypes.StringType);

    Dataset<Row> rows =
        new TableHistory(spark, layout)
            .read("t", LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-30"), declared)
            .orElseThrow();

    assertEquals(declared.add("run_date", DataTypes.DateType), rows.schema());
    assertEquals(
        List.of("0 null 2026-06-29", "1 null 2026-06-29"),
        rows.orderBy("id").collectAsList().stream()
            .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2))
            .toList());
  }
}
