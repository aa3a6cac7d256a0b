package io.nightshift.jobs.eval.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nightshift.testkit.SparkExtension;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class PrecursorCeilingTest {

  /**
   * Two replayed nights of twelve entities, 24 h horizon. Night 06-01 (ends 06-02 00:00): e1 opens
   * twice with precursors begun the evening before (one entity), e2 opens but its precursor begins
   * after midnight (not foreseeable). Night 06-02 (ends 06-03 00:00): e3 and e4 open with
   * precursors begun on 06-02 (two entities); e5 opens 30 h later, beyond the horizon.
   */
  @Test
  void countsOnlyIncidentsWhosePrecursorBeganBeforeTheNightEnded(SparkSession spark) {
    Dataset<Row> truth =
        spark.sql(
            "select entity, cast(opened_at as timestamp) opened_at,"
                + " cast(precursor_start as timestamp) precursor_start from values"
                + " ('e1','2026-06-02 05:00:00','2026-06-01 20:00:00'),"
                + " ('e1','2026-06-02 07:00:00','2026-06-01 21:00:00'),"
                + " ('e2','2026-06-02 10:00:00','2026-06-02 08:00:00'),"
                + " ('e3','2026-06-03 01:00:00','2026-06-02 12:00:00'),"
                + " ('e4','2026-06-03 20:00:00','2026-06-02 23:00:00'),"
                + " ('e5','2026-06-04 06:00:00','2026-06-02 10:00:00')"
                + " as t(entity, opened_at, precursor_start)");
    RiskBacktest.HorizonResult r =
        new RiskBacktest.HorizonResult(
            24,
            LocalDate.parse("2026-06-01"),
            LocalDate.parse("2026-06-02"),
            24,
            5,
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of(),
            List.of());
    Map<String, Object> c = PrecursorCeiling.of(truth, r, 10);
    assertEquals(1.5, (Double) c.get("foreseeable_positives_per_night"), 1e-12);
    // (1/10 + 2/10) / 2
    assertEquals(0.15, (Double) c.get("precision_at_10"), 1e-12);
  }
}
