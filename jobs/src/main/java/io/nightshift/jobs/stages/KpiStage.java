package io.nightshift.jobs.stages;

import static io.nightshift.jobs.schema.KpisTable.*;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.config.KpiSettings;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.stages.kpis.KpiInputs;
import io.nightshift.jobs.stages.kpis.LocalKpis;
import io.nightshift.jobs.stages.situations.KnownServices;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * ITOps KPIs per service and ISO week (Monday 00:00 UTC), over the run's window. Definitions (also
 * in the README): an incident counts in the week it opened; MTTD = detected_at - opened_at; MTTR =
 * resolved_at - opened_at for incidents resolved by the end of the run date (others are "open");
 * availability = 1 - (minutes with at least one open outage-severity incident) / (minutes of the
 * week inside the window); change success rate = successful / all changes; recurring incidents =
 * incidents in a family of two or more.
 *
 * <p>A window's incidents, changes and families are small: up to {@code
 * nightshift.incidents.maxIncidentsOnDriver} incidents, they are collected once and the KPIs
 * computed on the driver ({@link LocalKpis}, three small Spark jobs and the write instead of about
 * twenty); with more, the Spark query below gives the same rows.
 */
public final class KpiStage implements NightlyStage {
  private static final String S = "_s";
  private static final String E = "_e";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<InputTable> needs() {
    return Set.of(InputTable.INCIDENTS);
  }

  /**
   * The KPI table: on the driver ({@link LocalKpis}) when the window has at most {@code
   * nightshift.incidents.maxIncidentsOnDriver} incidents, else with the Spark query of {@link
   * #compute(Dataset, Optional, Dataset, Optional, Instant, Instant, KpiSettings)}; the same rows.
   */
  @Override
  public Map<String, Dataset<Row>> compute(RunContext ctx) {
    Optional<Dataset<Row>> families = ctx.table("incident_families");
    Optional<KpiInputs> local =
        KpiInputs.collect(
            ctx.inputs().incidents(),
            ctx.inputs().changes(),
            families,
            ctx.config().incidents().maxIncidentsOnDriver());
    if (local.isPresent()) {
      List<Row> rows =
          new LocalKpis(ctx.windowStart(), ctx.windowEnd(), ctx.config().kpis())
              .rows(local.get(), KnownServices.namesOfMetrics(ctx));
      // one file, in order, as the Spark path writes it
      return Map.of(NAME, ctx.spark().createDataFrame(rows, SCHEMA).coalesce(1));
    }
    return Map.of(
        NAME,
        compute(
            ctx.inputs().incidents(),
            ctx.inputs().changes(),
            // the services are all the KPI grid reads of the metrics: from the hourly roll-up
            KnownServices.ofMetrics(ctx),
            families,
            ctx.windowStart(),
            ctx.windowEnd(),
            ctx.config().kpis()));
  }

