package io.nightshift.jobs.stages;

import static io.nightshift.jobs.Fixtures.ts;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.schema.AnomaliesTable;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.models.anomaly.AnomalyDetector;
import io.nightshift.models.anomaly.AnomalyDetectorModel;
import io.nightshift.testkit.SparkExtension;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How an anomaly event is described: what a reader sees (the peak value, the band, the reason) must
 * agree with the raw samples, even where the detector's highest score is on another point.
 */
@ExtendWith(SparkExtension.class)
class AnomalyEventsTest {
  private static final Instant DAY = Instant.parse("2026-06-24T00:00:00Z"); // a Wednesday
  private static final NightshiftConfig CONFIG = NightshiftConfig.load();

  /**
   * Seven quiet days of latency around 80 ms, then on the run date a surge to about 300 ms from
   * 00:05 to 01:10 (14 samples: longer than the detector's {@code shiftPoints}, so it adopts the
   * high level), then back to about 80 ms.
   */
  private static Dataset<Row> surgeThenReturn(SparkSession spark) {
    Random noise = new Random(7);
    List<Row> rows = new ArrayList<>();
    Instant from = DAY.minusSeconds(7 * 86400L);
    for (Instant t = from; t.isBefore(DAY.plusSeconds(6 * 3600)); t = t.plusSeconds(300)) {
      long minute = (t.getEpochSecond() - DAY.getEpochSecond()) / 60;
      boolean surge = minute >= 5 && minute <= 70;
      double v = surge ? 300 + 30 * noise.nextGaussian() : 80 + 8 * noise.nextGaussian();
      rows.add(Fixtures.row(Timestamp.from(t), "h1", "latency_ms", v, "search", null));
    }
    return Fixtures.rows(spark, InputTable.METRICS, rows.toArray(new Row[0]));
  }

  @Test
  void aSurgeTheDetectorAdaptsToIsDescribedAsAboveItsBaselineWithItsHighestValue(
      SparkSession spark) {
    Dataset<Row> metrics = surgeThenReturn(spark);
    AnomalyDetectorModel model =
        new AnomalyDetector()
            .setSettings(CONFIG.anomaly().detector())
            .fit(metrics.where(col(Cols.TS).lt(Timestamp.from(DAY))));
    Dataset<Row> scored = model.transform(metrics.where(col(Cols.TS).geq(Timestamp.from(DAY))));
    // The situation this guards against: the detector learned the surge, so the return to ~80 ms
    // deviates far below its adapted baseline and is flagged too.
    assertTrue(
        scored
                .where(col(Cols.TS).gt(ts("2026-06-24T01:10:00Z")))
                .where(col("score").geq(CONFIG.anomaly().detector().alertScore()))
                .where(col("sigmas").lt(-3))
                .count()
            > 0,
        "the return to normal should be flagged below the adapted baseline");

    List<Row> events = AnomalyStage.events(scored, metrics, DAY, CONFIG.anomaly()).collectAsList();

    assertEquals(1, events.size());
    Row e = events.get(0);
    Row highest =
        metrics
            .where(col(Cols.TS).geq(Timestamp.from(DAY)))
            .orderBy(col(Cols.VALUE).desc())
            .first();
    assertEquals(ts("2026-06-24T00:05:00Z"), e.getAs(AnomaliesTable.START));
    assertEquals((double) highest.getAs(Cols.VALUE), (double) e.getAs(AnomaliesTable.VALUE), 1e-9);
    assertEquals((Timestamp) highest.getAs(Cols.TS), (Timestamp) e.getAs(AnomaliesTable.PEAK_TS));
    double expected = e.getAs(AnomaliesTable.EXPECTED);
    double upper = e.getAs(AnomaliesTable.UPPER);
    assertTrue(expected > 60 && expected < 100, "the baseline before the surge: " + expected);
    assertTrue(upper < 150, "the band before the surge: " + upper);
    String reason = e.getAs(AnomaliesTable.REASON);
    assertTrue(
        reason.matches("\\d+\\.\\d sigma above the Wednesday 00:00 baseline"), "reason: " + reason);
  }

  /** A scored point of "conn" on h1, against a baseline of 30 (-15 to 75: a sigma of 15). */
  private static Row wide(String ts, double value, double score) {
    return RowFactory.create(
        "h1", "conn", ts(ts), value, 30.0, -15.0, 75.0, (value - 30) / 15, score, score);
  }

  @Test
  void aSeriesThatIsNeverNegativeNeverShowsANegativeBound(SparkSession spark) {
    Dataset<Row> scored =
        spark.createDataFrame(
            List.of(
                wide("2026-06-24T03:00:00Z", 140, 0.9),
                wide("2026-06-24T03:05:00Z", 150, 0.95),
                RowFactory.create(
                    "h2",
                    "delta",
                    ts("2026-06-24T03:00:00Z"),
                    140.0,
                    30.0,
                    -15.0,
                    75.0,
                    7.3,
                    0.9,
                    0.9)),
            AnomalyDetectorModel.OUTPUT_SCHEMA);
    Dataset<Row> metrics =
        Fixtures.rows(
            spark,
            InputTable.METRICS,
            Fixtures.row(ts("2026-06-20T03:00:00Z"), "h1", "conn", 0.0, "db", null),
            Fixtures.row(ts("2026-06-24T03:00:00Z"), "h1", "conn", 140.0, "db", null),
            Fixtures.row(ts("2026-06-20T03:00:00Z"), "h2", "delta", -4.0, "db", null),
            Fixtures.row(ts("2026-06-24T03:00:00Z"), "h2", "delta", 140.0, "db", null));

    List<Row> events =
        AnomalyStage.events(scored, metrics, DAY, CONFIG.anomaly())
            .orderBy(AnomaliesTable.ENTITY)
            .collectAsList();

    Row neverNegative = events.get(0);
    assertEquals(0.0, (double) neverNegative.getAs(AnomaliesTable.LOWER));
    assertEquals(30.0, (double) neverNegative.getAs(AnomaliesTable.EXPECTED));
    assertEquals(75.0, (double) neverNegative.getAs(AnomaliesTable.UPPER));
    assertEquals(150.0, (double) neverNegative.getAs(AnomaliesTable.VALUE));
    assertEquals(
        "8.0 sigma above the Wednesday 03:00 baseline",
        neverNegative.getAs(AnomaliesTable.REASON),
        "sigmas are the detector's, from the unclipped band");
    Row sometimesNegative = events.get(1);
    assertEquals(-15.0, (double) sometimesNegative.getAs(AnomaliesTable.LOWER));
  }

