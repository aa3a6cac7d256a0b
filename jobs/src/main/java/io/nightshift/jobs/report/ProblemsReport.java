package io.nightshift.jobs.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_seconds;

import io.nightshift.jobs.config.ReportSettings;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.stages.RunContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The problems page: recurring incident families ranked by impact, each with its incident count, a
 * sparkline of occurrences over the window (counted in Spark), MTTR/MTTD, the share linked to a
 * change and its precursors. Reads the family ranking ({@code recurring_incidents} or {@code
 * incident_families}, whichever holds one row per family) and, for the sparklines, the table that
 * maps incidents to families.
 */
final class ProblemsReport {
  static final List<String> TABLES = List.of("recurring_incidents", "incident_families");
  static final String CSV = "problems.csv";

  /** What the problems page and the summary show. */
  record Model(
      boolean available, String reason, long families, ReportTable ranking, ReportTable top) {}

  private ProblemsReport() {}

  static Model build(RunContext ctx, ReportSettings s, SiteFiles files) {
    Dataset<Row> ranking = null;
    Dataset<Row> mapping = null;
    for (String name : TABLES) {
      Optional<Dataset<Row>> t = ctx.table(name);
      if (t.isEmpty() || Columns.find(t.get(), "family_id").isEmpty()) {
        continue;
      }
      if (Columns.find(t.get(), Cols.INCIDENT_ID).isPresent()) {
        mapping = mapping == null ? t.get() : mapping;
      } else {
        ranking = ranking == null ? t.get() : ranking;
      }
    }
    if (ranking == null) {
      return new Model(
          false, "no recurring-incident family ranking was written by this run", 0, null, null);
    }
    Optional<String> order =
        Columns.findNumeric(
            ranking, "impact", "impact_minutes", "score", "incident_count", "count");
    Dataset<Row> ordered =
        order.isPresent()
            ? ranking.orderBy(col(order.get()).desc_nulls_last(), col("family_id"))
            : Columns.find(ranking, "rank").isPresent()
                ? ranking.orderBy(col("rank"), col("family_id"))
                : ranking.orderBy(col("family_id"));
    long families = ranking.count();
    List<Row> shown = ordered.limit(s.tableRows()).collectAsList();
    Map<String, double[]> sparks =
        mapping == null ? Map.of() : sparklines(ctx, mapping, ordered.limit(s.tableRows()));
    Map<String, Function<Row, ReportTable.Cell>> cols = columns(ranking, sparks, mapping != null);
    CsvExport.write(files, CSV, ordered, s.csvMaxRows());
    ReportTable table = ReportTable.of(shown, cols, families, CSV);
    ReportTable top =
        ReportTable.of(
            shown.subList(0, Math.min(shown.size(), s.summaryItems())),
            columns(ranking, sparks, mapping != null),
            families,
            null);
    return new Model(true, null, families, table, top);
  }

  private static Map<String, Function<Row, ReportTable.Cell>> columns(
      Dataset<Row> t, Map<String, double[]> sparks, boolean haveSparks) {
    Map<String, Function<Row, ReportTable.Cell>> m = new LinkedHashMap<>();
    Optional<String> label = Columns.find(t, "family_label", "label", "title", "template");
    m.put("family", r -> ReportTable.Cell.of(r.getAs(label.orElse("family_id"))));
    add(m, t, "services", "services", "service");
    add(m, t, "incidents", "incident_count", "incidents", "count");
    add(m, t, "impact", "impact", "impact_minutes", "score");
    if (haveSparks) {
      m.put(
          "occurrences over the window",
          r -> {
            String id = String.valueOf((Object) r.getAs("family_id"));
            String name = label.map(l -> Cells.text(r.getAs(l))).orElse(id);
            return ReportTable.Cell.chart(
                Sparkline.render(sparks.getOrDefault(id, new double[0]), "occurrences of " + name));
          });
    }
    add(m, t, "trend", "trend", "trend_slope");
    add(m, t, "MTTR (min)", "mttr_mean_min", "mttr_minutes_mean", "mttr_p50_min", "mttr_minutes");
    add(m, t, "MTTD (min)", "mttd_mean_min", "mttd_minutes_mean", "mttd_p50_min", "mttd_minutes");
    Optional<String> share = Columns.find(t, "linked_change_share");
    if (share.isPresent()) {
      m.put(
          "linked to a change",
          r -> new ReportTable.Cell(Cells.percent(r.getAs(share.get())), null, "num"));
    } else {
      add(m, t, "linked changes", "linked_changes", "changes");
    }
    Columns.find(t, "precursors", "top_precursors")
        .ifPresent(c -> m.put("precursors", r -> ReportTable.Cell.of(precursors(r.getAs(c)))));
    add(m, t, "last seen (UTC)", "last_occurrence", "last_seen");
    return m;
  }

  /** Precursors as "kind name" (structs with those fields, e.g. RecurringIncidentsTable's). */
  private static Object precursors(Object v) {
    if (!(v instanceof scala.collection.Iterable<?> it)) {
      return v;
    }
    List<String> out = new java.util.ArrayList<>();
    for (Object p : scala.jdk.javaapi.CollectionConverters.asJava(it)) {
      if (p instanceof Row r && r.schema() != null && Columns.has(r, "name")) {
        String kind = Columns.has(r, "kind") ? r.getAs("kind") + " " : "";
        out.add(kind + Cells.text(r.getAs("name")));
      } else {
        out.add(Cells.text(p));
      }
    }
    return String.join("; ", out);
  }

  private static void add(
      Map<String, Function<Row, ReportTable.Cell>> m,
      Dataset<Row> t,
      String heading,
      String... names) {
    Columns.find(t, names).ifPresent(c -> m.put(heading, r -> ReportTable.Cell.of(r.getAs(c))));
  }

  /** Daily (or, for long windows, weekly) incident counts of the shown families, from Spark. */
  private static Map<String, double[]> sparklines(
      RunContext ctx, Dataset<Row> mapping, Dataset<Row> shown) {
    long start = ctx.windowStart().getEpochSecond();
    long end = ctx.windowEnd().getEpochSecond();
    long bucket = (end - start) > 45L * 86_400 ? 7L * 86_400 : 86_400;
    int buckets = (int) Math.max(1, (end - start + bucket - 1) / bucket);
    Dataset<Row> withTime;
    if (Columns.find(mapping, Cols.OPENED_AT).isPresent()) {
      withTime = mapping.select(col("family_id"), col(Cols.OPENED_AT));
    } else {
      Dataset<Row> inc = ctx.inputs().incidents();
      withTime =
          mapping
              .select(col("family_id"), col(Cols.INCIDENT_ID).as("m_id"))
              .join(inc, col("m_id").equalTo(inc.col(Cols.INCIDENT_ID)))
              .select(col("family_id"), inc.col(Cols.OPENED_AT));
    }
    Dataset<Row> keys = shown.select(col("family_id").cast("string").as("k_family"));
    List<Row> rows =
        withTime
            .join(broadcast(keys), col("family_id").cast("string").equalTo(col("k_family")))
            .withColumn(
                "b", floor(unix_seconds(col(Cols.OPENED_AT)).minus(lit(start)).divide(bucket)))
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
