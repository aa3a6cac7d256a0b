package io.nightshift.jobs.risk;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class RiskSignalHistoryTest {
  static final LocalDate TONIGHT = LocalDate.of(2026, 6, 8);
  static final LocalDate FROM = LocalDate.of(2026, 6, 1);

  private static void night(SparkSession spark, Path root, String runDate, String sql) {
    spark
        .sql(sql)
        .write()
        .parquet(root.resolve("anomalies").resolve("run_date=" + runDate).toString());
  }

  /**
   * Earlier runs: June 5 (its own row on h1, plus a stray row of June 4 that night re-reported),
   * June 7 (a row on h2, from before the table had a score column), May 20 (before the window);
   * June 6 never ran; a staged copy of June 7 sits beside the partitions. Tonight: a row on h1.
   */
  @Test
  void readsEachEarlierNightsOwnRowsInsideTheWindow(SparkSession spark, @TempDir Path root) {
    night(
        spark,
        root,
        "2026-06-05",
        "select 'h1' as entity, timestamp'2026-06-05 10:00:00' as ts, 4.0d as score"
            + " union all select 'h1', timestamp'2026-06-04 23:00:00', 9.0d");
    night(spark, root, "2026-06-07", "select 'h2' as entity, timestamp'2026-06-07 03:00:00' as ts");
    night(
        spark,
        root,
        "2026-05-20",
        "select 'h1' as entity, timestamp'2026-05-20 03:00:00' as ts, 8.0d as score");
    spark
        .sql("select 'h9' as entity, timestamp'2026-06-07 01:00:00' as ts, 1.0d as score")
        .write()
        .parquet(root.resolve("anomalies").resolve("run_date=2026-06-07.old").toString());
    Dataset<Row> tonight =
        spark.sql("select 'h1' as entity, timestamp'2026-06-08 20:00:00' as ts, 6.0d as score");

    Dataset<Row> all =
        SignalHistory.withEarlierRuns(spark, root.toString(), "anomalies", tonight, FROM, TONIGHT);

    assertEquals(List.of("entity", "ts", "score"), List.of(all.columns()));
    Map<String, Row> byDay = new TreeMap<>();
    for (Row r : all.collectAsList()) {
      byDay.put(r.getAs("entity") + " " + r.getTimestamp(1).toInstant(), r);
    }
    assertEquals(
        List.of(
            "h1 " + Instant.parse("2026-06-05T10:00:00Z"),
            "h1 " + Instant.parse("2026-06-08T20:00:00Z"),
            "h2 " + Instant.parse("2026-06-07T03:00:00Z")),
        List.copyOf(byDay.keySet()));
    assertNull(byDay.get("h2 " + Instant.parse("2026-06-07T03:00:00Z")).getAs("score"));

    // the signal now has history: its features are set on earlier days, absent (0) where no run
    SignalFeatures.Result f =
        SignalFeatures.build(
                "anomalies",
                all,
                TONIGHT.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC))
            .orElseThrow();
    Map<String, Double> maxScore = new TreeMap<>();
    for (Row r :
        f.table()
            .select(col("entity"), col("day"), col("sig__anomalies__max_score"))
            .collectAsList()) {
      maxScore.put(r.getString(0) + " " + r.getDate(1), r.isNullAt(2) ? null : r.getDouble(2));
    }
    assertEquals(4.0, maxScore.get("h1 2026-06-05"), 1e-9);
    assertEquals(6.0, maxScore.get("h1 2026-06-08"), 1e-9);
    assertEquals(3, maxScore.size(), "rows per entity-day " + maxScore);
  }

  @Test
  void keepsTonightAloneWithoutEarlierRuns(SparkSession spark, @TempDir Path root) {
    Dataset<Row> tonight =
        spark.sql("select 'h1' as entity, timestamp'2026-06-08 20:00:00' as ts, 6.0d as score");
    assertSame(
        tonight,
        SignalHistory.withEarlierRuns(spark, root.toString(), "anomalies", tonight, FROM, TONIGHT));
  }
}
