package io.nightshift.jobs.stages.incidents;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.nightshift.jobs.schema.AnomaliesTable;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.HourlyMetrics;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.LogShapes;
import io.nightshift.jobs.schema.LogSignalsTable;
import io.nightshift.jobs.schema.LogTemplatesTable;
import io.nightshift.jobs.schema.RecurringIncidentsTable;
import io.nightshift.jobs.stages.RunContext;
import io.nightshift.jobs.stages.logs.WarningHours;
import io.nightshift.models.logs.LogTemplateModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The events the recurring-incident stage mines for precursors, as one table (service, start, end,
 * kind, name, and optionally entity and detail), from what the night has: metric anomalies, hours
 * of WARN/ERROR log templates, hours in which a metric reached a share of its capacity, and
 * changes. Both the Spark path of {@code RecurringIncidentStage} and {@link
 * LocalRecurringIncidents} read them from here.
 *
 * <p>Saturation hours are decided point by point ({@code value >= capacity * ratio} on one point,
 * under that point's service; {@link #saturationEvents(Dataset, double)}), but a steady night
 * should not pass over the window's points for them when it reads the hourly roll-up from kept
 * state ({@code RunContext.hourlyMetrics()}). The roll-up's maximum, last capacity and last service
 * alone would give other hours (at ratio 0.9):
 *
 * <ul>
 *   <li>capacity may change within an hour: 95 against 100 then 100 against 200 is an event, {@code
 *       value_max} 100 against {@code capacity_last} 200 is not (150 against 200 then 50 against
 *       100 the other way round);
 *   <li>a point without a capacity says nothing, but the roll-up would compare its value with
 *       another point's capacity (95 with no capacity, then 10 against 100);
 *   <li>the roll-up keeps the hour's last service: saturated points of service A followed by a
 *       point of service B or of none give an event on A, the roll-up one on B or none;
 *   <li>a largest {@code value / capacity} per hour would not mend the first two: {@code value /
 *       capacity >= ratio} and {@code value >= capacity * ratio} differ in floating point
 *       (6737.499999999999 against 9625 at 0.7).
 * </ul>
 *
 * So the roll-up also keeps each hour's smallest and largest capacity and service and how many
 * points name a service, and {@link #saturationEvents(Dataset, Dataset, double)} takes from it the
 * hours it decides exactly: an hour whose every point states the same capacity C and names the same
 * service S is saturated if and only if its {@code value_max >= C * ratio} (the same product, and
 * the largest value reaches it if any does); an hour with no capacity or no service has no event.
 * The points are read only for the other hours, and not at all when there are none (one Spark job
 * on the roll-up finds out): on the sample fleet there are none.
 */
public final class PrecursorEvents {
  private PrecursorEvents() {}

  /**
   * Signal events (service, start, end, kind, name) from what this run has: metric anomalies from
   * {@code anomalies} (name = metric, [start, end]), WARN/ERROR log templates per hour (name =
   * template id, see {@link #logTemplateEvents}), hours in which a metric reached {@code
   * saturationRatio} of its capacity (name = metric, see {@link #saturationEvents}) and changes
   * (name "change", an instant). Empty when none is usable.
   */
  public static Optional<Dataset<Row>> precursorEvents(
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
  public static Optional<Dataset<Row>> signalEvents(
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
        .map(m -> saturationEvents(ctx.hourlyMetrics(), m, saturationRatio))
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
  public static Optional<Dataset<Row>> templateTexts(
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
    return saturationHours(
        metrics
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
            .distinct());
  }

  /**
   * The same rows as {@link #saturationEvents(Dataset, double)} on {@code metrics}, from their
   * hourly roll-up ({@link HourlyMetrics}) for the hours of one capacity and one service, and from
   * the points of the other hours (see the class comment).
   *
   * @param hourly the roll-up of exactly these points
   * @param metrics the window's points
   */
  static Dataset<Row> saturationEvents(Dataset<Row> hourly, Dataset<Row> metrics, double ratio) {
    Column n = col(HourlyMetrics.N);
    Column capacity = col(HourlyMetrics.CAPACITY_MIN);
    Column oneCapacityAndService =
        col(HourlyMetrics.CAPACITY_N)
            .equalTo(n)
            .and(capacity.equalTo(col(HourlyMetrics.CAPACITY_MAX)))
            .and(col(HourlyMetrics.SERVICE_N).equalTo(n))
            .and(col(HourlyMetrics.SERVICE_MIN).equalTo(col(HourlyMetrics.SERVICE_MAX)));
    Column decided =
        col(HourlyMetrics.CAPACITY_N)
            .equalTo(0)
            .or(col(HourlyMetrics.SERVICE_N).equalTo(0))
            .or(oneCapacityAndService);
    Dataset<Row> fromHours =
        saturationHours(
            hourly
                .where(
                    oneCapacityAndService
                        .and(capacity.gt(0))
                        .and(col(HourlyMetrics.VALUE_MAX).geq(capacity.multiply(ratio))))
                .select(
                    col(HourlyMetrics.SERVICE_MIN).as("service"),
                    col(Cols.ENTITY).as("entity"),
                    col(HourlyMetrics.HOUR).as("start"),
                    col(Cols.METRIC).as("name")));
    Dataset<Row> undecided =
        hourly
            .where(functions.not(decided))
            .select(
                col(Cols.ENTITY).as("_entity"),
                col(Cols.METRIC).as("_metric"),
                col(HourlyMetrics.HOUR).as("_hour"));
    if (undecided.isEmpty()) {
      return fromHours;
    }
    Dataset<Row> points =
        metrics.join(
            undecided,
            col(Cols.ENTITY)
                .equalTo(col("_entity"))
                .and(col(Cols.METRIC).equalTo(col("_metric")))
                .and(functions.date_trunc("hour", col(Cols.TS)).equalTo(col("_hour"))),
            "left_semi");
    return fromHours.unionByName(saturationEvents(points, ratio));
  }

  /** Saturation events from their (service, entity, start, name), one hour each. */
  private static Dataset<Row> saturationHours(Dataset<Row> hours) {
    return hours.select(
        col("service"),
        col("entity"),
        col("start"),
        functions.timestamp_seconds(functions.unix_seconds(col("start")).plus(3599)).as("end"),
        lit(RecurringIncidentsTable.KIND_METRIC_SATURATION).as("kind"),
        col("name"));
  }

  /**
   * Hours in which a WARN or ERROR log template occurred on a service, over the whole window: the
   * window's WARN/ERROR lines (their shape counts, see {@link WarningHours}) matched against the
   * template dictionary the log stage saved (log_signals only cover the run date). Without a
   * dictionary, the log_signals rows (template_counts per window), or any table there with service,
   * template_id and start (and end) columns.
   */
  static Optional<Dataset<Row>> logTemplateEvents(
      RunContext ctx, Supplier<Optional<LogTemplateModel>> dictionary) {
    Optional<Dataset<Row>> logs = ctx.inputs().get(InputTable.LOGS);
    Optional<LogTemplateModel> dict = logs.isPresent() ? dictionary.get() : Optional.empty();
    if (dict.isPresent() && logs.isPresent()) {
      Column hour = col(WarningHours.HOUR);
      return Optional.of(
          WarningHours.of(dict.get(), ctx.inputs(), LogShapes.Spec.of(ctx.config().logs()))
              .select(
                  col(Cols.SERVICE).as("service"),
                  hour.as("start"),
                  functions.timestamp_seconds(functions.unix_seconds(hour).plus(3599)).as("end"),
                  lit(RecurringIncidentsTable.KIND_LOG_TEMPLATE).as("kind"),
                  col(LogTemplatesTable.TEMPLATE_ID).cast("string").as("name")));
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
}
