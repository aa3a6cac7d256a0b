package io.nightshift.jobs.stages.logs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hour;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.LogSignalsTable;
import io.nightshift.jobs.schema.LogTemplatesTable;
import io.nightshift.models.logs.TemplateIds;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The log stage on small synthetic logs: stable ids across nights, new templates, bursts. */
@ExtendWith(SparkExtension.class)
class LogSignalStageTest {
  private static final LocalDate NIGHT1 = LocalDate.parse("2026-06-29");
  private static final LocalDate NIGHT2 = LocalDate.parse("2026-06-30");
  private static final String GET = "GET <*>\u00a0<*> in <*>\u00a0ms";
  private static final String LOGIN = "User <*> logged in from <*>";
  private static final String TIMEOUT = "Timeout after <*>\u00a0ms waiting for <*>";

  /** Four days of steady lines on two hosts; on NIGHT2 host h1 bursts timeouts at 10:00-10:59. */
  static Dataset<Row> syntheticLogs(SparkSession spark) {
    Random r = new Random(3);
    List<Row> rows = new ArrayList<>();
    for (LocalDate d = NIGHT2.minusDays(3); !d.isAfter(NIGHT2); d = d.plusDays(1)) {
      for (int h = 0; h < 24; h++) {
        for (String host : List.of("h1", "h2")) {
          for (int k = 0; k < 6; k++) {
            rows.add(
                line(
                    d,
                    h,
                    k * 9,
                    host,
                    "INFO",
                    "GET /api/items/" + r.nextInt(500) + " 200 in " + r.nextInt(90) + " ms"));
          }
          rows.add(
              line(
                  d,
                  h,
                  30,
                  host,
                  "INFO",
                  "User u" + (100 + r.nextInt(900)) + " logged in from 10.0.0." + r.nextInt(250)));
          if (d.equals(NIGHT2) && h == 10 && host.equals("h1")) {
            for (int k = 0; k < 40; k++) {
              rows.add(
                  line(
                      d,
                      h,
                      k,
                      host,
                      "ERROR",
                      "Timeout after "
                          + (1000 + r.nextInt(9000))
                          + " ms waiting for db-"
                          + r.nextInt(3)));
            }
          }
        }
      }
    }
    return spark.createDataFrame(rows, InputTable.LOGS.schema());
  }

  private static Row line(LocalDate d, int h, int m, String host, String level, String msg) {
    Timestamp ts = Timestamp.from(d.atTime(h, m).toInstant(ZoneOffset.UTC));
    return RowFactory.create(ts, host, "web", level, msg);
  }

  private static Map<String, Row> byTemplate(Dataset<Row> t) {
    Map<String, Row> m = new HashMap<>();
    for (Row r : t.collectAsList()) {
      m.put(r.getAs(LogTemplatesTable.TEMPLATE), r);
    }
    return m;
  }

  @Test
  void keepsIdsAcrossNightsAndMarksNewTemplatesWithTheirFirstDay(
      SparkSession spark, @TempDir Path out) {
    Dataset<Row> logs = syntheticLogs(spark).cache();
    Map<String, Row> n1 =
        byTemplate(LogStageFixture.night(spark, out, NIGHT1, 3, logs).get(LogTemplatesTable.NAME));
    Map<String, Row> n2 =
        byTemplate(LogStageFixture.night(spark, out, NIGHT2, 3, logs).get(LogTemplatesTable.NAME));
    assertEquals(2, n1.size(), n1.keySet().toString());
    assertEquals(3, n2.size(), n2.keySet().toString());
    for (String t : List.of(GET, LOGIN)) {
      assertEquals(
          n1.get(t).getAs(LogTemplatesTable.TEMPLATE_ID),
          (Object) n2.get(t).getAs(LogTemplatesTable.TEMPLATE_ID));
      assertEquals("2026-06-27", n2.get(t).getAs(LogTemplatesTable.FIRST_SEEN).toString());
      assertEquals("2026-06-30", n2.get(t).getAs(LogTemplatesTable.LAST_SEEN).toString());
      assertFalse((Boolean) n2.get(t).getAs(LogTemplatesTable.IS_NEW));
    }
    assertTrue(n2.containsKey(TIMEOUT), n2.keySet().toString());
    Row timeout = n2.get(TIMEOUT);
    assertEquals(TemplateIds.of(TIMEOUT), timeout.getAs(LogTemplatesTable.TEMPLATE_ID));
    assertEquals("2026-06-30", timeout.getAs(LogTemplatesTable.FIRST_SEEN).toString());
    assertTrue((Boolean) timeout.getAs(LogTemplatesTable.IS_NEW));
    assertEquals(40L, (long) timeout.getAs(LogTemplatesTable.COUNT));
    assertEquals(1.0, (double) timeout.getAs(LogTemplatesTable.ERROR_SHARE), 1e-9);
    assertEquals(48L * 6, (long) n2.get(GET).getAs(LogTemplatesTable.COUNT));
    assertTrue(((String) timeout.getAs(LogTemplatesTable.EXAMPLE)).startsWith("Timeout after "));
  }

  @Test
  void aBurstOfErrorsRaisesTheScoreOfItsWindowOnly(SparkSession spark, @TempDir Path out) {
    Dataset<Row> logs = syntheticLogs(spark);
    Dataset<Row> s =
        LogStageFixture.night(spark, out, NIGHT2, 4, logs).get(LogSignalsTable.NAME).cache();
    assertEquals(48, s.count(), "one row per host and hour of the run date");
    Row burst =
        s.filter(
                col("entity")
                    .equalTo("h1")
                    .and(hour(col(LogSignalsTable.WINDOW_START)).equalTo(10)))
            .first();
    assertEquals(47L, (long) burst.getAs(LogSignalsTable.LINES));
    assertEquals(40L, (long) burst.getAs(LogSignalsTable.ERRORS));
    assertEquals(1L, (long) burst.getAs(LogSignalsTable.NEW_TEMPLATES));
    assertEquals(
        3, ((scala.collection.Map<?, ?>) burst.getAs(LogSignalsTable.TEMPLATE_COUNTS)).size());
    assertEquals(3, (int) burst.getAs(LogSignalsTable.BASELINE_DAYS));
    double score = burst.getAs(LogSignalsTable.LOG_ANOMALY_SCORE);
    assertTrue(score > 0.7, "burst window score " + score);
    double othersMax =
        s.filter(
                col("entity")
                    .notEqual("h1")
                    .or(hour(col(LogSignalsTable.WINDOW_START)).notEqual(10)))
            .agg(org.apache.spark.sql.functions.max(LogSignalsTable.LOG_ANOMALY_SCORE))
            .first()
            .getDouble(0);
    assertTrue(othersMax < 0.05, "quiet windows score at most " + othersMax);
  }
}