  /**
   * The KPI table for a window (public for tests).
   *
   * @param metrics the window's metrics, or any table of their services (a {@code service} column):
   *     every service they name gets a row per week, incidents or not
   */
  public static Dataset<Row> compute(
      Dataset<Row> incidents,
      Optional<Dataset<Row>> changes,
      Dataset<Row> metrics,
      Optional<Dataset<Row>> families,
      Instant windowStart,
      Instant windowEnd,
      KpiSettings settings) {
    Timestamp ws = Timestamp.from(windowStart);
    Timestamp we = Timestamp.from(windowEnd);
    Column week = date_trunc("week", col(Cols.OPENED_AT)).cast("date");

    Dataset<Row> inc =
        incidents
            .withColumn(WEEK_START, week)
            .withColumn(
                "_resolved", when(col(Cols.RESOLVED_AT).leq(lit(we)), col(Cols.RESOLVED_AT)))
            .withColumn("_ttd", minutes(col(Cols.DETECTED_AT), col(Cols.OPENED_AT)))
            .withColumn("_ttr", minutes(col("_resolved"), col(Cols.OPENED_AT)));
    if (families.isPresent()) {
      Dataset<Row> recurring =
          families
              .get()
              .groupBy(col("family_id"))
              .agg(count(lit(1)).as("_size"))
              .filter(col("_size").geq(2))
              .join(families.get(), "family_id")
              .select(col(Cols.INCIDENT_ID), lit(1).as("_recurring"));
      inc =
          inc.join(
                  recurring,
                  inc.col(Cols.INCIDENT_ID).equalTo(recurring.col(Cols.INCIDENT_ID)),
                  "left")
              .drop(recurring.col(Cols.INCIDENT_ID));
    } else {
      inc = inc.withColumn("_recurring", lit(null).cast("int"));
    }
    Dataset<Row> incidentKpis =
        inc.groupBy(col(Cols.SERVICE), col(WEEK_START))
            .agg(
                count(lit(1)).as(INCIDENTS),
                sevCount("SEV1").as(SEV1),
                sevCount("SEV2").as(SEV2),
                sevCount("SEV3").as(SEV3),
                sevCount("SEV4").as(SEV4),
                avg(col("_ttd")).as(MTTD_MEAN),
                expr("percentile(_ttd, 0.5)").as(MTTD_P50),
                expr("percentile(_ttd, 0.9)").as(MTTD_P90),
                avg(col("_ttr")).as(MTTR_MEAN),
                expr("percentile(_ttr, 0.5)").as(MTTR_P50),
                expr("percentile(_ttr, 0.9)").as(MTTR_P90),
                sum(when(col("_resolved").isNull(), 1).otherwise(0)).as(OPEN_INCIDENTS),
                families.isPresent()
                    ? sum(coalesce(col("_recurring"), lit(0))).as(RECURRING_INCIDENTS)
                    : lit(null).cast("long").as(RECURRING_INCIDENTS));

    Dataset<Row> grid = grid(incidents, changes, metrics, windowStart, windowEnd);
    Dataset<Row> outage = outageMinutes(incidents, settings, ws, we);
    Dataset<Row> out =
        grid.join(incidentKpis, seq(Cols.SERVICE, WEEK_START), "left")
            .join(outage, seq(Cols.SERVICE, WEEK_START), "left");
    if (changes.isPresent()) {
      Dataset<Row> ch =
          changes
              .get()
              .withColumn(WEEK_START, date_trunc("week", col(Cols.TS)).cast("date"))
              .groupBy(col(Cols.SERVICE), col(WEEK_START))
              .agg(
                  countDistinct(col(Cols.CHANGE_ID)).as(CHANGES),
                  countDistinct(
                          when(
                              col(Cols.STATUS).isin(settings.failedChangeStatuses().toArray()),
                              col(Cols.CHANGE_ID)))
                      .as(FAILED_CHANGES));
      out = out.join(ch, seq(Cols.SERVICE, WEEK_START), "left");
    } else {
      out =
          out.withColumn(CHANGES, lit(null).cast("long"))
              .withColumn(FAILED_CHANGES, lit(null).cast("long"));
    }
    return out.select(
            col(Cols.SERVICE).as(SERVICE),
            col(WEEK_START),
            coalesce(col(INCIDENTS), lit(0L)).as(INCIDENTS),
            coalesce(col(SEV1), lit(0L)).as(SEV1),
            coalesce(col(SEV2), lit(0L)).as(SEV2),
            coalesce(col(SEV3), lit(0L)).as(SEV3),
            coalesce(col(SEV4), lit(0L)).as(SEV4),
            col(MTTD_MEAN),
            col(MTTD_P50),
            col(MTTD_P90),
            col(MTTR_MEAN),
            col(MTTR_P50),
            col(MTTR_P90),
            coalesce(col(OPEN_INCIDENTS), lit(0L)).as(OPEN_INCIDENTS),
            coalesce(col(OUTAGE_MINUTES), lit(0.0)).as(OUTAGE_MINUTES),
            col(COVERED_MINUTES),
            lit(1.0)
                .minus(coalesce(col(OUTAGE_MINUTES), lit(0.0)).divide(col(COVERED_MINUTES)))
                .as(AVAILABILITY),
            changes.isPresent() ? coalesce(col(CHANGES), lit(0L)).as(CHANGES) : col(CHANGES),
            changes.isPresent()
                ? coalesce(col(FAILED_CHANGES), lit(0L)).as(FAILED_CHANGES)
                : col(FAILED_CHANGES),
            when(
                    col(CHANGES).gt(0),
                    lit(1.0).minus(coalesce(col(FAILED_CHANGES), lit(0L)).divide(col(CHANGES))))
                .as(CHANGE_SUCCESS_RATE),
            col(RECURRING_INCIDENTS))
        .orderBy(col(SERVICE), col(WEEK_START));
  }

