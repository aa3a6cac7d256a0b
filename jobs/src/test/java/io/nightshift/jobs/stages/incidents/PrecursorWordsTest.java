package io.nightshift.jobs.stages.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.schema.RecurringIncidentsTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words of each precursor kind, without Spark. */
class PrecursorWordsTest {
  private static PrecursorWords.Item item(
      String kind, String name, List<PrecursorWords.Detail> details, String tpl, String ex) {
    return new PrecursorWords.Item(
        kind, name, 0.8, 8.0, 4, 3, 5, List.of("search"), details, tpl, ex);
  }

  @Test
  void describesALogTemplateByItsTextAndAnExampleLineNotItsId() {
    String d =
        PrecursorWords.describe(
            item(
                RecurringIncidentsTable.KIND_LOG_TEMPLATE,
                "Tbb236f8fa081",
                List.of(),
                "Connection refused to <*>:<*>",
                "Connection refused to db-3:5432"),
            0.9);
    assertEquals(
        "WARN/ERROR log \"Connection refused to <*>:<*>\" on search (e.g. \"Connection refused to"
            + " db-3:5432\") in the 3 h before 4 of 5 incidents (80%), against 10% of all 3-hour"
            + " windows (8x)",
        d);
    assertFalse(d.contains("Tbb236f8fa081"));
  }

  @Test
  void describesAChangeByItsServiceAndOutcomesWithoutStutter() {
    String d =
        PrecursorWords.describe(
            item(
                RecurringIncidentsTable.KIND_CHANGE,
                "change",
                List.of(
                    new PrecursorWords.Detail(2, "failed"),
                    new PrecursorWords.Detail(1, "rolled_back")),
                null,
                null),
            0.9);
    assertTrue(
        d.startsWith("a change to search (3 changes: 2 failed, 1 rolled back) in the 3 h"), d);
    assertFalse(d.contains("change change"));
  }

  @Test
  void describesWhatAMetricDid() {
    String anomaly =
        PrecursorWords.describe(
            item(
                RecurringIncidentsTable.KIND_METRIC_ANOMALY,
                "latency_ms",
                List.of(new PrecursorWords.Detail(3, PrecursorWords.ABOVE)),
                null,
                null),
            0.9);
    assertTrue(
        anomaly.startsWith(
            "anomaly in latency_ms on search (above its expected band in 3 events) in the 3 h"),
        anomaly);
    String saturation =
        PrecursorWords.describe(
            item(
                RecurringIncidentsTable.KIND_METRIC_SATURATION,
                "disk_used_pct",
                List.of(),
                null,
                null),
            0.9);
    assertTrue(
        saturation.startsWith(
            "disk_used_pct of the incident's host at or above 90% of its capacity in the 3 h"),
        saturation);
  }

  @Test
  void saysWhenATemplatesTextIsUnknownInsteadOfShowingItsId() {
    String d =
        PrecursorWords.describe(
            item(RecurringIncidentsTable.KIND_LOG_TEMPLATE, "T0123456789ab", List.of(), null, null),
            0.9);
    assertTrue(d.startsWith("a WARN/ERROR log template on search (its text is not in"), d);
    assertFalse(d.contains("T0123456789ab"));
  }
}
