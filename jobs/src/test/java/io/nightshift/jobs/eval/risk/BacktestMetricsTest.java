package io.nightshift.jobs.eval.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nightshift.testkit.SparkExtension;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class BacktestMetricsTest {

  /**
   * Two nights, four entities. Night 1: e1 0.9 (incident A in 6 h), e2 0.8, e3 0.2 (incident B in
   * 20 h), e4 0.1. Night 2: e1 0.7, e2 0.6 (incident C in 10 h), e3 0.5, e4 0.4.
   */
  static Dataset<Row> toy(SparkSession spark) {
    return spark.sql(
        "select cast(day as date) day, entity, score, label, hours_to_next, next_incident from values"
            + " ('2026-06-01','e1',0.9d,1d,6d,'A'), ('2026-06-01','e2',0.8d,0d,null,null),"
            + " ('2026-06-01','e3',0.2d,1d,20d,'B'), ('2026-06-01','e4',0.1d,0d,null,null),"
            + " ('2026-06-02','e1',0.7d,0d,null,null), ('2026-06-02','e2',0.6d,1d,10d,'C'),"
            + " ('2026-06-02','e3',0.5d,0d,null,null), ('2026-06-02','e4',0.4d,0d,null,null)"
            + " as t(day, entity, score, label, hours_to_next, next_incident)");
  }

  @Test
  void computesRankingMetricsOnAKnownToyCase(SparkSession spark) {
    Map<String, Object> m = BacktestMetrics.of(toy(spark), "score", "label", 1, true);
    // positives {.9,.2,.6} vs negatives {.8,.1,.7,.5,.4}: 5 + 1 + 3 of 15 pairs ordered right
    assertEquals(9.0 / 15, (Double) m.get("roc_auc"), 1e-9);
    // trapezoids over (0,1) (1/3,1) (1/3,1/2) (1/3,1/3) (2/3,1/2) (2/3,2/5) (2/3,1/3) (1,3/7)
    // (1,3/8)
    assertEquals(151.0 / 252, (Double) m.get("pr_auc"), 1e-9);
    assertEquals(0.5, (Double) m.get("precision_at_1"), 1e-9);
    assertEquals(0.25, (Double) m.get("recall_at_1"), 1e-9);
    assertEquals(6.0, (Double) m.get("median_lead_hours"), 1e-9);
    // each score alone in its bin: mean |p - y| = 3.8 / 8
    assertEquals(0.475, (Double) m.get("ece"), 1e-9);
  }

  @Test
  void leadTimeCountsEachIncidentFromItsEarliestWarning(SparkSession spark) {
    Dataset<Row> rows =
        spark.sql(
            "select cast(day as date) day, entity, score, label, hours_to_next, next_incident from values"
                + " ('2026-06-01','e1',0.9d,1d,30d,'A'), ('2026-06-01','e2',0.1d,0d,null,null),"
                + " ('2026-06-02','e1',0.9d,1d,6d,'A'), ('2026-06-02','e2',0.1d,1d,2d,'B')"
                + " as t(day, entity, score, label, hours_to_next, next_incident)");
    Map<String, Object> m = BacktestMetrics.of(rows, "score", "label", 1, false);
    assertEquals(30.0, (Double) m.get("median_lead_hours"), 1e-9);
    assertEquals(1L, m.get("incidents_warned"));
  }
}
