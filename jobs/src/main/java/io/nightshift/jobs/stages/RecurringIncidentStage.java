package io.nightshift.jobs.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import io.nightshift.jobs.config.IncidentSettings;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.IncidentFamiliesTable;
import io.nightshift.jobs.schema.RecurringIncidentsTable;
import io.nightshift.models.incidents.FamilyFigures;
import io.nightshift.models.incidents.IncidentFamilyGrouper;
import io.nightshift.models.incidents.IncidentFamilyModel;
import io.nightshift.models.incidents.PrecursorMiner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Recurring incidents: groups the window's incidents into families of the same underlying problem
 * (models/incidents), saves the fitted family model, and ranks the families of two or more
 * incidents by impact with their MTTR, MTTD, trend, linked changes and precursors. Writes {@code
 * recurring_incidents} and {@code incident_families}. Precursors use the {@code anomalies} and
 * {@code log_signals} tables when earlier stages wrote them, and are empty otherwise.
 */
public final class RecurringIncidentStage implements NightlyStage {
  /** Name of the fitted family model in the model store. */
  public static final String MODEL = "incident_families";

  @Override
  public String name() {
    return "recurring_incident";
  }

  @Override
  public Map<String, Dataset<Row>> compute(RunContext ctx) {
    IncidentSettings s = ctx.config().incidents();
    Dataset<Row> incidents = ctx.inputs().incidents();
    IncidentFamilyModel model =
        new IncidentFamilyGrouper()
            .setSimilarityThreshold(s.similarityThreshold())
            .setNumBands(s.lshBands())
            .setRowsPerBand(s.lshRowsPerBand())
            .fit(incidents);
    try {
      model.write().overwrite().save(ctx.models().pathFor(MODEL, ctx.runDate()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the incident family model", e);
    }
    Dataset<Row> assigned = model.transform(incidents);
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
            .select(Cols.INCIDENT_ID, Cols.SERVICE, Cols.OPENED_AT, "family_id")
            .join(figures.select("family_id"), "family_id");
    Optional<Dataset<Row>> events = precursorEvents(ctx);
    Dataset<Row> withPrecursors;
    if (events.isPresent()) {
      Dataset<Row> precursors =
          new PrecursorMiner(
                  ctx.windowStart(),
                  ctx.windowEnd(),
                  s.precursorLookbackHours(),
                  s.precursorMinSupport(),
                  s.precursorMinLift(),
                  s.precursorMinIncidents(),
                  s.topPrecursors())
              .mine(recurringIncidents, events.get());
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
   * Signal events (service, ts, kind, name) from the tables earlier stages wrote: metric anomalies
   * (name = metric, ts = start) and log templates (name = template id, ts = hour; only hours with a
   * positive count when there is a count column). Empty when neither table is usable.
   */
  static Optional<Dataset<Row>> precursorEvents(RunContext ctx) {
    List<Dataset<Row>> parts = new ArrayList<>();
    ctx.table("anomalies")
        .flatMap(
            a ->
                events(
                    a,
                    RecurringIncidentsTable.KIND_METRIC_ANOMALY,
                    List.of("metric"),
                    List.of("start", "start_ts", "ts", "window_start")))
        .ifPresent(parts::add);
    ctx.table("log_signals")
        .flatMap(
            l ->
                events(
                    l,
                    RecurringIncidentsTable.KIND_LOG_TEMPLATE,
                    List.of("template_id", "template"),
                    List.of("hour", "ts", "window_start", "start")))
        .ifPresent(parts::add);
    return parts.stream().reduce(Dataset::unionByName);
  }

  private static Optional<Dataset<Row>> events(
      Dataset<Row> table, String kind, List<String> nameCols, List<String> timeCols) {
    List<String> cols = Arrays.asList(table.columns());
    Optional<String> name = nameCols.stream().filter(cols::contains).findFirst();
    Optional<String> time = timeCols.stream().filter(cols::contains).findFirst();
    if (!cols.contains(Cols.SERVICE) || name.isEmpty() || time.isEmpty()) {
      return Optional.empty();
    }
    Dataset<Row> t = cols.contains("count") ? table.where(col("count").gt(0)) : table;
    return Optional.of(
        t.select(
            col(Cols.SERVICE).cast("string").as("service"),
            col(time.get()).cast("timestamp").as("ts"),
            lit(kind).as("kind"),
            col(name.get()).cast("string").as("name")));
  }

  private static scala.collection.immutable.Seq<String> seq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toSeq();
  }
}
