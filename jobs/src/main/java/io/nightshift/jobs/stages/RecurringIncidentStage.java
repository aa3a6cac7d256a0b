package io.nightshift.jobs.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import io.nightshift.jobs.config.IncidentSettings;
import io.nightshift.jobs.io.ModelPolicy;
import io.nightshift.jobs.io.ModelSpec;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.IncidentFamiliesTable;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.RecurringIncidentsTable;
import io.nightshift.jobs.stages.incidents.DescribedPrecursors;
import io.nightshift.jobs.stages.incidents.LocalRecurringIncidents;
import io.nightshift.jobs.stages.incidents.PrecursorEvents;
import io.nightshift.jobs.stages.logs.TemplateDictionary;
import io.nightshift.models.incidents.FamilyFigures;
import io.nightshift.models.incidents.IncidentFamilyGrouper;
import io.nightshift.models.incidents.IncidentFamilyModel;
import io.nightshift.models.incidents.PrecursorMiner;
import io.nightshift.models.logs.LogTemplateModel;
import java.util.ArrayList;
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
 * them, the metrics and the changes when the input has them ({@link PrecursorEvents}); with none of
 * these they are empty.
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
                PrecursorEvents.signalEvents(ctx, s.precursorSaturationRatio(), dictionary)
                    .map(e -> e.where(col("service").isin(services.toArray()))),
            () -> PrecursorEvents.templateTexts(ctx, dictionary.get()));
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
    Optional<Dataset<Row>> events =
        PrecursorEvents.precursorEvents(ctx, s.precursorSaturationRatio(), dictionary);
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
              PrecursorEvents.templateTexts(ctx, dictionary).orElse(null),
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
