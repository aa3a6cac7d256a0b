package io.nightshift.jobs.stages.logs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.config.LogSettings;
import io.nightshift.jobs.io.ModelPolicy;
import io.nightshift.jobs.io.ModelSpec;
import io.nightshift.jobs.io.ModelStore;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.LogShapes;
import io.nightshift.jobs.schema.LogTemplatesTable;
import io.nightshift.models.logs.LogTemplateMiner;
import io.nightshift.models.logs.LogTemplateModel;
import io.nightshift.models.logs.LogTemplateModel.TemplateEntry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The template dictionary kept from night to night in the {@link ModelStore} (model name {@value
 * #MODEL}). Each night: load the newest dictionary saved before the run date; match the window's
 * distinct line shapes ({@link LogShapes}) to it; mine only the lines whose shape it does not know;
 * add those templates (first seen on the date their earliest line was written); update first/last
 * seen dates; save with the night's outputs (staged until the night commits). Ids of known
 * templates never change, so yesterday's id means the same today, and re-running a night gives the
 * same dictionary.
 *
 * <p>The lines mined on a night with a dictionary are the window's lines of unknown shape, in one
 * task, sorted by every column: the same lines give the same templates whichever days they came
 * from, so a steady night, which reads the kept days' shape counts and the lines of only the days
 * that hold an unknown shape, mines what a full recompute mines.
 */
public final class TemplateDictionary {
  private static final Logger LOG = LoggerFactory.getLogger(TemplateDictionary.class);

  /** Model name in the store. */
  public static final String MODEL = "log_templates";

  private TemplateDictionary() {}

  /**
   * The refreshed dictionary, the recent shape counts with their template ids ({@link
   * LogShapes#SCHEMA} plus {@code template_id} and {@code known}; from the {@code detailFrom} given
   * to {@link #refresh}, what the signals' baseline and the run date need) and the window's lines
   * per day and shape with their template ids ({@link #DAY}, {@code shape}, {@code lines}, {@code
   * template_id}, {@code known}; the window-wide figures, which are sums over days).
   */
  public record Refreshed(
      LogTemplateModel model, Dataset<Row> counts, Dataset<Row> dailyTotals, boolean hadPrior) {}

  /** Column of {@link Refreshed#dailyTotals}: the UTC date of the lines. */
  public static final String DAY = "day";

  /** The miner the nightly run fits: every model setting of {@code nightshift.logs}. */
  public static LogTemplateMiner miner(LogSettings settings) {
    return new LogTemplateMiner()
        .setSettings(settings.minerSettings())
        .setSampleFraction(settings.fitSampleFraction())
        .setInputCol(Cols.MESSAGE);
  }

  /**
   * Refreshes the dictionary with the window's logs and saves it with tonight's outputs. The
   * dictionary is refitted every night ({@link ModelPolicy}), on top of the newest one saved before
   * tonight whatever its age, so template ids stay stable.
   *
   * <p>The window's counts are read twice and not kept whole: once summed by day and shape (a few
   * thousand rows, from which the shapes to match, the days to mine and the window's figures
   * follow) and once from {@code detailFrom} on, in full. A night's work over the window is then a
   * scan of three columns of the counts, not a join and a cache of every count.
   *
   * @param logs the window's validated lines
   * @param shapes the same lines counted by shape ({@link LogShapes})
   * @param detailFrom the start of the counts kept in full ({@link Refreshed#counts})
   * @param cache caches what is read more than once, for the rest of the stage
   */
  public static Refreshed refresh(
      ModelStore store,
      Dataset<Row> logs,
      Dataset<Row> shapes,
      Instant detailFrom,
      LogSettings settings,
      UnaryOperator<Dataset<Row>> cache) {
    LogTemplateMiner miner = miner(settings);
    ModelSpec spec = ModelSpec.of(MODEL, ModelPolicy.Retrain.everyNight(), miner);
    Optional<ModelStore.Saved> saved = store.latestOnOrBefore(MODEL, store.tonight().minusDays(1));
    Dataset<Row> daily = cache.apply(dailyTotals(shapes));
    Dataset<Row> distinct = distinctShapes(daily);
    LogTemplateModel dict;
    Dataset<Row> ids;
    Dataset<Row> totals;
    Seen seen;
    if (saved.isPresent()) {
      LogTemplateModel prior =
          miner.withTemplates(LogTemplateModel.load(saved.get().path()).templates());
      ids = cache.apply(idsOf(prior, distinct));
      totals = cache.apply(daily.join(ids, scala(LogShapes.SHAPE), "left"));
      seen = seen(totals);
      dict = prior;
      Optional<Dataset<Row>> unknown =
          unknownLines(logs, seen.unknownDays(), ids, LogShapes.Spec.of(settings));
      if (unknown.isPresent()) {
        List<TemplateEntry> fresh = miner.fit(unknown.get()).templates();
        dict = miner.withTemplates(prior.merge(fresh).templates());
        LOG.info(
            "log templates: {} mined, {} new to the dictionary",
            fresh.size(),
            dict.templates().size() - prior.templates().size());
        if (dict.templates().size() > prior.templates().size()) {
          ids = cache.apply(idsOf(dict, distinct));
          totals = cache.apply(daily.join(ids, scala(LogShapes.SHAPE), "left"));
          seen = seen(totals);
        }
      }
    } else {
      dict = miner.fit(inOrder(logs));
      ids = cache.apply(idsOf(dict, distinct));
      totals = cache.apply(daily.join(ids, scala(LogShapes.SHAPE), "left"));
      seen = seen(totals);
    }
    Dataset<Row> counts =
        cache.apply(
            shapes
                .where(col(LogShapes.BUCKET).geq(Timestamp.from(detailFrom)))
                .join(ids, scala(LogShapes.SHAPE), "left"));
    dict = dict.withEntries(withDates(dict.templates(), seen.dates()));
    ModelPolicy.Decision d =
        store
            .decide(spec)
            .withNote(
                saved
                    .map(p -> "new templates added to the dictionary of " + p.runDate())
                    .orElse("no earlier dictionary"));
    store.save(spec, d, dict);
    return new Refreshed(dict, counts, totals, saved.isPresent());
  }

  /**
   * Shape counts with the template id of each shape under {@code dict} ({@link Refreshed#counts}'s
   * columns): what assigning every counted line would give.
   */
  public static Dataset<Row> counts(LogTemplateModel dict, Dataset<Row> shapes) {
    return shapes.join(idsOf(dict, distinctShapes(shapes)), scala(LogShapes.SHAPE), "left");
  }

  /** Lines per UTC day and shape ({@link #DAY}, {@code shape}, {@code lines}). */
  private static Dataset<Row> dailyTotals(Dataset<Row> shapes) {
    return shapes
        .groupBy(to_date(col(LogShapes.BUCKET)).as(DAY), col(LogShapes.SHAPE))
        .agg(sum(col(LogShapes.LINES)).as(LogShapes.LINES));
  }

  private static Dataset<Row> distinctShapes(Dataset<Row> shapes) {
    return shapes.select(LogShapes.SHAPE).where(col(LogShapes.SHAPE).isNotNull()).distinct();
  }

  /** Each distinct shape with its template id and whether the dictionary knows it. */
  private static Dataset<Row> idsOf(LogTemplateModel dict, Dataset<Row> distinct) {
    return dict.transformShapes(distinct, LogShapes.SHAPE)
        .select(
            col(LogShapes.SHAPE),
            col(dict.getIdCol()).as(LogTemplatesTable.TEMPLATE_ID),
            col(dict.getKnownCol()).as(KNOWN));
  }

  /** Column of {@link Refreshed#counts}: whether the dictionary knows the line's template. */
  public static final String KNOWN = "known";

  /**
   * The window's lines whose shape the dictionary does not know, in one partition sorted by every
   * column (so what is mined depends on the lines alone), or empty when there are none. Only the
   * days that hold such a shape are read ({@code days}, from {@link #seen}).
   */
  private static Optional<Dataset<Row>> unknownLines(
      Dataset<Row> logs, List<Object> days, Dataset<Row> ids, LogShapes.Spec spec) {
    Dataset<Row> unknownShapes = ids.where(not(col(KNOWN))).select(LogShapes.SHAPE);
    if (days.isEmpty()) {
      LOG.info("log templates: every line's shape is known to the dictionary");
      return Optional.empty();
    }
    LOG.info(
        "log templates: lines of unknown shape on {} day(s) {}: mining them", days.size(), days);
    Dataset<Row> lines = logs.where(to_date(col(Cols.TS)).isin(days.toArray()));
    Dataset<Row> shaped = LogShapes.withShape(lines, spec);
    String[] order = {Cols.TS, Cols.ENTITY, Cols.SERVICE, Cols.LEVEL, Cols.MESSAGE};
    return Optional.of(
        shaped
            .join(unknownShapes, scala(LogShapes.SHAPE), "left_semi")
            .select(columns(order))
            .repartition(1)
            .sortWithinPartitions(columns(order)));
  }

  /** The lines partitioned and sorted by every column, as the first fit mines them. */
  private static Dataset<Row> inOrder(Dataset<Row> logs) {
    Column[] keys = columns(Cols.TS, Cols.ENTITY, Cols.SERVICE, Cols.LEVEL, Cols.MESSAGE);
    return logs.select(keys).repartition(keys).sortWithinPartitions(keys);
  }

  private static Column[] columns(String... names) {
    return java.util.Arrays.stream(names).map(n -> col(n)).toArray(Column[]::new);
  }

  private static scala.collection.immutable.Seq<String> scala(String... cols) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(cols)).toList();
  }

  /**
   * What the window's totals say of the dictionary: per known template its first and last date and
   * its lines in the window, and the days that hold a line of unknown shape.
   */
  private record Seen(Map<String, String[]> dates, List<Object> unknownDays) {}

  /**
   * One query over the window's lines per day and shape with their ids ({@code totals}, a few
   * thousand rows): one row per template and whether it is known (a few hundred).
   */
  private static Seen seen(Dataset<Row> totals) {
    Map<String, String[]> dates = new HashMap<>();
    java.util.TreeSet<String> unknownDays = new java.util.TreeSet<>();
    Column day = col(DAY).cast("string");
    for (Row r :
        totals
            .where(col(KNOWN).isNotNull())
            .groupBy(col(KNOWN), col(LogTemplatesTable.TEMPLATE_ID))
            .agg(
                min(day),
                max(day),
                sum(col(LogShapes.LINES)),
                collect_set(when(not(col(KNOWN)), day)))
            .collectAsList()) {
      if (r.getBoolean(0)) {
        dates.put(
            r.getString(1),
            new String[] {r.getString(2), r.getString(3), String.valueOf(r.getLong(4))});
      } else {
        unknownDays.addAll(r.<String>getList(5));
      }
    }
    List<Object> days = new ArrayList<>();
    unknownDays.forEach(d -> days.add(java.sql.Date.valueOf(d)));
    return new Seen(dates, days);
  }

  private static List<TemplateEntry> withDates(
      List<TemplateEntry> entries, Map<String, String[]> seen) {
    List<TemplateEntry> out = new ArrayList<>(entries.size());
    for (TemplateEntry e : entries) {
      String[] s = seen.get(e.id());
      if (s == null) {
        out.add(e);
      } else {
        out.add(
            new TemplateEntry(
                e.id(),
                e.template(),
                Long.parseLong(s[2]),
                e.example(),
                minDate(e.firstSeen(), s[0]),
                maxDate(e.lastSeen(), s[1])));
      }
    }
    return out;
  }

  static String minDate(String a, String b) {
    return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
  }

  static String maxDate(String a, String b) {
    return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
  }
}
