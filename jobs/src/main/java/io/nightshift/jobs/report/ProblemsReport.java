package io.nightshift.jobs.report;

import static io.nightshift.jobs.schema.RecurringIncidentsTable.CATEGORY;
import static io.nightshift.jobs.schema.RecurringIncidentsTable.COUNT_FIRST_HALF;
import static io.nightshift.jobs.schema.RecurringIncidentsTable.COUNT_SECOND_HALF;
import static io.nightshift.jobs.schema.RecurringIncidentsTable.ENTITIES;
import static io.nightshift.jobs.schema.RecurringIncidentsTable.FAMILY_ID;
import static io.nightshift.jobs.schema.RecurringIncidentsTable.IMPACT;
import static io.nightshift.jobs.schema.RecurringIncidentsTable.INCIDENT_COUNT;
import static io.nightshift.jobs.schema.RecurringIncidentsTable.INCIDENT_IDS;
import static io.nightshift.jobs.schema.RecurringIncidentsTable.LABEL;
import static io.nightshift.jobs.schema.RecurringIncidentsTable.LAST_OCCURRENCE;
import static io.nightshift.jobs.schema.RecurringIncidentsTable.LINKED_CHANGE_SHARE;
import static io.nightshift.jobs.schema.RecurringIncidentsTable.MTTD_P50;
import static io.nightshift.jobs.schema.RecurringIncidentsTable.MTTD_P90;
import static io.nightshift.jobs.schema.RecurringIncidentsTable.MTTR_P50;
import static io.nightshift.jobs.schema.RecurringIncidentsTable.MTTR_P90;
import static io.nightshift.jobs.schema.RecurringIncidentsTable.PRECURSORS;
import static io.nightshift.jobs.schema.RecurringIncidentsTable.RANK;
import static io.nightshift.jobs.schema.RecurringIncidentsTable.ROOT_CAUSES;
import static io.nightshift.jobs.schema.RecurringIncidentsTable.SERVICES;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_seconds;

import io.nightshift.jobs.config.ReportSettings;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.IncidentFamiliesTable;
import io.nightshift.jobs.schema.RecurringIncidentsTable;
import io.nightshift.jobs.stages.RunContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The problems page: the recurring incident families of {@code recurring_incidents}, by rank
 * (impact), first as a ranking to choose from, then one card per family with what a problem manager
 * acts on: its member incidents and hosts, root causes with their share, impact in weighted hours
 * with its definition, the trend in words with the counts behind it, MTTR and MTTD, the share
 * linked to a change, and each precursor in words. Columns are read through {@link
 * RecurringIncidentsTable}'s constants; a table without them gives "not available" with the missing
 * columns named.
 */
final class ProblemsReport {
  static final String CSV = "problems.csv";

  /** The columns the page reads. */
  static final List<String> READ =
      List.of(
          RANK,
          FAMILY_ID,
          LABEL,
          CATEGORY,
          SERVICES,
          ENTITIES,
          INCIDENT_COUNT,
          COUNT_FIRST_HALF,
          COUNT_SECOND_HALF,
          IMPACT,
          MTTR_P50,
          MTTR_P90,
          MTTD_P50,
          MTTD_P90,
          LAST_OCCURRENCE,
          LINKED_CHANGE_SHARE,
          PRECURSORS,
          INCIDENT_IDS,
          ROOT_CAUSES);

  /** One family's card. */
  record Family(
      String anchor,
      int rank,
      String label,
      String familyId,
      String category,
      String services,
      String hosts,
      long incidents,
      String incidentIds,
      String impact,
      String trend,
      String spark,
      String mttr,
      String mttd,
      String linked,
      String lastSeen,
      List<String> rootCauses,
      List<String> precursors) {
    /** Whether the family has no precursor. */
    public boolean noPrecursors() {
      return precursors.isEmpty();
    }

    /** The root causes with their share, or "none recorded". */
    public String causes() {
      return rootCauses.isEmpty() ? "none recorded" : String.join("; ", rootCauses);
    }

    /** The most frequent root cause with its share, or a dash. */
    public String mainCause() {
      return rootCauses.isEmpty() ? Cells.MISSING : rootCauses.get(0);
    }
  }

  /** What the problems page and the summary show. */
  record Model(
      boolean available,
      String reason,
      long families,
      List<Family> cards,
      ReportTable top,
      String impactDefinition,
      String trendDefinition) {
    /** Whether any family is shown. */
    public boolean hasCards() {
      return !cards.isEmpty();
    }
  }

  private ProblemsReport() {}

