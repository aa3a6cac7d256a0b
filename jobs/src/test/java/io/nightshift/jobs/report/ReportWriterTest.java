package io.nightshift.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.stages.KpiStage;
import io.nightshift.jobs.stages.NightlyRun;
import io.nightshift.jobs.stages.RunListeners;
import io.nightshift.testkit.SparkExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The report site of one sample night: files, content, order, escaping, missing tables. */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class ReportWriterTest {
  static final List<String> PAGES =
      List.of("index.html", "capacity.html", "problems.html", "risk.html", "anomalies.html");

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  @Test
  void writesEveryPageAndCsvAndRecordsTheirSizesInTheManifest(SparkSession spark)
      throws IOException {
    Path dir = SampleNight.reports(spark);
    JsonNode m =
        new ObjectMapper()
            .readTree(SampleNight.output(spark).resolve("runs/2026-06-30/manifest.json").toFile());
    JsonNode files = m.get("reports").get("files");
    for (String f :
        List.of(
            "index.html",
            "capacity.html",
            "problems.html",
            "risk.html",
            "capacity.csv",
            "problems.csv",
            "risk.csv",
            "kpis.csv",
            "data_quality.csv")) {
      assertTrue(Files.isRegularFile(dir.resolve(f)), f + " is written");
      assertEquals(Files.size(dir.resolve(f)), files.get(f).asLong(), "size of " + f);
    }
    assertFalse(Files.exists(dir.resolveSibling("_staging-2026-06-30")), "staging is moved");
  }

  @Test
  void anomaliesPageWritesEveryScoreInOneFormatWhetherOrNotItIsExactlyOne(SparkSession spark)
      throws IOException {
    String html = read(SampleNight.reports(spark).resolve("anomalies.html"));
    assertTrue(html.contains("<td class=\"num\">1.00</td>"), "a score of exactly 1");
    assertTrue(html.contains("<td class=\"num\">0.91</td>"), "a score below 1");
    assertFalse(html.contains("<td class=\"num\">1</td>"), "no score as a bare 1");
    assertTrue(html.contains("score 1.00 · 3 samples"), "the chart's caption");
    assertFalse(html.contains("severity 1 ·"), "no situation severity as a bare 1");
  }

  @Test
  void capacityPageChartsSaturatingResourcesSoonestFirstWithBandThresholdAndCrossing(
      SparkSession spark) throws IOException {
    String html = read(SampleNight.reports(spark).resolve("capacity.html"));
    int mem = html.indexOf("<h3>mem_used_pct on db-");
    int disk = html.indexOf("<h3>disk_used_pct on h1 <small>");
    assertTrue(mem > 0 && disk > mem, "the resource crossing sooner comes first");
    assertFalse(html.contains("<h3>cpu_used_pct"), "a resource without a crossing is not charted");
    assertEquals(2, count(html, "class=\"chart time-chart\""));
    for (String part :
        List.of(
            "class=\"history\"",
            "class=\"median\"",
            "class=\"band\"",
            "class=\"threshold\"",
            "class=\"crossing\"")) {
      assertEquals(2, count(html, part), part + " in each chart");
    }
    String csv = read(SampleNight.reports(spark).resolve("capacity.csv"));
    String[] lines = csv.split("\r\n");
    int at = java.util.Arrays.asList(lines[0].split(",")).indexOf("crossing_at_p50");
    String day =
        java.time.LocalDateTime.parse(lines[1].split(",")[at].substring(0, 19).replace(' ', 'T'))
            .format(java.time.format.DateTimeFormatter.ofPattern("MMM d", java.util.Locale.ROOT));
    assertTrue(
        html.contains("median crosses " + day),
        "the soonest crossing is marked on its chart at the table's date, " + day);
    assertEquals(7, lines.length, "header and every forecast row (two thresholds per resource)");
    assertTrue(
        lines[1].startsWith("db-") && lines[2].startsWith("h1,") && lines[6].startsWith("h2,"),
        "soonest median crossing first, no crossing last");
    assertFalse(lines[0].contains("hourly"), "the CSV leaves out the charts' hourly paths");
    assertTrue(lines[0].contains("threshold_pct"));
  }

  @Test
  void summaryShowsTopListsKpiTrendAndQuarantineByReason(SparkSession spark) throws IOException {
    String html = read(SampleNight.reports(spark).resolve("index.html"));
    assertTrue(html.contains("unknown_severity"), "the quarantined incident's reason");
    assertTrue(html.contains("disk full on var"), "top family (its label, the titles' template)");
    assertTrue(html.indexOf("Top risks") < html.indexOf("Resources saturating soonest"));
    assertTrue(count(html, "class=\"chart spark\"") >= 4, "KPI and family sparklines");
    assertTrue(html.contains("href=\"capacity.html\"") && html.contains("href=\"risk.html\""));
    assertFalse(html.contains("not available yet"), "every table of the sample night is shown");
    String problems = read(SampleNight.reports(spark).resolve("problems.html"));
    assertTrue(
        problems.indexOf("disk full on var") < problems.indexOf("db connection pool"),
        "families ordered by impact");
    String risk = read(SampleNight.reports(spark).resolve("risk.html"));
    assertTrue(risk.contains("2026-06-28") && risk.contains("mem_used_pct trend"), risk);
  }

  @Test
  void escapesScriptTagsFromDataOnEveryPageAndCsvGuardsFormulas(SparkSession spark)
      throws IOException {
    Path dir = SampleNight.reports(spark);
    for (String page : PAGES) {
      String html = read(dir.resolve(page));
      assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), page + " has no script tag");
      assertTrue(html.contains("&lt;script&gt;"), page + " shows the hostile text, escaped");
    }
    assertEquals("'=SUM(A1)", CsvExport.field("=SUM(A1)"));
    assertEquals("-3.5", CsvExport.field("-3.5"));
    assertEquals("\"a,\"\"b\"\"\"", CsvExport.field("a,\"b\""));
  }

  @Test
  void saysNotAvailableYetForTablesTheRunDidNotWrite(
      SparkSession spark, @TempDir Path in, @TempDir Path out) throws IOException {
    SampleNight.lake(spark, in);
    new NightlyRun(spark, Fixtures.config(in, out))
        .runDate(SampleNight.RUN)
        .stages(List.of(new KpiStage()))
        .listeners(RunListeners.defaults())
        .execute();
    Path dir = out.resolve("reports/2026-06-30");
    String index = read(dir.resolve("index.html"));
    assertTrue(index.contains("Risk scores not available yet"));
    assertTrue(index.contains("Capacity forecast not available yet"));
    assertTrue(index.contains("Recurring incidents not available yet"));
    assertTrue(index.contains("KPI trend") && index.contains("class=\"chart spark\""));
    assertTrue(read(dir.resolve("capacity.html")).contains("not available yet"));
    assertFalse(Files.exists(dir.resolve("capacity.csv")));
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
