package io.nightshift.jobs.report;

import static io.nightshift.jobs.schema.AnomaliesTable.END;
import static io.nightshift.jobs.schema.AnomaliesTable.ENTITY;
import static io.nightshift.jobs.schema.AnomaliesTable.EXPECTED;
import static io.nightshift.jobs.schema.AnomaliesTable.LOWER;
import static io.nightshift.jobs.schema.AnomaliesTable.METRIC;
import static io.nightshift.jobs.schema.AnomaliesTable.PEAK_TS;
import static io.nightshift.jobs.schema.AnomaliesTable.POINTS;
import static io.nightshift.jobs.schema.AnomaliesTable.REASON;
import static io.nightshift.jobs.schema.AnomaliesTable.SCORE;
import static io.nightshift.jobs.schema.AnomaliesTable.SERVICE;
import static io.nightshift.jobs.schema.AnomaliesTable.START;
import static io.nightshift.jobs.schema.AnomaliesTable.UPPER;
import static io.nightshift.jobs.schema.AnomaliesTable.VALUE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;

import io.nightshift.jobs.config.ReportSettings;
import io.nightshift.jobs.schema.AnomaliesTable;
import io.nightshift.jobs.schema.SituationMembersTable;
import io.nightshift.jobs.schema.SituationsTable;
import io.nightshift.jobs.stages.RunContext;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The anomalies page ({@code anomalies.html}): the night's anomaly events, highest score first,
 * each with its metric, entity, time, peak value against the expected band the event started from,
 * score and reason, linked to its own chart (the series' samples around the event with that band
 * over it); and the night's situations (groups of related signals) with their anomaly members
 * linked to the same charts. Columns are read through {@link AnomaliesTable}, {@link
 * SituationsTable} and {@link SituationMembersTable}; only the shown events and their series'
 * samples around them reach the driver. Every event is in {@code anomalies.csv}.
 */
final class AnomaliesReport {
  static final String CSV = "anomalies.csv";
  static final String PAGE = "anomalies.html";

  /** The anomalies columns the page reads. */
  static final List<String> READ =
      List.of(
          ENTITY, SERVICE, METRIC, START, END, PEAK_TS, VALUE, EXPECTED, LOWER, UPPER, SCORE,
          POINTS, REASON);

  /** One anomaly event. */
  record Event(
      String anchor,
      String entity,
      String service,
      String metric,
      String start,
      String end,
      String peak,
      String value,
      String band,
      String expected,
      String score,
      String points,
      String reason,
      String svg) {
    /** The link to its chart from the summary. */
    public String href() {
      return PAGE + "#" + anchor;
    }
  }

  /**
   * A situation's anomaly member, linked to its chart when the event is shown; {@code before} is
   * what separates it from the previous member ("" for the first).
   */
  record Member(String text, String anchor, String before) {}

  /** One situation. */
  record Situation(
      String id,
      String headline,
      String start,
      String end,
      String severity,
      String topCause,
      String services,
      String linkedIncidents,
      boolean reported,
      List<Member> anomalies,
      int otherMembers) {
    /** Whether it has members besides its anomalies (log signals). */
    public boolean hasOtherMembers() {
      return otherMembers > 0;
    }
  }

  /** What the anomalies page and the summary's anomalies section show. */
  record Model(
      boolean available,
      String reason,
      long events,
      long entities,
      List<Event> shown,
      List<Event> top,
      boolean situationsAvailable,
      long situationsReported,
      List<Situation> situations) {
    /** Whether rows were left off the page (all are in the CSV). */
    public boolean truncated() {
      return events > shown.size();
    }

    /** Events shown on the page. */
    public int shownCount() {
      return shown.size();
    }

    /** Whether there is no event tonight. */
    public boolean none() {
      return events == 0;
    }
  }

  private AnomaliesReport() {}

  /** "none" where a list is empty, so the page never ends a line on a bare label. */
  private static String orNone(String list) {
    return list == null || list.isBlank() ? "none" : list;
  }

