package io.nightshift.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.SampleFleetNight;
import io.nightshift.jobs.schema.AnomaliesTable;
import io.nightshift.jobs.schema.IncidentFamiliesTable;
import io.nightshift.jobs.schema.RecurringIncidentsTable;
import io.nightshift.jobs.schema.SituationsTable;
import io.nightshift.testkit.SparkExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reviews the problems and anomalies pages of a real night of the bundled sample fleet ({@link
 * SampleFleetNight}: every stage on {@code data-samples/fleet}, 30 days to 2026-06-30) as their
 * readers would: every precursor is in words (no raw template id, no "change change"), each
 * family's members are its incidents, and the anomalies page lists exactly the night's anomaly
 * events. {@code -Dnightshift.review.output=DIR} reviews an existing run's output (e.g. of {@code
 * ./nightshift run --run-date 2026-06-30}) instead of running the night.
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class ProblemsReviewTest {
  private static final LocalDate RUN = SampleFleetNight.RUN;
  private static final Pattern TEMPLATE_ID = Pattern.compile("\\bT[0-9a-f]{12}\\b");
  private static final Pattern STUTTER =
      Pattern.compile("\\b(\\w+) \\1\\b", Pattern.CASE_INSENSITIVE);
  private static Path out;

  @BeforeAll
  static void night(SparkSession spark) {
    out = SampleFleetNight.reviewed(spark);
  }

  private static Dataset<Row> table(SparkSession spark, String name) {
    return spark.read().parquet(out.resolve(name).resolve("run_date=" + RUN).toString());
  }

  private static String page(String name) throws IOException {
    return Files.readString(
        out.resolve("reports").resolve(RUN.toString()).resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void everyPrecursorHasADescriptionInWordsWithoutARawTemplateIdOrAStutter(SparkSession spark)
      throws IOException {
    String html = page("problems.html");
    int precursors = 0;
    for (Row r : table(spark, RecurringIncidentsTable.NAME).collectAsList()) {
      for (Row p : r.<Row>getList(r.fieldIndex(RecurringIncidentsTable.PRECURSORS))) {
        precursors++;
        String d = p.getAs(RecurringIncidentsTable.PRECURSOR_DESCRIPTION);
        assertTrue(d != null && !d.isBlank(), "precursor " + p + " has a description");
        assertFalse(TEMPLATE_ID.matcher(d).find(), "no raw template id in: " + d);
        assertFalse(STUTTER.matcher(d).find(), "no stutter in: " + d);
        String plain = d.split("[\"'<>&=`]")[0];
        assertTrue(html.contains(plain), "problems.html shows: " + plain);
      }
    }
    System.out.println("review: " + precursors + " precursors described");
    assertTrue(precursors > 0, "the sample night's families have precursors");
    assertFalse(TEMPLATE_ID.matcher(html).find(), "problems.html shows no raw template id");
    assertFalse(STUTTER.matcher(html.replaceAll("<[^>]*>", " ")).find(), "no stutter on the page");
  }

  @Test
  void eachFamilysMembersAreItsIncidentsAndItsRootCauseSharesAddUp(SparkSession spark)
      throws IOException {
    Map<String, TreeSet<String>> members = new HashMap<>();
    for (Row r : table(spark, IncidentFamiliesTable.NAME).collectAsList()) {
      members
          .computeIfAbsent(r.getAs(IncidentFamiliesTable.FAMILY_ID), k -> new TreeSet<>())
          .add(r.getAs(IncidentFamiliesTable.INCIDENT_ID));
    }
    String html = page("problems.html");
    List<Row> families = table(spark, RecurringIncidentsTable.NAME).collectAsList();
    assertFalse(families.isEmpty(), "the sample night has recurring families");
    for (Row r : families) {
      long n = r.getAs(RecurringIncidentsTable.INCIDENT_COUNT);
      List<String> ids = r.getList(r.fieldIndex(RecurringIncidentsTable.INCIDENT_IDS));
      String family = r.getAs(RecurringIncidentsTable.FAMILY_ID);
      assertEquals(n, ids.size(), family + ": members listed = incident_count");
      assertEquals(members.get(family), new TreeSet<>(ids), family + ": members = its incidents");
      long causes = 0;
      double share = 0;
      for (Row c : r.<Row>getList(r.fieldIndex(RecurringIncidentsTable.ROOT_CAUSES))) {
        causes += c.<Long>getAs(RecurringIncidentsTable.ROOT_CAUSE_INCIDENTS);
        share += c.<Double>getAs(RecurringIncidentsTable.ROOT_CAUSE_SHARE);
      }
      assertEquals(n, causes, family + ": root causes cover every incident");
      assertEquals(1.0, share, 1e-9, family + ": root-cause shares add up to 1");
      assertTrue(html.contains(" · " + n + " incidents · "), family + " card shows its count");
      assertTrue(html.contains(ids.get(0)), family + " card lists its incidents");
    }
  }

  @Test
  void anomaliesPageListsExactlyTheNightsAnomalyEventsEachWithItsChart(SparkSession spark)
      throws IOException {
    List<Row> events = table(spark, AnomaliesTable.NAME).collectAsList();
    String html = page(AnomaliesReport.PAGE);
    int rows = count(html, "<tr><td><a href=\"#a");
    int charts = count(html, "<div class=\"resource\" id=\"a");
    System.out.println("review: " + events.size() + " anomaly events, " + rows + " rows");
    assertEquals(events.size(), rows, "one row per anomaly event");
    assertEquals(events.size(), charts, "one chart per anomaly event");
    for (Row e : events) {
      String cell =
          ">" + e.getAs(AnomaliesTable.METRIC) + "</a></td><td>" + e.getAs(AnomaliesTable.ENTITY);
      assertTrue(html.contains(cell), "the page lists " + cell);
    }
    String csv = page(AnomaliesReport.CSV);
    assertEquals(events.size() + 1, csv.split("\r\n").length, "anomalies.csv: header + events");
    for (Row s : table(spark, SituationsTable.NAME).collectAsList()) {
      assertTrue(
          html.contains("id=\"" + s.getAs(SituationsTable.SITUATION_ID) + "\""),
          "situation " + s.getAs(SituationsTable.SITUATION_ID) + " is on the page");
    }
    assertFalse(html.contains(": </p>"), "no line ends on a bare label (an empty list says none)");
    assertFalse(html.contains("; </p>"), "a list ends on its last item, not a separator");
    String index = page("index.html");
    assertTrue(index.contains(events.size() + " anomaly events on "), "summary counts them");
    assertTrue(index.contains("href=\"anomalies.html#a1\""), "summary links the top event");
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
