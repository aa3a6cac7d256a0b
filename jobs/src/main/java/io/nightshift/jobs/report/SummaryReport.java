package io.nightshift.jobs.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import io.nightshift.jobs.config.ReportSettings;
import io.nightshift.jobs.schema.AnomaliesTable;
import io.nightshift.jobs.schema.KpisTable;
import io.nightshift.jobs.schema.SituationsTable;
import io.nightshift.jobs.stages.RunContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The parts of the morning summary that have no page of their own: the weekly KPI trend across
 * services, the data-quality summary from the run manifest (rows quarantined by reason), the
 * anomaly count (the anomalies themselves are on {@link AnomaliesReport}'s page), and the night's
 * situations when that table exists.
 */
final class SummaryReport {
  static final String KPI_CSV = "kpis.csv";
  static final String QUALITY_CSV = "data_quality.csv";

  /** One KPI's weekly trend. */
  record Trend(String kpi, String svg, String first, String last, String weeks) {}

  /** What the summary shows besides the other pages' top lists. */
  record Model(
      List<Trend> kpis,
      ReportTable inputs,
      ReportTable quarantine,
      long quarantined,
      Long anomalies,
      ReportTable situations,
      ReportTable skipped) {
    /** Whether there is no KPI trend to show. */
    public boolean noKpis() {
      return kpis.isEmpty();
    }
  }

  private SummaryReport() {}

  /**
   * The situations the summary lists: only reported ones (the rest are below the noise minimums or
   * benign), worst first. Equal severities are common (1 for every single-signal situation): the
   * start, then the id, settle their order, as on the anomalies page, so that a re-run of the night
   * renders the same page.
   */
  static Dataset<Row> reportedWorstFirst(Dataset<Row> situations) {
    return situations
        .where(col(SituationsTable.REPORTED))
        .orderBy(
            col(SituationsTable.SEVERITY).desc_nulls_last(),
            col(SituationsTable.START),
            col(SituationsTable.SITUATION_ID));
  }

  /**
   * @param anomalies the anomalies table's rows when the anomalies page counted them, else null
   * @param sit the night's situations, if written
   */
  static Model build(
      RunContext ctx,
      ReportSettings s,
      SiteFiles files,
      Map<String, Object> manifest,
      Long anomalies,
      Optional<SituationList> sit) {
    List<Trend> kpis = kpis(ctx, s, files);
    List<List<Object>> inputs = new ArrayList<>();
    List<List<Object>> reasons = new ArrayList<>();
    long quarantined = 0;
    if (manifest.get("inputs") instanceof Map<?, ?> in) {
      for (Map.Entry<?, ?> e : in.entrySet()) {
        if (!(e.getValue() instanceof Map<?, ?> m)) {
          continue;
        }
        Object q = m.get("quarantined");
        quarantined += q instanceof Number n ? n.longValue() : 0;
        Object corrupt = m.get("corrupt_files");
        inputs.add(
            ReportTable.values(
                e.getKey(),
                Cells.count(m.get("read")),
                Cells.count(m.get("accepted")),
                Cells.count(q),
                Cells.count(corrupt instanceof List<?> l ? l.size() : 0)));
        if (m.get("quarantined_by_reason") instanceof Map<?, ?> byReason) {
          byReason.forEach((k, v) -> reasons.add(ReportTable.values(e.getKey(), k, v)));
        }
      }
    }
    CsvExport.writeRows(files, QUALITY_CSV, List.of("input", "reason", "rows"), reasons);
    ReportTable inputTable =
        ReportTable.text(
            List.of("input", "rows read", "accepted", "quarantined", "corrupt files"),
            inputs,
            null);
    List<List<Object>> reasonsShown = new ArrayList<>();
    for (List<Object> r : reasons) {
      reasonsShown.add(ReportTable.values(r.get(0), r.get(1), Cells.count(r.get(2))));
    }
    ReportTable reasonTable =
        ReportTable.text(List.of("input", "reason", "rows quarantined"), reasonsShown, QUALITY_CSV);

    Long events =
        anomalies != null
            ? anomalies
            : ctx.table(AnomaliesTable.NAME).map(Dataset::count).orElse(null);
    ReportTable situations = null;
    if (sit.isPresent()) {
      Dataset<Row> t = sit.get().table();
      List<String> preferred =
          List.of(
              SituationsTable.START,
              SituationsTable.HEADLINE,
              SituationsTable.TOP_CAUSE,
              SituationsTable.MEMBERS,
              SituationsTable.SEVERITY,
              SituationsTable.LINKED_INCIDENTS);
      if (Columns.hasAll(t, preferred.toArray(String[]::new))
          && Columns.hasAll(t, SituationsTable.REPORTED, SituationsTable.SITUATION_ID)) {
        situations =
            ReportTable.plain(
                sit.get().reportedHead(s.summaryItems()),
                preferred,
                List.of(SituationsTable.SEVERITY),
                sit.get().reported(),
                null);
      } else {
        Optional<String> score =
            Columns.findNumeric(t, "score", "severity_score", "priority", "size");
        Dataset<Row> ordered =
            score.isPresent() ? t.orderBy(col(score.get()).desc_nulls_last()) : t;
        List<String> shownCols =
            Arrays.asList(t.columns()).subList(0, Math.min(8, t.columns().length));
        situations =
            ReportTable.plain(
                ordered.limit(s.summaryItems()).collectAsList(), shownCols, t.count(), null);
      }
    }
    List<List<Object>> skipped = new ArrayList<>();
    if (manifest.get("skipped_stages") instanceof List<?> l) {
      l.forEach(
          e ->
              skipped.add(
                  e instanceof Map<?, ?> m
                      ? List.of(m.get("stage"), m.get("reason"))
                      : List.of(e, "")));
    }
    return new Model(
        kpis,
        inputTable,
        reasonTable,
        quarantined,
        events,
        situations,
        skipped.isEmpty() ? null : ReportTable.text(List.of("stage", "why"), skipped, null));
  }

  /** Fleet-wide weekly KPIs (aggregated over services in Spark; a handful of rows). */
  private static List<Trend> kpis(RunContext ctx, ReportSettings s, SiteFiles files) {
    Optional<Dataset<Row>> k = ctx.table(KpisTable.NAME);
    if (k.isEmpty() || !Columns.hasAll(k.get(), KpisTable.WEEK_START, KpisTable.INCIDENTS)) {
      return List.of();
    }
    Dataset<Row> t = k.get();
    CsvExport.write(
        files, KPI_CSV, t.orderBy(KpisTable.SERVICE, KpisTable.WEEK_START), s.csvMaxRows());
    String[][] wanted = {
      {"incidents", KpisTable.INCIDENTS, "sum"},
      {"SEV1 incidents", KpisTable.SEV1, "sum"},
      {"MTTR median (min, mean over services)", KpisTable.MTTR_P50, "avg"},
      {"MTTD median (min, mean over services)", KpisTable.MTTD_P50, "avg"},
      {"availability (mean over services)", KpisTable.AVAILABILITY, "avg"},
      {"changes", KpisTable.CHANGES, "sum"},
      {"failed changes", KpisTable.FAILED_CHANGES, "sum"},
      {"recurring incidents", KpisTable.RECURRING_INCIDENTS, "sum"},
    };
    List<String[]> present = new ArrayList<>();
    List<Column> aggs = new ArrayList<>();
    for (String[] w : wanted) {
      if (Columns.findNumeric(t, w[1]).isPresent()) {
        present.add(w);
        aggs.add((w[2].equals("sum") ? sum(col(w[1])) : avg(col(w[1]))).cast("double").as(w[1]));
      }
    }
    if (aggs.isEmpty()) {
      return List.of();
    }
    List<Row> weeks =
        t.groupBy(col(KpisTable.WEEK_START))
            .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
            .orderBy(KpisTable.WEEK_START)
            .collectAsList();
    List<Trend> out = new ArrayList<>();
    for (int j = 0; j < present.size(); j++) {
      double[] v = new double[weeks.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = weeks.get(i).isNullAt(j + 1) ? Double.NaN : weeks.get(i).getDouble(j + 1);
      }
      boolean share = present.get(j)[1].equals(KpisTable.AVAILABILITY);
      out.add(
          new Trend(
              present.get(j)[0],
              Sparkline.render(v, "weekly " + present.get(j)[0]),
              v.length == 0 ? Cells.MISSING : share ? Cells.percent(v[0]) : Cells.number(v[0]),
              v.length == 0
                  ? Cells.MISSING
                  : share ? Cells.percent(v[v.length - 1]) : Cells.number(v[v.length - 1]),
              weeks.isEmpty()
                  ? ""
                  : Cells.text(weeks.get(0).get(0))
                      + " to "
                      + Cells.text(weeks.get(weeks.size() - 1).get(0))));
    }
    return out;
  }
}