  @Test
  void aReturnFromALevelTheDetectorHadAdoptedSaysTheValueIsWithinTheUsualRangeAndTheBaselineWasNot(
      SparkSession spark) {
    // Memory around 43% for a week, shifted to 62% from 19:00 the evening before; the detector
    // adopted 62% and tonight's return to 41-44% is flagged below that baseline.
    List<Row> metrics = new ArrayList<>();
    for (Instant t = DAY.minusSeconds(7 * 86400L); t.isBefore(DAY.plusSeconds(3 * 3600)); ) {
      boolean shifted =
          !t.isBefore(DAY.minusSeconds(5 * 3600)) && t.isBefore(DAY.plusSeconds(5400));
      double v = (shifted ? 62 : 43) + (t.getEpochSecond() / 300 % 3) - 1;
      metrics.add(Fixtures.row(Timestamp.from(t), "h1", "mem_used_pct", v, "web", null));
      t = t.plusSeconds(300);
    }
    List<Row> scored = new ArrayList<>();
    double[] values = {44.1, 43.5, 40.9, 42.8};
    for (int i = 0; i < values.length; i++) {
      Instant t = DAY.plusSeconds(5400 + 300L * i);
      double expected = 61.8 - 0.5 * i;
      scored.add(
          RowFactory.create(
              "h1",
              "mem_used_pct",
              Timestamp.from(t),
              values[i],
              expected,
              expected - 3.3,
              expected + 3.3,
              (values[i] - expected) / 1.1,
              1.0,
              1.0));
    }

    Row e =
        AnomalyStage.events(
                spark.createDataFrame(scored, AnomalyDetectorModel.OUTPUT_SCHEMA),
                Fixtures.rows(spark, InputTable.METRICS, metrics.toArray(new Row[0])),
                DAY,
                CONFIG.anomaly())
            .first();

    assertEquals(40.9, (double) e.getAs(AnomaliesTable.VALUE));
    String reason = e.getAs(AnomaliesTable.REASON);
    assertTrue(
        reason.matches(
            "within its usual range \\(\\d+\\.\\d to \\d+\\.\\d in the look-back window\\)"
                + " though the baseline was not: 19\\.0 sigma below the Wednesday 01:00 baseline"),
        "reason: " + reason);
  }

  /** A scored error-rate point on h1: baseline 0.002 (0.001 to 0.003). */
  private static Row rate(String ts, double value, double score) {
    double sigmas = Math.max(-50, Math.min(50, (value - 0.002) / (0.002 / 6)));
    return RowFactory.create(
        "h1", "error_rate", ts(ts), value, 0.002, 0.001, 0.003, sigmas, score, score);
  }

  @Test
  void anEventIsJudgedFromItsOnsetAndItsPeakIsItsMostExtremeValueInThatDirection(
      SparkSession spark) {
    // A burst to 5% errors the detector then adopts (the later points' baseline is the burst's),
    // and the drop back, flagged below the adopted baseline, with the highest score and more
    // points than the burst: only the onset says which way the event went.
    List<Row> points = new ArrayList<>();
    points.add(rate("2026-06-24T15:05:00Z", 0.050, 0.71));
    points.add(rate("2026-06-24T15:10:00Z", 0.058, 0.72));
    points.add(rate("2026-06-24T15:15:00Z", 0.058, 0.80));
    for (int i = 0; i < 8; i++) {
      points.add(
          RowFactory.create(
              "h1",
              "error_rate",
              Timestamp.from(Instant.parse("2026-06-24T15:20:00Z").plusSeconds(300L * i)),
              0.0021,
              0.055,
              0.052,
              0.058,
              -50.0,
              1.0,
              1.0));
    }
    Dataset<Row> scored = spark.createDataFrame(points, AnomalyDetectorModel.OUTPUT_SCHEMA);
    Dataset<Row> metrics =
        Fixtures.rows(
            spark,
            InputTable.METRICS,
            Fixtures.row(ts("2026-06-24T15:00:00Z"), "h1", "error_rate", 0.002, "web", null));

    Row e = AnomalyStage.events(scored, metrics, DAY, CONFIG.anomaly()).first();

    assertEquals(0.058, (double) e.getAs(AnomaliesTable.VALUE));
    assertEquals(ts("2026-06-24T15:10:00Z"), e.getAs(AnomaliesTable.PEAK_TS), "the earliest tie");
    assertEquals(0.003, (double) e.getAs(AnomaliesTable.UPPER));
    assertEquals(1.0, (double) e.getAs(AnomaliesTable.SCORE), "the event's highest score");
    assertEquals(11L, (long) e.getAs(AnomaliesTable.POINTS));
    assertEquals(
        "more than 50 sigma above the Wednesday 15:00 baseline", e.getAs(AnomaliesTable.REASON));
  }
}
