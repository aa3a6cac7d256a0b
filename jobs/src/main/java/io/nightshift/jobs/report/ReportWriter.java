package io.nightshift.jobs.report;

import io.nightshift.jobs.Versions;
import io.nightshift.jobs.config.ReportSettings;
import io.nightshift.jobs.io.OutputLayout;
import io.nightshift.jobs.io.RunManifest;
import io.nightshift.jobs.stages.NightlyRun;
import io.nightshift.jobs.stages.RunContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one night's report site, {@code <output>/reports/<run-date>/}: the morning summary ({@code
 * index.html}), {@code capacity.html}, {@code problems.html}, {@code risk.html} and {@code
 * anomalies.html}, with a CSV beside each for spreadsheets. Pages are static HTML with inline SVG
 * charts and inline CSS (no script, no network), so they open from a file share or an e-mail
 * attachment. A table the run did not write gives a "not available yet" section, never a failure.
 * Runs after the stages as a {@link NightlyRun.RunListener}; only top-N rows and bucketed chart
 * series reach the driver.
 */
public final class ReportWriter implements NightlyRun.RunListener {
  private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

  /** The pages, in navigation order: file name to navigation label. */
  static final Map<String, String> PAGES = pages();

  private final Templates templates = new Templates();

  @Override
  public String name() {
    return "reports";
  }

  /** The report folder of a run date under an output root. */
  public static String folder(String outputRoot, LocalDate runDate) {
    return new OutputLayout(outputRoot).reports(runDate);
  }

  @Override
  public Map<String, Object> afterStages(RunContext ctx, RunManifest manifest) {
    ReportSettings s = ctx.config().reports();
    if (!s.enabled()) {
      return Map.of("enabled", false);
    }
    return write(ctx, s, manifest.view(), folder(ctx.config().output().path(), ctx.runDate()));
  }

  /**
   * Renders every page and CSV into {@code dir} (replacing an earlier site there).
   *
   * @return the manifest entry: the folder and each file's size in bytes
   */
  public Map<String, Object> write(
      RunContext ctx, ReportSettings s, Map<String, Object> manifest, String dir) {
    // labelled as the stages are, so the bench and the Spark UI count its jobs with the stages'
    ctx.spark().sparkContext().setJobGroup("stage:" + name(), "nightshift " + name(), false);
    try {
      SiteFiles files = new SiteFiles(dir, ctx.spark().sparkContext().hadoopConfiguration());
      CapacityReport.Model capacity = CapacityReport.build(ctx, s, files);
      ProblemsReport.Model problems = ProblemsReport.build(ctx, s, files);
      RiskReport.Model risk = RiskReport.build(ctx, s, files, manifest);
      Optional<SituationList> situations = SituationList.of(ctx, s.tableRows());
      AnomaliesReport.Model anomalies = AnomaliesReport.build(ctx, s, files, situations);
      SummaryReport.Model summary =
          SummaryReport.build(
              ctx,
              s,
              files,
              manifest,
              anomalies.available() ? anomalies.events() : null,
              situations);
      Map<String, Object> common = new HashMap<>();
      common.put("capacity", capacity);
      common.put("problems", problems);
      common.put("risk", risk);
      common.put("summary", summary);
      common.put("anomalies", anomalies);
      for (Map.Entry<String, String> page : PAGES.entrySet()) {
        Map<String, Object> scope = new HashMap<>(common);
        scope.put("site", site(ctx, s, page.getKey()));
        scope.put("pageTitle", page.getValue());
        String template = page.getKey().replace(".html", "");
        files.writeText(page.getKey(), templates.render(template, scope));
      }
      files.commit();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("path", files.path());
      entry.put("files", new TreeMap<>(files.sizes()));
      LOG.info("reports for {} written to {}", ctx.runDate(), files.path());
      return entry;
    } finally {
      ctx.spark().sparkContext().clearJobGroup();
    }
  }

  private static Map<String, Object> site(RunContext ctx, ReportSettings s, String current) {
    Map<String, Object> site = new HashMap<>();
    site.put("title", s.title());
    site.put("runDate", ctx.runDate().toString());
    site.put("windowStart", Cells.text(ctx.windowStart()));
    site.put("windowEnd", Cells.text(ctx.windowEnd()));
    site.put("generatedAt", Cells.text(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    site.put("version", Versions.nightshift());
    List<Map<String, Object>> nav = new ArrayList<>();
    for (Map.Entry<String, String> p : PAGES.entrySet()) {
      nav.add(
          Map.of("href", p.getKey(), "label", p.getValue(), "here", p.getKey().equals(current)));
    }
    site.put("nav", nav);
    return site;
  }

  private static Map<String, String> pages() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("index.html", "Morning summary");
    m.put("capacity.html", "Capacity");
    m.put("problems.html", "Recurring problems");
    m.put("risk.html", "Incident risk");
    m.put(AnomaliesReport.PAGE, "Anomalies");
    return java.util.Collections.unmodifiableMap(m);
  }
}
