package io.nightshift.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import io.nightshift.jobs.config.ReportSettings;
import io.nightshift.jobs.stages.RunContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The risk page: entities ranked by their predicted incident risk with each one's top factors, and
 * the model's backtest figures (from a {@code risk_backtest} table, or a {@code backtest} entry the
 * risk stage put in the manifest).
 */
final class RiskReport {
  static final String TABLE = "risk_scores";
  static final String BACKTEST_TABLE = "risk_backtest";
  static final String CSV = "risk.csv";

  /** What the risk page and the summary show. */
  record Model(
      boolean available,
      String reason,
      long entities,
      ReportTable ranking,
      ReportTable top,
      ReportTable backtest) {}

  private RiskReport() {}

  static Model build(
      RunContext ctx, ReportSettings s, SiteFiles files, Map<String, Object> manifest) {
    ReportTable backtest = backtest(ctx, manifest);
    Optional<Dataset<Row>> maybe = ctx.table(TABLE);
    if (maybe.isEmpty()) {
      return new Model(
          false, "the risk_scores table was not written by this run", 0, null, null, backtest);
    }
    Dataset<Row> t = maybe.get();
    Optional<String> score =
        Columns.findNumeric(t, "risk_score", "score", "probability", "risk", "p_incident");
    Optional<String> rank = Columns.findNumeric(t, "rank");
    Optional<String> horizon = Columns.findNumeric(t, "horizon_hours");
    List<Column> order = new ArrayList<>();
    horizon.ifPresent(h -> order.add(col(h).asc_nulls_last()));
    score.ifPresent(c -> order.add(col(c).desc_nulls_last()));
    if (score.isEmpty()) {
      rank.ifPresent(c -> order.add(col(c).asc_nulls_last()));
    }
    Dataset<Row> ordered = order.isEmpty() ? t : t.orderBy(order.toArray(Column[]::new));
    Dataset<Row> shortest = t;
    if (horizon.isPresent()) {
      Object h = t.agg(min(col(horizon.get()))).first().get(0);
      shortest = h == null ? t : t.filter(col(horizon.get()).equalTo(lit(h)));
    }
    Dataset<Row> topOrdered =
        score.isPresent() ? shortest.orderBy(col(score.get()).desc_nulls_last()) : shortest;
    long entities = t.count();
    List<Row> shown = ordered.limit(s.tableRows()).collectAsList();
    CsvExport.write(files, CSV, ordered, s.csvMaxRows());
    double scale = 1;
    List<Row> topRows = topOrdered.limit(s.summaryItems()).collectAsList();
    if (score.isPresent()
        && !topRows.isEmpty()
        && topRows.get(0).getAs(score.get()) instanceof Number n) {
      scale = Math.max(1, n.doubleValue());
    }
    ReportTable ranking = ReportTable.of(shown, columns(t, score, scale), entities, CSV);
    ReportTable top = ReportTable.of(topRows, columns(t, score, scale), shortest.count(), null);
    return new Model(true, null, entities, ranking, top, backtest);
  }

  private static Map<String, Function<Row, ReportTable.Cell>> columns(
      Dataset<Row> t, Optional<String> score, double scale) {
    Map<String, Function<Row, ReportTable.Cell>> m = new LinkedHashMap<>();
    Optional<String> entity = Columns.find(t, "entity");
    Columns.find(t, "rank").ifPresent(c -> m.put("rank", r -> ReportTable.Cell.of(r.getAs(c))));
    for (String c : List.of("entity", "service")) {
      Columns.find(t, c).ifPresent(x -> m.put(c, r -> ReportTable.Cell.of(r.getAs(x))));
    }
    score.ifPresent(
        c ->
            m.put(
                "risk",
                r -> {
                  Object v = r.getAs(c);
                  double d = v instanceof Number n ? n.doubleValue() : Double.NaN;
                  String who = entity.map(e -> Cells.text(r.getAs(e))).orElse("entity");
                  return new ReportTable.Cell(
                      Cells.text(v) + " ", Bar.render(d, scale, "risk of " + who), "num");
                }));
    Columns.find(t, "horizon", "horizon_hours", "horizon_days")
        .ifPresent(c -> m.put(ReportTable.heading(c), r -> ReportTable.Cell.of(r.getAs(c))));
    Optional<String> factors =
        Columns.find(t, "top_factors", "factors", "contributions", "explanation", "reasons");
    if (factors.isPresent()) {
      m.put("top factors", r -> ReportTable.Cell.of(r.getAs(factors.get())));
    } else {
      for (String c : t.columns()) {
        if (c.startsWith("factor_")) {
          m.put(ReportTable.heading(c), r -> ReportTable.Cell.of(r.getAs(c)));
        }
      }
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static ReportTable backtest(RunContext ctx, Map<String, Object> manifest) {
    Optional<Dataset<Row>> t = ctx.table(BACKTEST_TABLE);
    if (t.isPresent()) {
      List<Row> rows = t.get().limit(50).collectAsList();
      return ReportTable.plain(rows, List.of(t.get().columns()), rows.size(), null);
    }
    Object risk = manifest.get("risk");
    Object figures =
        risk instanceof Map<?, ?> rm ? rm.get("backtest") : manifest.get("risk_backtest");
    if (figures instanceof Map<?, ?> fm) {
      List<List<Object>> rows = new ArrayList<>();
      flatten("", (Map<String, Object>) fm, rows);
      return ReportTable.text(List.of("figure", "value"), rows, null);
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> m, List<List<Object>> rows) {
    for (Map.Entry<String, Object> e : m.entrySet()) {
      String k = prefix + e.getKey();
      if (e.getValue() instanceof Map<?, ?> sub) {
        flatten(k + ".", (Map<String, Object>) sub, rows);
      } else {
        rows.add(ReportTable.values(k, e.getValue()));
      }
    }
  }
}