  static Model build(
      RunContext ctx, ReportSettings s, SiteFiles files, Optional<SituationList> sit) {
    Optional<Dataset<Row>> maybe = ctx.table(AnomaliesTable.NAME);
    if (maybe.isEmpty()) {
      return unavailable("the anomalies table was not written by this run");
    }
    Dataset<Row> t = maybe.get();
    List<String> missing = READ.stream().filter(c -> !Columns.hasAll(t, c)).toList();
    if (!missing.isEmpty()) {
      return unavailable("anomalies lacks the columns " + missing);
    }
    Dataset<Row> ordered =
        t.orderBy(col(SCORE).desc_nulls_last(), col(START), col(ENTITY), col(METRIC));
    Row counts =
        t.agg(org.apache.spark.sql.functions.count("*"), countDistinct(col(ENTITY))).first();
    long events = counts.getLong(0);
    List<Row> rows =
        CsvExport.write(
                files, CSV, ordered, ordered.columns().length, s.csvMaxRows(), s.tableRows())
            .first();
    Map<String, List<TimeChart.Point>> samples = AnomalyChartSamples.of(ctx, rows);
    List<Event> shown = new ArrayList<>();
    Map<String, String> anchorOf = new HashMap<>();
    for (Row r : rows) {
      String anchor = "a" + (shown.size() + 1);
      anchorOf.put(seriesKey(r), anchor);
      shown.add(event(r, anchor, samples.getOrDefault(seriesKey(r), List.of())));
    }
    List<Event> top = shown.subList(0, Math.min(shown.size(), s.summaryItems()));
    List<Situation> situations = new ArrayList<>();
    long reported = 0;
    boolean situationsAvailable =
        sit.isPresent()
            && Columns.hasAll(
                sit.get().table(),
                SituationsTable.SITUATION_ID,
                SituationsTable.HEADLINE,
                SituationsTable.START,
                SituationsTable.END,
                SituationsTable.SEVERITY,
                SituationsTable.TOP_CAUSE,
                SituationsTable.SERVICES,
                SituationsTable.MEMBERS,
                SituationsTable.LINKED_INCIDENTS,
                SituationsTable.REPORTED);
    if (situationsAvailable) {
      reported = sit.get().reported();
      List<Row> srows = sit.get().head();
      List<String> ids =
          srows.stream().map(r -> r.<String>getAs(SituationsTable.SITUATION_ID)).toList();
      Map<String, List<Member>> members = members(ctx, anchorOf, ids);
      for (Row r : srows) {
        String id = r.getAs(SituationsTable.SITUATION_ID);
        List<Member> m = members.getOrDefault(id, List.of());
        Object total = r.getAs(SituationsTable.MEMBERS);
        int others = total instanceof Number n ? Math.max(0, n.intValue() - m.size()) : 0;
        situations.add(
            new Situation(
                id,
                Cells.text(r.getAs(SituationsTable.HEADLINE)),
                Cells.text(r.getAs(SituationsTable.START)),
                Cells.text(r.getAs(SituationsTable.END)),
                Cells.score(r.getAs(SituationsTable.SEVERITY)),
                Cells.text(r.getAs(SituationsTable.TOP_CAUSE)),
                Cells.text(r.getAs(SituationsTable.SERVICES)),
                orNone(Cells.text(r.getAs(SituationsTable.LINKED_INCIDENTS))),
                Boolean.TRUE.equals(r.getAs(SituationsTable.REPORTED)),
                m,
                others));
      }
    }
    return new Model(
        true,
        null,
        events,
        counts.getLong(1),
        shown,
        top,
        situationsAvailable,
        reported,
        situations);
  }

  private static Model unavailable(String reason) {
    return new Model(false, reason, 0, 0, List.of(), List.of(), false, 0, List.of());
  }

  private static Event event(Row r, String anchor, List<TimeChart.Point> samples) {
    Timestamp start = r.getAs(START);
    Timestamp end = r.getAs(END);
    String entity = Cells.text(r.getAs(ENTITY));
    String metric = Cells.text(r.getAs(METRIC));
    Double lower = r.getAs(LOWER);
    Double upper = r.getAs(UPPER);
    Double expected = r.getAs(EXPECTED);
    String svg =
        start == null
            ? ""
            : AnomalyChart.render(
                metric + " of " + entity,
                samples,
                start.getTime() / 1000,
                end == null ? start.getTime() / 1000 : end.getTime() / 1000,
                expected == null ? Double.NaN : expected,
                lower == null ? Double.NaN : lower,
                upper == null ? Double.NaN : upper);
    return new Event(
        anchor,
        entity,
        Cells.text(r.getAs(SERVICE)),
        metric,
        Cells.text(start),
        Cells.text(end),
        Cells.text(r.getAs(PEAK_TS)),
        Cells.reading(r.getAs(VALUE)),
        Cells.reading(lower) + " to " + Cells.reading(upper),
        Cells.reading(expected),
        Cells.score(r.getAs(SCORE)),
        Cells.count(r.getAs(POINTS)),
        Cells.text(r.getAs(REASON)),
        svg);
  }

  private static String seriesKey(Row r) {
    return AnomalyChartSamples.key(r.getAs(ENTITY), r.getAs(METRIC), r.getAs(START));
  }

  /**
   * The anomaly members of the shown situations ({@code ids}, at most a page's rows), as text
   * linked to the shown events' charts.
   */
  private static Map<String, List<Member>> members(
      RunContext ctx, Map<String, String> anchorOf, List<String> ids) {
    Map<String, List<Member>> out = new HashMap<>();
    Optional<Dataset<Row>> t = ctx.table(SituationMembersTable.NAME);
    if (t.isEmpty()
        || !Columns.hasAll(
            t.get(),
            SituationMembersTable.SITUATION_ID,
            SituationMembersTable.SOURCE,
            SituationMembersTable.ENTITY,
            SituationMembersTable.METRIC,
            SituationMembersTable.START)) {
      return out;
    }
    List<Row> rows =
        t.get()
            .where(col(SituationMembersTable.SOURCE).equalTo("anomaly"))
            .where(col(SituationMembersTable.SITUATION_ID).isin(ids.toArray()))
            .select(
                SituationMembersTable.SITUATION_ID,
                SituationMembersTable.ENTITY,
                SituationMembersTable.METRIC,
                SituationMembersTable.START)
            .orderBy(
                SituationMembersTable.SITUATION_ID,
                SituationMembersTable.START,
                SituationMembersTable.ENTITY,
                SituationMembersTable.METRIC)
            .collectAsList();
    for (Row r : rows) {
      String anchor = anchorOf.get(AnomalyChartSamples.key(r.get(1), r.get(2), r.get(3)));
      List<Member> list = out.computeIfAbsent(r.getString(0), k -> new ArrayList<>());
      list.add(
          new Member(
              Cells.text(r.get(2)) + " of " + Cells.text(r.get(1)) + " at " + Cells.text(r.get(3)),
              anchor,
              list.isEmpty() ? "" : "; "));
    }
    return out;
  }
}