  static Model build(RunContext ctx, ReportSettings s, SiteFiles files) {
    Optional<Dataset<Row>> maybe = ctx.table(RecurringIncidentsTable.NAME);
    if (maybe.isEmpty()) {
      return unavailable("the recurring_incidents table was not written by this run");
    }
    Dataset<Row> t = maybe.get();
    List<String> missing = READ.stream().filter(c -> !Columns.hasAll(t, c)).toList();
    if (!missing.isEmpty()) {
      return unavailable("recurring_incidents lacks the columns " + missing);
    }
    Dataset<Row> ordered = t.orderBy(col(RANK), col(FAMILY_ID));
    CsvExport.Written csv =
        CsvExport.write(
            files, CSV, ordered, ordered.columns().length, s.csvMaxRows(), s.tableRows());
    long families = csv.complete() ? csv.rows() : t.count();
    List<Row> shown = csv.first();
    Map<String, double[]> sparks = sparklines(ctx, shown);
    double halfDays =
        (ctx.windowEnd().getEpochSecond() - ctx.windowStart().getEpochSecond()) / 86_400.0 / 2;
    List<Family> cards = new ArrayList<>();
    for (Row r : shown) {
      cards.add(card(r, sparks, halfDays));
    }
    ReportTable top =
        ReportTable.of(
            shown.subList(0, Math.min(shown.size(), s.summaryItems())),
            summaryColumns(sparks, halfDays),
            families,
            null);
    return new Model(
        true,
        null,
        families,
        cards,
        top,
        impactDefinition(ctx.config().incidents().severityWeights()),
        "Trend compares the two halves of the "
            + Cells.number(halfDays * 2)
            + "-day window ("
            + Cells.text(ctx.windowStart())
            + " to "
            + Cells.text(ctx.windowEnd())
            + " UTC).");
  }

  private static Model unavailable(String reason) {
    return new Model(false, reason, 0, List.of(), null, null, null);
  }

  /** How impact is computed, with the configured weights. */
  static String impactDefinition(Map<String, Double> weights) {
    List<String> w = new ArrayList<>();
    new TreeMap<>(weights).forEach((k, v) -> w.add(k + " " + Cells.number(v)));
    return "Impact is in weighted hours: for each incident, the hours it was open (until resolved,"
        + " or until the window's end while open) times its severity's weight ("
        + String.join(", ", w)
        + "), summed over the family. One SEV4 incident open for an hour weighs 1.";
  }

  private static Family card(Row r, Map<String, double[]> sparks, double halfDays) {
    int rank = r.<Integer>getAs(RANK);
    String id = r.getAs(FAMILY_ID);
    String label = Cells.text(r.getAs(LABEL));
    List<String> ids = list(r, INCIDENT_IDS);
    long n = r.<Long>getAs(INCIDENT_COUNT);
    return new Family(
        "f" + rank,
        rank,
        label,
        id,
        Cells.text(r.getAs(CATEGORY)),
        String.join(", ", list(r, SERVICES)),
        capped(list(r, ENTITIES), 12),
        n,
        capped(ids, 30),
        weightedHours(r),
        trend(r, halfDays),
        Sparkline.render(sparks.getOrDefault(id, new double[0]), "daily occurrences of " + label),
        minutes(r, MTTR_P50, MTTR_P90),
        minutes(r, MTTD_P50, MTTD_P90),
        Cells.percent(r.getAs(LINKED_CHANGE_SHARE)),
        Cells.text(r.getAs(LAST_OCCURRENCE)),
        rootCauses(r, n),
        precursors(r));
  }

  private static Map<String, Function<Row, ReportTable.Cell>> summaryColumns(
      Map<String, double[]> sparks, double halfDays) {
    Map<String, Function<Row, ReportTable.Cell>> m = new LinkedHashMap<>();
    m.put("rank", r -> ReportTable.Cell.of(r.getAs(RANK)));
    m.put("family", r -> ReportTable.Cell.of(r.getAs(LABEL)));
    m.put("services", r -> ReportTable.Cell.of(String.join(", ", list(r, SERVICES))));
    m.put("incidents", r -> ReportTable.Cell.of(r.getAs(INCIDENT_COUNT)));
    m.put("impact (weighted h)", r -> new ReportTable.Cell(weightedHours(r), null, "num"));
    m.put(
        "daily occurrences",
        r ->
            ReportTable.Cell.chart(
                Sparkline.render(
                    sparks.getOrDefault(r.<String>getAs(FAMILY_ID), new double[0]),
                    "daily occurrences of " + Cells.text(r.getAs(LABEL)))));
    m.put("trend", r -> ReportTable.Cell.of(trend(r, halfDays)));
    m.put(
        "main root cause",
        r -> {
          List<String> causes = rootCauses(r, r.<Long>getAs(INCIDENT_COUNT));
          return ReportTable.Cell.of(causes.isEmpty() ? Cells.MISSING : causes.get(0));
        });
    return m;
  }

