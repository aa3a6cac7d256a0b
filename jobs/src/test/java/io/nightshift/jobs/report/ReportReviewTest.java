package io.nightshift.jobs.report;

import static io.nightshift.jobs.schema.CapacityForecastTable.*;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.SampleFleetNight;
import io.nightshift.testkit.SparkExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reviews the capacity answers of a real night of the bundled sample fleet ({@code
 * data-samples/fleet}, 30 days, every stage: {@link SampleFleetNight}) across the table, the
 * capacity page and the morning summary: no utilisation above 100% anywhere, headline counts equal
 * the distinct resources they summarise, and the crossing the chart marks is the table's.
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class ReportReviewTest {
  private static final LocalDate RUN = SampleFleetNight.RUN;
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static Path night() {
    return SampleFleetNight.reviewed(SparkSession.active());
  }

  private static Dataset<Row> table(SparkSession spark) throws IOException {
    return spark.read().parquet(night().resolve(NAME).resolve("run_date=" + RUN).toString());
  }

  private static String page(String name) throws IOException {
    return Files.readString(
        night().resolve("reports").resolve(RUN.toString()).resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void noUtilisationAboveOneHundredPercentInTheTableOrTheCharts(SparkSession spark)
      throws IOException {
    Dataset<Row> t = table(spark);
    for (String c :
        List.of(
            CURRENT_UTILISATION_PCT,
            PEAK_UTILISATION_PCT,
            P50_7D,
            P90_7D,
            P50_30D,
            P90_30D,
            P50_90D,
            P90_90D)) {
      assertEquals(0, t.where(col(c).gt(100)).count(), c + " above 100%");
    }
    for (String c : List.of(P10_PATH, P50_PATH, P90_PATH)) {
      assertEquals(
          0, t.where("exists(" + c + ", x -> x > 100)").count(), c + " has a point above 100%");
    }
    String html = page("capacity.html");
    // Charts are 0-100% of capacity: y = 22 is the 100% line; nothing is drawn above it.
    Matcher m =
        Pattern.compile("class=\"(?:history|median|band)\" points=\"([^\"]*)\"").matcher(html);
    int drawn = 0;
    while (m.find()) {
      for (String p : m.group(1).trim().split(" ")) {
        double y = Double.parseDouble(p.split(",")[1]);
        assertTrue(y >= 22 - 1e-6, "a chart point above 100% of capacity: " + p);
        drawn++;
      }
    }
    assertTrue(drawn > 0, "the capacity page draws charts");
  }

  @Test
  void headlineCountsEqualTheDistinctResourcesListed(SparkSession spark) throws IOException {
    Dataset<Row> t = table(spark);
    Dataset<Row> high = t.where(col(CONFIDENCE).equalTo(CONFIDENCE_HIGH));
    Dataset<Row> will = high.where(col(DAYS_P50).isNotNull()).select(ENTITY, RESOURCE).distinct();
    Dataset<Row> may =
        high.where(col(DAYS_P90).isNotNull()).select(ENTITY, RESOURCE).distinct().except(will);
    long resources = t.select(ENTITY, RESOURCE).distinct().count();
    String capacity = page("capacity.html");
    assertTrue(
        capacity.contains(
            "Resources predicted to saturate: " + will.count() + " of " + resources + " forecast"),
        "capacity heading counts distinct confident resources");
    assertTrue(
        capacity.contains("only the pessimistic p90 path crosses): " + may.count() + "</h2>"),
        "may-saturate heading counts distinct resources");
    String index = page("index.html");
    assertTrue(
        index.contains(
            "<div class=\"big\">" + will.count() + "</div>resources predicted to saturate"));
    assertTrue(index.contains("<div class=\"big\">" + may.count() + "</div>may saturate"));
    assertEquals(
        will.count() + may.count(),
        t.where(col(CONFIDENCE).equalTo(CONFIDENCE_HIGH).and(col(DAYS_P90).isNotNull()))
            .select(ENTITY, RESOURCE)
            .distinct()
            .count(),
        "every confident p90 crossing is either predicted or may-saturate, once");
  }

  @Test
  void theChartsCrossingIsTheTablesAndTheDrawnMedianCrossesThere(SparkSession spark)
      throws IOException {
    List<Row> rows = table(spark).where(col(DAYS_P50).gt(0)).collectAsList();
    assertFalse(rows.isEmpty(), "the sample fleet has resources that cross a threshold");
    for (Row r : rows) {
      Timestamp origin = r.getAs(FORECAST_ORIGIN);
      double days = r.getAs(DAYS_P50);
      Timestamp at = r.getAs(CROSSING_AT);
      assertEquals(origin.getTime() + Math.round(days * 86_400) * 1000, at.getTime());
      int hour = (int) Math.round(days * 24);
      List<Double> p50 = r.getList(r.fieldIndex(P50_PATH));
      if (hour <= p50.size()) {
        double thr = r.getAs(THRESHOLD_PCT);
        assertTrue(p50.get(hour - 1) >= thr, "the drawn median is at the threshold then");
        assertTrue(hour == 1 || p50.get(hour - 2) < thr, "and below it the hour before");
      }
    }
    String html = page("capacity.html");
    Pattern chart =
        Pattern.compile(
            "^<h3>([^<]+) on ([^<]+) <small>\\(predicted to saturate\\)</small></h3>.*?"
                + "median crosses ([A-Z][a-z]{2} \\d+)",
            Pattern.DOTALL);
    int charts = 0;
    // One block per charted resource, so a chart without a marker never borrows the next one's.
    for (String block : html.split("<div class=\"resource\" id=\"r\\d+\">\\s*")) {
      Matcher m = chart.matcher(block);
      if (!m.find()) {
        continue;
      }
      Row first =
          table(spark)
              .where(
                  col(RESOURCE)
                      .equalTo(m.group(1))
                      .and(col(ENTITY).equalTo(m.group(2)))
                      .and(col(DAYS_P50).isNotNull()))
              .orderBy(col(DAYS_P50), col(THRESHOLD_PCT))
              .first();
      assertEquals(
          DAY.format(first.<Timestamp>getAs(CROSSING_AT).toInstant()),
          m.group(3),
          "the chart's crossing of " + m.group(2));
      charts++;
    }
    assertTrue(charts > 0, "a chart of a resource predicted to saturate");
  }

  @Test
  void aLowConfidenceForecastIsNeverTheFirstLineAndSaysWhy(SparkSession spark) throws IOException {
    Dataset<Row> t = table(spark);
    assertEquals(
        0,
        t.where(col(CONFIDENCE).equalTo(CONFIDENCE_LOW).and(col(CONFIDENCE_NOTE).isNull())).count(),
        "every low-confidence forecast says why");
    assertEquals(
        0,
        t.where(col(BACKTEST_MASE).geq(1).and(col(CONFIDENCE).equalTo(CONFIDENCE_HIGH))).count(),
        "no forecast worse than naive is high confidence");
    String index = page("index.html");
    Matcher first =
        Pattern.compile("id=\"first-line\">Act first: (\\S+) on (\\S+) ").matcher(index);
    if (first.find()) {
      assertEquals(
          0,
          t.where(
                  col(RESOURCE)
                      .equalTo(first.group(1))
                      .and(col(ENTITY).equalTo(first.group(2)))
                      .and(col(CONFIDENCE).equalTo(CONFIDENCE_LOW)))
              .count(),
          "the first line names a confident forecast");
    }
    long most =
        t.groupBy(ENTITY, RESOURCE)
            .agg(org.apache.spark.sql.functions.countDistinct(col(DAYS_TO_FULL)).as("n"))
            .agg(org.apache.spark.sql.functions.max(col("n")))
            .first()
            .getLong(0);
    assertTrue(most <= 1, "one days-to-full per resource, whatever the threshold row");
  }
}
