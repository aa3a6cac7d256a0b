package io.nightshift.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.config.ReportSettings;
import io.nightshift.jobs.risk.RiskRanking;
import io.nightshift.jobs.schema.RiskBacktestTable;
import io.nightshift.jobs.schema.RiskScoresTable;
import io.nightshift.jobs.stages.RunContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The risk page: per horizon, a sentence saying which entities stand out tonight (probability at
 * least {@link RiskRanking#STANDS_OUT_RATIO} times the fleet's usual and above tonight's median) or
 * that nothing does; the entities with their probability beside the fleet's usual, a rank only
 * where it means something (standing out; a shared rank is marked "="), and their factors; and how
 * earlier nights' scores fared ({@code risk_backtest}). Every figure is read through the tables'
 * declared columns ({@link RiskScoresTable}, {@link RiskBacktestTable}).
 */
final class RiskReport {
  static final String CSV = "risk.csv";
  private static final String TIED = "_tied";

  /**
   * What the risk page and the summary show.
   *
   * @param entities distinct entities scored tonight
   * @param headlines one sentence per horizon: who stands out, or that nothing does
   * @param top the shortest horizon's entities that stand out (null when none do)
   * @param calm the shortest horizon's sentence when nothing stands out (null otherwise)
   * @param backtest earlier nights' scores against what happened (null when none has passed)
   */
  record Model(
      boolean available,
      String reason,
      long entities,
      List<String> headlines,
      ReportTable ranking,
      ReportTable top,
      String calm,
      ReportTable backtest) {}

  /** Most backtest rows the page shows (the latest nights first). */
  private static final int BACKTEST_ROWS = 60;

  private RiskReport() {}

  static Model build(
      RunContext ctx, ReportSettings s, SiteFiles files, Map<String, Object> manifest) {
    ReportTable backtest = backtest(ctx);
    Optional<Dataset<Row>> maybe = ctx.table(RiskScoresTable.NAME);
    if (maybe.isEmpty()) {
      return new Model(
          false,
          "the risk_scores table was not written by this run",
          0,
          List.of(),
          null,
          null,
          null,
          backtest);
    }
    Dataset<Row> t =
        maybe
            .get()
            .withColumn(
                TIED,
                count(lit(1))
                    .over(
                        Window.partitionBy(
                            col(RiskScoresTable.HORIZON_HOURS), col(RiskScoresTable.RANK))));
    Dataset<Row> ordered =
        t.orderBy(
            col(RiskScoresTable.HORIZON_HOURS).asc(),
            col(RiskScoresTable.STANDS_OUT).desc(),
            col(RiskScoresTable.PROBABILITY).desc(),
            col(RiskScoresTable.ENTITY).asc());
    long entities = t.select(RiskScoresTable.ENTITY).distinct().count();
    // the CSV has the table's columns, not the page's TIED (the last column)
    List<Row> shown =
        CsvExport.write(
                files, CSV, ordered, ordered.columns().length - 1, s.csvMaxRows(), s.tableRows())
            .first();
    double scale =
        shown.stream()
            .mapToDouble(r -> r.<Double>getAs(RiskScoresTable.PROBABILITY))
            .max()
            .orElse(1);
    List<Row> summaries = horizonSummaries(t);
    List<String> headlines = new ArrayList<>();
    for (Row h : summaries) {
      headlines.add(headline(h));
    }
    long rows = summaries.stream().mapToLong(h -> h.<Long>getAs("_n")).sum();
    ReportTable ranking = ReportTable.of(shown, columns(scale, true), rows, CSV);
    ReportTable top = null;
    String calm = null;
    if (!summaries.isEmpty()) {
      Row shortest = summaries.get(0);
      int h = shortest.getAs(RiskScoresTable.HORIZON_HOURS);
      if (shortest.<Long>getAs("_out") > 0) {
        // the shortest horizon's standing-out rows lead the ranking, so the page's rows hold them
        List<Row> topRows =
            s.summaryItems() <= s.tableRows()
                ? shown.stream()
                    .limit(s.summaryItems())
                    .filter(
                        r ->
                            r.<Integer>getAs(RiskScoresTable.HORIZON_HOURS) == h
                                && Boolean.TRUE.equals(r.getAs(RiskScoresTable.STANDS_OUT)))
                    .toList()
                : ordered
                    .filter(
                        col(RiskScoresTable.HORIZON_HOURS)
                            .equalTo(h)
                            .and(col(RiskScoresTable.STANDS_OUT)))
                    .limit(s.summaryItems())
                    .collectAsList();
        top = ReportTable.of(topRows, columns(scale, false), shortest.<Long>getAs("_out"), null);
      } else {
        calm = headline(shortest);
      }
    }
    return new Model(true, null, entities, headlines, ranking, top, calm, backtest);
  }

  /** Per horizon (shortest first): entities, standing out, highest probability and its ties. */
  private static List<Row> horizonSummaries(Dataset<Row> t) {
    return t.groupBy(col(RiskScoresTable.HORIZON_HOURS), col(RiskScoresTable.HORIZON))
        .agg(
            count(lit(1)).alias("_n"),
            sum(when(col(RiskScoresTable.STANDS_OUT), 1).otherwise(0)).cast("long").alias("_out"),
            max(col(RiskScoresTable.PROBABILITY)).alias("_max"),
            min(col(RiskScoresTable.PROBABILITY)).alias("_min"),
            max(col(RiskScoresTable.BASE_RATE)).alias("_base"),
            sum(when(col(RiskScoresTable.RANK).equalTo(1), 1).otherwise(0))
                .cast("long")
                .alias("_at_max"),
            concat_ws(
                    ", ",
                    slice(
                        transform(
                            sort_array(
                                collect_list(
                                    when(
                                        col(RiskScoresTable.STANDS_OUT),
                                        struct(
                                            col(RiskScoresTable.PROBABILITY),
                                            col(RiskScoresTable.ENTITY)))),
                                false),
                            x -> x.getField(RiskScoresTable.ENTITY)),
                        1,
                        3))
                .alias("_names"))
        .orderBy(col(RiskScoresTable.HORIZON_HOURS))
        .collectAsList();
  }

  /** "24h: 3 of 24 entities stand out ..." or "24h: nothing stands out tonight ...". */
  static String headline(Row h) {
    String horizon = h.getAs(RiskScoresTable.HORIZON);
    long n = h.getAs("_n");
    long out = h.getAs("_out");
    double max = h.getAs("_max");
    double min = h.getAs("_min");
    double base = h.getAs("_base");
    long atMax = h.getAs("_at_max");
    String usual =
        base > 0 ? "the fleet's usual " + Cells.percent(base) : "no incidents in the training days";
    if (out > 0) {
      String names = h.getAs("_names");
      return String.format(
          Locale.ROOT,
          "%s: %d of %d entities stand out (at least %sx %s and above tonight's median): %s%s.",
          horizon,
          out,
          n,
          Cells.number(RiskRanking.STANDS_OUT_RATIO),
          usual,
          names,
          out > 3 ? ", ..." : "");
    }
    String ties =
        atMax == n
            ? "every entity has it"
            : atMax > 1 ? atMax + " of " + n + " entities share it" : "one entity has it";
    return String.format(
        Locale.ROOT,
        "%s: nothing stands out tonight. The highest probability is %s (%s; %s), the lowest %s;"
            + " no entity reaches %sx the usual above the rest, so no order is shown.",
        horizon,
        Cells.percent(max),
        base > 0 ? Cells.number(max / base) + "x " + usual : usual,
        ties,
        Cells.percent(min),
        Cells.number(RiskRanking.STANDS_OUT_RATIO));
  }

  private static Map<String, Function<Row, ReportTable.Cell>> columns(
      double scale, boolean withHorizon) {
    Map<String, Function<Row, ReportTable.Cell>> m = new LinkedHashMap<>();
    m.put("rank", r -> ReportTable.Cell.of(rankText(r)));
    m.put("entity", r -> ReportTable.Cell.of(r.getAs(RiskScoresTable.ENTITY)));
    m.put("service", r -> ReportTable.Cell.of(r.getAs(RiskScoresTable.SERVICE)));
    if (withHorizon) {
      m.put("horizon", r -> ReportTable.Cell.of(r.getAs(RiskScoresTable.HORIZON)));
    }
    m.put(
        "probability",
        r -> {
          double p = r.getAs(RiskScoresTable.PROBABILITY);
          String who = Cells.text(r.getAs(RiskScoresTable.ENTITY));
          Bar.Tone tone =
              Boolean.TRUE.equals(r.getAs(RiskScoresTable.STANDS_OUT))
                  ? Bar.Tone.ALERT
                  : Bar.Tone.PLAIN;
          return new ReportTable.Cell(
              Cells.percent(p) + " ", Bar.render(p, scale, tone, "risk of " + who), "num");
        });
    m.put("vs the fleet's usual", r -> ReportTable.Cell.of(vsUsual(r)));
    m.put("top factors", r -> ReportTable.Cell.of(r.getAs(RiskScoresTable.FACTORS)));
    return m;
  }

  /** The rank where it means something: entities that stand out; "2=" when shared. */
  static String rankText(Row r) {
    if (!Boolean.TRUE.equals(r.getAs(RiskScoresTable.STANDS_OUT))) {
      return Cells.MISSING;
    }
    int rank = r.getAs(RiskScoresTable.RANK);
    long tied = r.getAs(TIED);
    return rank + (tied > 1 ? "=" : "");
  }

  /** "3.1x the usual 2.1%". */
  static String vsUsual(Row r) {
    Object times = r.getAs(RiskScoresTable.TIMES_USUAL);
    double base = r.getAs(RiskScoresTable.BASE_RATE);
    if (!(times instanceof Number t)) {
      return "no incidents in the training days";
    }
    return Cells.number(t.doubleValue()) + "x the usual " + Cells.percent(base);
  }

  private static ReportTable backtest(RunContext ctx) {
    Optional<Dataset<Row>> t = ctx.table(RiskBacktestTable.NAME);
    if (t.isEmpty()) {
      return null;
    }
    List<Row> rows =
        t.get()
            .orderBy(
                col(RiskBacktestTable.NIGHT).desc(), col(RiskBacktestTable.HORIZON_HOURS).asc())
            .limit(BACKTEST_ROWS)
            .collectAsList();
    Map<String, Function<Row, ReportTable.Cell>> m = new LinkedHashMap<>();
    m.put("night scored", r -> ReportTable.Cell.of(r.getAs(RiskBacktestTable.NIGHT)));
    m.put("horizon", r -> ReportTable.Cell.of(r.getAs(RiskBacktestTable.HORIZON)));
    m.put("entities", r -> ReportTable.Cell.of(r.getAs(RiskBacktestTable.ENTITIES)));
    m.put(
        "expected with an incident",
        r ->
            new ReportTable.Cell(
                Cells.number(Math.round(r.<Double>getAs(RiskBacktestTable.EXPECTED) * 10) / 10.0),
                null,
                "num"));
    m.put("had an incident", r -> ReportTable.Cell.of(r.getAs(RiskBacktestTable.WITH_INCIDENT)));
    m.put("stood out", r -> ReportTable.Cell.of(r.getAs(RiskBacktestTable.STOOD_OUT)));
    m.put(
        "stood out and had one",
        r -> ReportTable.Cell.of(r.getAs(RiskBacktestTable.STOOD_OUT_WITH_INCIDENT)));
    m.put(
        "entities with an incident (* stood out)",
        r -> ReportTable.Cell.of(r.getAs(RiskBacktestTable.INCIDENT_ENTITIES)));
    return ReportTable.of(
        rows, m, rows.size() < BACKTEST_ROWS ? rows.size() : t.get().count(), null);
  }
}