  static String weightedHours(Row r) {
    Object v = r.getAs(IMPACT);
    return v instanceof Number x ? Cells.count(x.doubleValue() / 60.0) : Cells.MISSING;
  }

  /** The trend in words with the counts behind it. */
  static String trend(Row r, double halfDays) {
    long before = r.<Long>getAs(COUNT_FIRST_HALF);
    long last = r.<Long>getAs(COUNT_SECOND_HALF);
    String days =
        halfDays == Math.rint(halfDays)
            ? String.valueOf((long) halfDays)
            : String.format(java.util.Locale.ROOT, "%.1f", halfDays);
    String word = last > before ? "rising" : last < before ? "falling" : "steady";
    return word
        + ": "
        + last
        + " in the last "
        + days
        + " days against "
        + before
        + " in the "
        + days
        + " before";
  }

  private static String minutes(Row r, String p50, String p90) {
    Object a = r.getAs(p50);
    Object b = r.getAs(p90);
    if (a == null) {
      return Cells.MISSING;
    }
    return "median " + Cells.text(a) + " min, p90 " + Cells.text(b) + " min";
  }

  private static List<String> rootCauses(Row r, long n) {
    List<String> out = new ArrayList<>();
    for (Row c : Columns.<Row>list(r, ROOT_CAUSES)) {
      Object cause = c.getAs(RecurringIncidentsTable.ROOT_CAUSE_TEXT);
      long k = c.<Long>getAs(RecurringIncidentsTable.ROOT_CAUSE_INCIDENTS);
      out.add(
          (cause == null ? "not recorded" : cause.toString())
              + " ("
              + k
              + " of "
              + n
              + ", "
              + Cells.percent(c.getAs(RecurringIncidentsTable.ROOT_CAUSE_SHARE))
              + ")");
    }
    return out;
  }

  private static List<String> precursors(Row r) {
    List<String> out = new ArrayList<>();
    for (Row p : Columns.<Row>list(r, PRECURSORS)) {
      out.add(Cells.text(p.getAs(RecurringIncidentsTable.PRECURSOR_DESCRIPTION)));
    }
    return out;
  }

  private static List<String> list(Row r, String column) {
    List<String> out = new ArrayList<>();
    for (Object o : Columns.list(r, column)) {
      out.add(Cells.text(o));
    }
    return out;
  }

  private static String capped(List<String> items, int max) {
    if (items.size() <= max) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, max))
        + " and "
        + (items.size() - max)
        + " more (all in "
        + CSV
        + ")";
  }

  /** Daily incident counts of the shown families over the window, counted in Spark. */
  private static Map<String, double[]> sparklines(RunContext ctx, List<Row> shown) {
    Optional<Dataset<Row>> mapping = ctx.table(IncidentFamiliesTable.NAME);
    if (mapping.isEmpty()) {
      return Map.of();
    }
    long start = ctx.windowStart().getEpochSecond();
    long end = ctx.windowEnd().getEpochSecond();
    long bucket = 86_400;
    int buckets = (int) Math.max(1, (end - start + bucket - 1) / bucket);
    Dataset<Row> inc = ctx.inputs().incidents();
    List<Row> ids = new ArrayList<>();
    for (Row r : shown) {
      ids.add(RowFactory.create(r.<String>getAs(FAMILY_ID)));
    }
    Dataset<Row> keys =
        ctx.spark().createDataFrame(ids, new StructType().add("k_family", DataTypes.StringType));
    List<Row> rows =
        mapping
            .get()
            .select(
                col(IncidentFamiliesTable.FAMILY_ID).as("m_family"),
                col(IncidentFamiliesTable.INCIDENT_ID).as("m_id"))
            .join(broadcast(keys), col("m_family").equalTo(col("k_family")))
            .join(inc, col("m_id").equalTo(inc.col(Cols.INCIDENT_ID)))
            .withColumn(
                "b", floor(unix_seconds(inc.col(Cols.OPENED_AT)).minus(lit(start)).divide(bucket)))
            .filter(col("b").geq(0).and(col("b").lt(buckets)))
            .groupBy(col("k_family"), col("b"))
            .agg(count(lit(1)).as("n"))
            .collectAsList();
    Map<String, double[]> out = new HashMap<>();
    for (Row r : rows) {
      out.computeIfAbsent(r.getString(0), k -> new double[buckets])[(int) r.getLong(1)] =
          r.getLong(2);
    }
    return out;
  }
}
