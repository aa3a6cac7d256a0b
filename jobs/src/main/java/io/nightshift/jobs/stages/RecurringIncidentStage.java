package io.nightshift.jobs.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import io.nightshift.jobs.config.IncidentSettings;
import io.nightshift.jobs.io.ModelPolicy;
import io.nightshift.jobs.io.ModelSpec;
import io.nightshift.jobs.schema.AnomaliesTable;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.IncidentFamiliesTable;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.LogLevels;
import io.nightshift.jobs.schema.LogSignalsTable;
import io.nightshift.jobs.schema.LogTemplatesTable;
import io.nightshift.jobs.schema.RecurringIncidentsTable;
import io.nightshift.jobs.stages.incidents.DescribedPrecursors;
import io.nightshift.jobs.stages.incidents.LocalRecurringIncidents;
import io.nightshift.jobs.stages.incidents.PrecursorWords;
import io.nightshift.jobs.stages.logs.TemplateDictionary;
import io.nightshift.models.incidents.FamilyFigures;
import io.nightshift.models.incidents.IncidentFamilyGrouper;
import io.nightshift.models.incidents.IncidentFamilyModel;
import io.nightshift.models.incidents.PrecursorMiner;
import io.nightshift.models.logs.LogTemplateModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Recurring incidents: groups the window's incidents into families of the same underlying problem
 * (models/incidents), saves the family model it fits every night with the night's outputs, and
 * ranks the families of two or more incidents by impact with their MTTR, MTTD, trend, linked
 * changes and precursors. Writes {@code recurring_incidents} and {@code incident_families}.
 * Precursors use the {@code anomalies} and {@code log_signals} tables when earlier stages wrote
 * them, and the changes when the input has them; with none of these they are empty.
 *
 * <p>A window's incidents are few: up to {@code nightshift.incidents.maxIncidentsOnDriver} of them
 * are collected once and the model is fitted, the figures computed and the precursors mined on the
 * driver ({@link LocalRecurringIncidents}, a handful of Spark jobs); with more, the same tables
 * come from Spark jobs ({@link #inSpark}).
 */
public final class RecurringIncidentStage implements NightlyStage {
  /** Name of the fitted family model in the model store. */
  public static final String MODEL = "incident_families";

  @Override
  public String name() {
    return "recurring_incident";
  }

  @Override
  public Set<InputTable> needs() {
    return Set.of(InputTable.INCIDENTS);
  }

  @Override
  public Map<String, Dataset<Row>> compute(RunContext ctx) {
    IncidentSettings s = ctx.config().incidents();
    Dataset<Row> incidents = ctx.inputs().incidents();
    IncidentFamilyGrouper grouper =
        new IncidentFamilyGrouper()
            .setSimilarityThreshold(s.similarityThreshold())
            .setNumBands(s.lshBands())
            .setRowsPerBand(s.lshRowsPerBand());
    ModelSpec spec = ModelSpec.of(MODEL, ModelPolicy.Retrain.everyNight(), grouper);
    LocalRecurringIncidents local =
        new LocalRecurringIncidents(s, ctx.windowStart(), ctx.windowEnd());
    Optional<List<Row>> rows = local.collectIncidents(incidents);
    if (rows.isEmpty()) {
      IncidentFamilyModel model =
          ctx.models()
              .reuseOrFit(spec, IncidentFamilyModel::load, () -> grouper.fit(incidents))
              .model();
      return inSpark(ctx, s, model, incidents);
    }
    List<IncidentFamilyGrouper.LocalFit> fitted = new ArrayList<>(1);
    IncidentFamilyModel model =
        ctx.models()
            .reuseOrFit(
                spec,
                IncidentFamilyModel::load,
                () -> {
                  fitted.add(grouper.fitLocally(ctx.spark(), incidents.schema(), rows.get()));
                  return fitted.get(0).model();
                })
            .model();
    if (fitted.isEmpty()) {
      return inSpark(ctx, s, model, incidents);
    }
    Supplier<Optional<LogTemplateModel>> dictionary = once(() -> templateDictionary(ctx));
    Optional<LocalRecurringIncidents.Tables> tables =
        local.build(
            ctx.spark(),
            incidents.schema(),
            rows.get(),
            fitted.get(0).familyIds(),
            fitted.get(0).familyLabels(),
            LocalRecurringIncidents.collectChanges(ctx.inputs().changes()),
            services ->
                signalEvents(ctx, s.precursorSaturationRatio(), dictionary)
                    .map(e -> e.where(col("service").isin(services.toArray()))),
            () -> templateTexts(ctx, dictionary.get()));
    if (tables.isEmpty()) {
      return inSpark(ctx, s, model, incidents);
    }
    return Map.of(
        RecurringIncidentsTable.NAME,
        tables.get().recurringIncidents(),
        IncidentFamiliesTable.NAME,
        tables.get().incidentFamilies());
  }

  /**
   * The tables computed with Spark jobs, for windows with more incidents than {@code
   * maxIncidentsOnDriver} or more precursor events than {@code maxPrecursorEventsOnDriver} (or a
   * reused model).
   */
  static Map<String, Dataset<Row>> inSpark(
      RunContext ctx, IncidentSettings s, IncidentFamilyModel model, Dataset<Row> incidents) {
    Dataset<Row> assigned = ctx.cacheForStage(model.transform(incidents));
    Dataset<Row> families =
        assigned.select(
            col(Cols.INCIDENT_ID).as(IncidentFamiliesTable.INCIDENT_ID),
            col("family_id").as(IncidentFamiliesTable.FAMILY_ID));
    Dataset<Row> ranked = rank(assigned, ctx, s);
    return Map.of(RecurringIncidentsTable.NAME, ranked, IncidentFamiliesTable.NAME, families);
  }

  /** The recurring families, ranked, in the table's schema. */
  static Dataset<Row> rank(Dataset<Row> assigned, RunContext ctx, IncidentSettings s) {
    Dataset<Row> changes =
        ctx.inputs().changes().map(c -> c.select(Cols.SERVICE, Cols.TS)).orElse(null);
    Dataset<Row> figures =
        new FamilyFigures(
                ctx.windowStart(),
                ctx.windowEnd(),
                s.severityWeights(),
                s.defaultSeverityWeight(),
                s.linkedChangeHours())
            .compute(assigned, changes)
            .where(col(RecurringIncidentsTable.INCIDENT_COUNT).geq(s.minFamilySize()));
    Dataset<Row> recurringIncidents =
        assigned
            .select(Cols.INCIDENT_ID, Cols.SERVICE, Cols.ENTITY, Cols.OPENED_AT, "family_id")
            .join(figures.select("family_id"), "family_id");
    Optional<LogTemplateModel> dictionary = templateDictionary(ctx);
    Optional<Dataset<Row>> events = precursorEvents(ctx, s.precursorSaturationRatio(), dictionary);
    Dataset<Row> withPrecursors;
    if (events.isPresent()) {
      Dataset<Row> mined =
          new PrecursorMiner(
                  ctx.windowStart(),
                  ctx.windowEnd(),
                  s.precursorLookbackHours().stream().mapToInt(Integer::intValue).toArray(),
                  s.precursorMinSupport(),
                  s.precursorMinLift(),
                  s.precursorMinIncidents(),
                  s.topPrecursors())
              .mine(recurringIncidents, ctx.cacheForStage(events.get()));
      Dataset<Row> precursors =
          DescribedPrecursors.describe(
              mined,
              figures,
              templateTexts(ctx, dictionary).orElse(null),
              s.precursorSaturationRatio());
      withPrecursors = figures.join(precursors, seq("family_id"), "left");
    } else {
      withPrecursors = figures.withColumn(RecurringIncidentsTable.PRECURSORS, lit(null));
    }
    Column order =
        row_number()
            .over(
                Window.orderBy(
                    col(RecurringIncidentsTable.IMPACT).desc(),
                    col(RecurringIncidentsTable.TREND).desc(),
                    col(RecurringIncidentsTable.INCIDENT_COUNT).desc(),
                    col(RecurringIncidentsTable.FAMILY_ID)));
    Dataset<Row> out =
        withPrecursors
            .withColumn(RecurringIncidentsTable.RANK, order)
            .withColumn(
                RecurringIncidentsTable.PRECURSORS,
                functions.coalesce(
                    col(RecurringIncidentsTable.PRECURSORS),
                    functions
                        .array()
                        .cast(
                            org.apache.spark.sql.types.DataTypes.createArrayType(
                                RecurringIncidentsTable.PRECURSOR))));
    List<Column> cols = new ArrayList<>();
    for (var f : RecurringIncidentsTable.SCHEMA.fields()) {
      cols.add(col(f.name()).cast(f.dataType()).as(f.name()));
    }
    return out.select(cols.toArray(Column[]::new));
  }

  /**
   * Signal events (service, start, end, kind, name) from what this run has: metric anomalies from
   * {@code anomalies} (name = metric, [start, end]), WARN/ERROR log templates per hour (name =
   * template id, see {@link #logTemplateEvents}), hours in which a metric reached {@code
   * saturationRatio} of its capacity (name = metric, see {@link #saturationEvents}) and changes
   * (name "change", an instant). Empty when none is usable.
   */
  static Optional<Dataset<Row>> precursorEvents(
      RunContext ctx, double saturationRatio, Optional<LogTemplateModel> dictionary) {
    List<Dataset<Row>> parts = new ArrayList<>();
    signalEvents(ctx, saturationRatio, () -> dictionary).ifPresent(parts::add);
    ctx.inputs()
        .changes()
        .map(
            c ->
                c.select(
                    col(Cols.SERVICE).as("service"),
                    col(Cols.TS).as("start"),
                    lit(null).cast("timestamp").as("end"),
                    lit(RecurringIncidentsTable.KIND_CHANGE).as("kind"),
                    lit("change").as("name"),
                    col(Cols.STATUS).as("detail")))
        .ifPresent(parts::add);
    return parts.stream().reduce((a, b) -> a.unionByName(b, true));
  }

  /** The {@link #precursorEvents} other than changes: anomalies, log templates, saturation. */
  static Optional<Dataset<Row>> signalEvents(
      RunContext ctx, double saturationRatio, Supplier<Optional<LogTemplateModel>> dictionary) {
    List<Dataset<Row>> parts = new ArrayList<>();
    ctx.table(AnomaliesTable.NAME)
        .flatMap(
            a ->
                events(
                    a,
                    RecurringIncidentsTable.KIND_METRIC_ANOMALY,
                    List.of(AnomaliesTable.METRIC),
                    List.of(AnomaliesTable.START, "start_ts", AnomaliesTable.TS, "window_start"),
                    List.of(AnomaliesTable.END, "end_ts", "window_end"),
                    0,
                    direction(a)))
        .ifPresent(parts::add);
    logTemplateEvents(ctx, dictionary).ifPresent(parts::add);
    ctx.inputs()
        .get(InputTable.METRICS)
        .map(m -> saturationEvents(m, saturationRatio))
        .ifPresent(parts::add);
    return parts.stream().reduce((a, b) -> a.unionByName(b, true));
  }

  /**
   * Whether an anomaly event's peak was above or below its expected level ({@link
   * PrecursorWords#ABOVE}, {@link PrecursorWords#BELOW}); null when the table has no value and
   * expected columns.
   */
  private static Column direction(Dataset<Row> anomalies) {
    if (!Arrays.asList(anomalies.columns())
        .containsAll(List.of(AnomaliesTable.VALUE, AnomaliesTable.EXPECTED))) {
      return lit(null).cast("string");
    }
    return functions
        .when(
            col(AnomaliesTable.VALUE).geq(col(AnomaliesTable.EXPECTED)), lit(PrecursorWords.ABOVE))
        .when(
            col(AnomaliesTable.VALUE).lt(col(AnomaliesTable.EXPECTED)), lit(PrecursorWords.BELOW));
  }

  /**
   * The log templates' text and an example line (template_id, template, example): from the
   * dictionary the log stage saved, else the {@code log_templates} table; empty without either.
   */
  static Optional<Dataset<Row>> templateTexts(
      RunContext ctx, Optional<LogTemplateModel> dictionary) {
    if (dictionary.isPresent()) {
      return Optional.of(
          dictionary
              .get()
              .templatesFrame(ctx.spark())
              .select("template_id", "template", "example"));
    }
    return ctx.table(LogTemplatesTable.NAME)
        .filter(
            t ->
                Arrays.asList(t.columns())
                    .containsAll(
                        List.of(
                            LogTemplatesTable.TEMPLATE_ID,
                            LogTemplatesTable.TEMPLATE,
                            LogTemplatesTable.EXAMPLE)))
        .map(
            t ->
                t.select(
                    col(LogTemplatesTable.TEMPLATE_ID).as("template_id"),
                    col(LogTemplatesTable.TEMPLATE).as("template"),
                    col(LogTemplatesTable.EXAMPLE).as("example")));
  }

  /**
   * Hours in which a metric of an entity reached {@code ratio} of its capacity: one event per
   * (service, entity, metric, hour), scoped to the entity (it precedes only that entity's
   * incidents, against that entity's baseline). Rows without a positive capacity say nothing.
   */
  static Dataset<Row> saturationEvents(Dataset<Row> metrics, double ratio) {
    Column hour = functions.date_trunc("hour", col(Cols.TS));
    return metrics
        .where(
            col(Cols.CAPACITY)
                .gt(0)
                .and(col(Cols.VALUE).geq(col(Cols.CAPACITY).multiply(ratio)))
                .and(col(Cols.SERVICE).isNotNull()))
        .select(
            col(Cols.SERVICE).as("service"),
            col(Cols.ENTITY).as("entity"),
            hour.as("start"),
            col(Cols.METRIC).as("name"))
        .distinct()
        .select(
            col("service"),
            col("entity"),
            col("start"),
            functions.timestamp_seconds(functions.unix_seconds(col("start")).plus(3599)).as("end"),
            lit(RecurringIncidentsTable.KIND_METRIC_SATURATION).as("kind"),
            col("name"));
  }

  /**
   * Hours in which a WARN or ERROR log template occurred on a service, over the whole window: the
   * window's logs matched against the template dictionary the log stage saved (log_signals only
   * cover the run date). Without a dictionary, the log_signals rows (template_counts per window),
   * or any table there with service, template_id and start (and end) columns.
   */
  static Optional<Dataset<Row>> logTemplateEvents(
      RunContext ctx, Supplier<Optional<LogTemplateModel>> dictionary) {
    Optional<Dataset<Row>> logs = ctx.inputs().get(InputTable.LOGS);
    Optional<LogTemplateModel> dict = logs.isPresent() ? dictionary.get() : Optional.empty();
    if (dict.isPresent() && logs.isPresent()) {
      Column hour = functions.date_trunc("hour", col(Cols.TS));
      Dataset<Row> lines =
          logs.get()
              .where(functions.upper(col(Cols.LEVEL)).isin(LogLevels.warnOrWorse()))
              .select(Cols.SERVICE, Cols.TS, Cols.MESSAGE);
      return Optional.of(
          dict.get()
              .transform(lines)
              .select(
                  col(Cols.SERVICE).as("service"),
                  hour.as("start"),
                  functions.timestamp_seconds(functions.unix_seconds(hour).plus(3599)).as("end"),
                  lit(RecurringIncidentsTable.KIND_LOG_TEMPLATE).as("kind"),
                  col("template_id").cast("string").as("name"))
              .distinct());
    }
    Optional<Dataset<Row>> signals = ctx.table(LogSignalsTable.NAME);
    if (signals.isPresent()
        && !Arrays.asList(signals.get().columns()).contains(LogSignalsTable.TEMPLATE_COUNTS)) {
      return events(
          signals.get(),
          RecurringIncidentsTable.KIND_LOG_TEMPLATE,
          List.of("template_id"),
          List.of("start", "ts"),
          List.of("end"),
          3599,
          lit(null).cast("string"));
    }
    return signals.map(
        l ->
            l.select(
                    col(Cols.SERVICE).as("service"),
                    col(LogSignalsTable.WINDOW_START).as("start"),
                    col(LogSignalsTable.WINDOW_END).as("end"),
                    functions.explode(col(LogSignalsTable.TEMPLATE_COUNTS)))
                .where(col("value").gt(0))
                .select(
                    col("service"),
                    col("start"),
                    col("end"),
                    lit(RecurringIncidentsTable.KIND_LOG_TEMPLATE).as("kind"),
                    col("key").cast("string").as("name")));
  }

  private static Optional<Dataset<Row>> events(
      Dataset<Row> table,
      String kind,
      List<String> nameCols,
      List<String> startCols,
      List<String> endCols,
      int impliedSeconds,
      Column detail) {
    List<String> cols = Arrays.asList(table.columns());
    Optional<String> name = nameCols.stream().filter(cols::contains).findFirst();
    Optional<String> start = startCols.stream().filter(cols::contains).findFirst();
    Optional<String> end = endCols.stream().filter(cols::contains).findFirst();
    if (!cols.contains(Cols.SERVICE) || name.isEmpty() || start.isEmpty()) {
      return Optional.empty();
    }
    Dataset<Row> t = cols.contains("count") ? table.where(col("count").gt(0)) : table;
    Column startTs = col(start.get()).cast("timestamp");
    Column endTs =
        end.isPresent()
            ? col(end.get()).cast("timestamp")
            : functions.timestamp_seconds(functions.unix_seconds(startTs).plus(impliedSeconds));
    return Optional.of(
        t.select(
            col(Cols.SERVICE).cast("string").as("service"),
            startTs.as("start"),
            endTs.as("end"),
            lit(kind).as("kind"),
            col(name.get()).cast("string").as("name"),
            detail.as("detail")));
  }

  /** The template dictionary the log stage saved (tonight's or the latest before), if any. */
  static Optional<LogTemplateModel> templateDictionary(RunContext ctx) {
    return ctx.models()
        .latestOnOrBefore(TemplateDictionary.MODEL, ctx.runDate())
        .map(d -> LogTemplateModel.load(d.path()));
  }

  /** A supplier that computes once, on first use (loading a model costs Spark jobs). */
  private static <T> Supplier<T> once(Supplier<T> s) {
    List<T> held = new ArrayList<>(1);
    return () -> {
      if (held.isEmpty()) {
        held.add(s.get());
      }
      return held.get(0);
    };
  }

  private static scala.collection.immutable.Seq<String> seq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toSeq();
  }
}