  private static Column sevCount(String sev) {
    return sum(when(col(Cols.SEVERITY).equalTo(sev), 1).otherwise(0));
  }

  private static Column minutes(Column later, Column earlier) {
    return later.cast("double").minus(earlier.cast("double")).divide(60.0);
  }

  private static scala.collection.immutable.Seq<String> seq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toList();
  }

  /** Every service seen in the window, times every ISO week overlapping the window. */
  private static Dataset<Row> grid(
      Dataset<Row> incidents,
      Optional<Dataset<Row>> changes,
      Dataset<Row> metrics,
      Instant windowStart,
      Instant windowEnd) {
    Dataset<Row> services = incidents.select(Cols.SERVICE);
    if (changes.isPresent()) {
      services = services.union(changes.get().select(Cols.SERVICE));
    }
    services =
        services
            .union(metrics.select(Cols.SERVICE))
            .filter(col(Cols.SERVICE).isNotNull())
            .distinct();
    List<java.sql.Date> weeks = new ArrayList<>();
    LocalDate first =
        windowStart
            .atZone(ZoneOffset.UTC)
            .toLocalDate()
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    LocalDate lastDay = windowEnd.minusSeconds(1).atZone(ZoneOffset.UTC).toLocalDate();
    for (LocalDate w = first; !w.isAfter(lastDay); w = w.plusWeeks(1)) {
      weeks.add(java.sql.Date.valueOf(w));
    }
    Dataset<Row> weekTable =
        services.sparkSession().createDataset(weeks, Encoders.DATE()).toDF(WEEK_START);
    Timestamp ws = Timestamp.from(windowStart);
    Timestamp we = Timestamp.from(windowEnd);
    Column wStart = col(WEEK_START).cast("timestamp");
    Column wEnd = expr("cast(week_start + 7 as timestamp)");
    return services
        .crossJoin(weekTable)
        .withColumn(COVERED_MINUTES, minutes(least(wEnd, lit(we)), greatest(wStart, lit(ws))));
  }

  /** Minutes per service-week with at least one open outage incident (overlaps merged). */
  private static Dataset<Row> outageMinutes(
      Dataset<Row> incidents, KpiSettings settings, Timestamp ws, Timestamp we) {
    Dataset<Row> spans =
        incidents
            .filter(col(Cols.SEVERITY).isin(settings.outageSeverities().toArray()))
            .select(
                col(Cols.SERVICE),
                greatest(col(Cols.OPENED_AT), lit(ws)).as(S),
                least(coalesce(col(Cols.RESOLVED_AT), lit(we)), lit(we)).as(E))
            .filter(col(E).gt(col(S)));
    WindowSpec byStart = Window.partitionBy(Cols.SERVICE).orderBy(col(S), col(E));
    Dataset<Row> islands =
        spans
            .withColumn(
                "_prev_end", max(col(E)).over(byStart.rowsBetween(Window.unboundedPreceding(), -1)))
            .withColumn(
                "_new",
                when(col("_prev_end").isNull().or(col(S).gt(col("_prev_end"))), 1).otherwise(0))
            .withColumn(
                "_island",
                sum(col("_new")).over(byStart.rowsBetween(Window.unboundedPreceding(), 0)))
            .groupBy(col(Cols.SERVICE), col("_island"))
            .agg(min(col(S)).as(S), max(col(E)).as(E));
    return islands
        .withColumn(
            WEEK_START,
            explode(
                expr(
                    "sequence(cast(date_trunc('week', _s) as date), cast(date_trunc('week', _e) as date),"
                        + " interval 7 days)")))
        .withColumn(
            "_overlap",
            minutes(
                least(col(E), expr("cast(week_start + 7 as timestamp)")),
                greatest(col(S), col(WEEK_START).cast("timestamp"))))
        .filter(col("_overlap").gt(0))
        .groupBy(col(Cols.SERVICE), col(WEEK_START))
        .agg(sum(col("_overlap")).as(OUTAGE_MINUTES));
  }
}
