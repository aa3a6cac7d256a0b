package io.nightshift.jobs.stages.logs;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.bit_count;
import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.minute;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.LogLevels;
import io.nightshift.jobs.schema.LogShapes;
import io.nightshift.jobs.schema.LogSignalsTable;
import io.nightshift.jobs.schema.LogTemplatesTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Builds the {@code log_templates} and {@code log_signals} tables from the window's lines counted
 * by shape with their template ids ({@link TemplateDictionary.Refreshed#counts}): every figure is a
 * sum of line counts, so the lines themselves are not read again.
 *
 * <p>The log anomaly score of an entity's window compares each template's count {@code c} with its
 * baseline for that entity and time of day, {@code mu} = the mean of (a) the template's mean count
 * in the same slot of the day and (b) its mean count per slot over the whole day, both over the
 * entity's last {@code baselineDays} days of history. Lines above the band {@code mu + 3 sqrt(mu) +
 * 1} are unexpected (a template never seen by the entity has {@code mu} = 0, so nearly all its
 * lines are). The score is {@code unexpected_lines / lines}, in [0, 1]; null without history for
 * the entity.
 */
public final class LogSignals {
  private LogSignals() {}

  private static final String TID = LogTemplatesTable.TEMPLATE_ID;
  private static final String BUCKET = LogShapes.BUCKET;
  private static final Column LINES = col(LogShapes.LINES);

  /** Normalised level: ERROR, WARN or the level as written. */
  static Column levelClass() {
    Column l = upper(col(Cols.LEVEL));
    return when(l.isin(LogLevels.ERROR.toArray()), lit("ERROR"))
        .when(l.isin(LogLevels.WARN.toArray()), lit("WARN"))
        .otherwise(l);
  }

  /**
   * The {@code log_templates} table.
   *
   * @param dailyTotals the window's lines per day and shape with their template ids ({@link
   *     TemplateDictionary.Refreshed#dailyTotals})
   * @param counted shape counts with template ids covering at least the run date
   */
  public static Dataset<Row> templates(
      Dataset<Row> dictionary, Dataset<Row> dailyTotals, Dataset<Row> counted, LocalDate runDate) {
    Timestamp dayStart = Timestamp.from(runDate.atStartOfDay(ZoneOffset.UTC).toInstant());
    Dataset<Row> window =
        dailyTotals.groupBy(col(TID)).agg(sum(LINES).as(LogTemplatesTable.COUNT_WINDOW));
    Dataset<Row> byLevel =
        counted
            .filter(col(BUCKET).geq(lit(dayStart)))
            .withColumn("lvl", levelClass())
            .groupBy(col(TID), col("lvl"))
            .agg(sum(LINES).as("n"));
    Dataset<Row> today =
        byLevel
            .groupBy(col(TID))
            .agg(
                sum("n").as(LogTemplatesTable.COUNT),
                sum(when(col("lvl").equalTo("ERROR"), col("n")).otherwise(0)).as("errors"),
                map_from_entries(array_sort(collect_list(struct(col("lvl"), col("n")))))
                    .as(LogTemplatesTable.LEVEL_MIX));
    return dictionary
        .select(
            col("template_id").as(TID),
            col("template").as(LogTemplatesTable.TEMPLATE),
            to_date(col("first_seen")).as(LogTemplatesTable.FIRST_SEEN),
            to_date(col("last_seen")).as(LogTemplatesTable.LAST_SEEN),
            col("example").as(LogTemplatesTable.EXAMPLE))
        .join(window, TID, "left")
        .join(today, TID, "left")
        .select(
            col(TID),
            col(LogTemplatesTable.TEMPLATE),
            col(LogTemplatesTable.FIRST_SEEN),
            col(LogTemplatesTable.LAST_SEEN),
            coalesce(
                    col(LogTemplatesTable.FIRST_SEEN).equalTo(lit(java.sql.Date.valueOf(runDate))),
                    lit(false))
                .as(LogTemplatesTable.IS_NEW),
            coalesce(col(LogTemplatesTable.COUNT), lit(0L)).as(LogTemplatesTable.COUNT),
            coalesce(col(LogTemplatesTable.COUNT_WINDOW), lit(0L))
                .as(LogTemplatesTable.COUNT_WINDOW),
            col(LogTemplatesTable.LEVEL_MIX),
            col("errors").divide(col(LogTemplatesTable.COUNT)).as(LogTemplatesTable.ERROR_SHARE),
            col(LogTemplatesTable.EXAMPLE));
  }

  /**
   * The {@code log_signals} table for the run date's windows.
   *
   * @param cache caches the history's lines per entity, template and slot (read three times)
   */
  public static Dataset<Row> signals(
      Dataset<Row> dictionary,
      Dataset<Row> counted,
      LocalDate runDate,
      int windowMinutes,
      int baselineDays,
      UnaryOperator<Dataset<Row>> cache) {
    Instant start = runDate.atStartOfDay(ZoneOffset.UTC).toInstant();
    Timestamp dayStart = Timestamp.from(start);
    Timestamp dayEnd = Timestamp.from(start.plusSeconds(86_400));
    Timestamp baseStart = Timestamp.from(start.minusSeconds(86_400L * baselineDays));
    long w = windowMinutes * 60L;
    int slotsPerDay = 1440 / windowMinutes;
    // buckets nest in windows and start on the day, so a bucket's slot and window are its lines'
    Dataset<Row> lines =
        counted
            .select(
                col(BUCKET),
                col(Cols.ENTITY),
                col(Cols.SERVICE),
                col(TID),
                levelClass().as("lvl"),
                LINES)
            .withColumn(
                "slot",
                floor(
                    hour(col(BUCKET))
                        .multiply(60)
                        .plus(minute(col(BUCKET)))
                        .divide(windowMinutes)));
    Dataset<Row> hist =
        lines.filter(col(BUCKET).geq(lit(baseStart)).and(col(BUCKET).lt(lit(dayStart))));
    Dataset<Row> today =
        lines
            .filter(col(BUCKET).geq(lit(dayStart)).and(col(BUCKET).lt(lit(dayEnd))))
            .withColumn(
                LogSignalsTable.WINDOW_START,
                timestamp_seconds(floor(unix_timestamp(col(BUCKET)).divide(w)).multiply(w)));

    // One pass over the history: lines per entity, template and slot, with the days they fall on
    // as bits of a mask (day i of the baseline is bit i); the entity's days and the template's
    // daily lines follow from these few rows.
    boolean masked = baselineDays < Long.SIZE - 1;
    Column day = datediff(to_date(col(BUCKET)), lit(java.sql.Date.valueOf(runDate)));
    Dataset<Row> perSlot =
        cache.apply(
            hist.groupBy(col(Cols.ENTITY), col(TID), col("slot"))
                .agg(
                    sum(LINES).as("n_slot"),
                    masked
                        ? bit_or(call_function("shiftleft", lit(1L), day.plus(baselineDays)))
                            .as("_days")
                        : lit(0L).as("_days")));
    Dataset<Row> days =
        masked
            ? perSlot
                .groupBy(col(Cols.ENTITY))
                .agg(bit_count(bit_or(col("_days"))).cast("long").as("bdays"))
            : hist.groupBy(col(Cols.ENTITY)).agg(countDistinct(to_date(col(BUCKET))).as("bdays"));
    Dataset<Row> perDay =
        perSlot.groupBy(col(Cols.ENTITY), col(TID)).agg(sum(col("n_slot")).as("n_all"));
    Dataset<Row> isNew =
        dictionary.select(
            col("template_id").as(TID),
            coalesce(
                    to_date(col("first_seen")).equalTo(lit(java.sql.Date.valueOf(runDate))),
                    lit(false))
                .as("is_new"));

    Dataset<Row> counts =
        today
            .groupBy(
                col(Cols.ENTITY),
                col(Cols.SERVICE),
                col(LogSignalsTable.WINDOW_START),
                col("slot"),
                col(TID))
            .agg(
                sum(LINES).as("c"),
                sum(when(col("lvl").equalTo("ERROR"), LINES).otherwise(0L)).as("errs"),
                sum(when(col("lvl").equalTo("WARN"), LINES).otherwise(0L)).as("warns"))
            .join(days, scala(Cols.ENTITY), "left")
            .join(perSlot, scala(Cols.ENTITY, TID, "slot"), "left")
            .join(perDay, scala(Cols.ENTITY, TID), "left")
            .join(broadcast(isNew), scala(TID), "left");
    Column bdays = coalesce(col("bdays"), lit(0L));
    Column mu =
        when(
                bdays.gt(0),
                coalesce(col("n_slot"), lit(0L))
                    .divide(bdays)
                    .plus(coalesce(col("n_all"), lit(0L)).divide(bdays.multiply(slotsPerDay)))
                    .divide(2))
            .otherwise(lit(0.0));
    Column band = mu.plus(sqrt(mu).multiply(3)).plus(1);
    Dataset<Row> perWindow =
        counts
            .withColumn("excess", greatest(col("c").minus(band), lit(0.0)))
            .groupBy(col(Cols.ENTITY), col(Cols.SERVICE), col(LogSignalsTable.WINDOW_START))
            .agg(
                sum("c").as(LogSignalsTable.LINES),
                sum("excess").as(LogSignalsTable.UNEXPECTED_LINES),
                sum("errs").as(LogSignalsTable.ERRORS),
                sum("warns").as(LogSignalsTable.WARNINGS),
                count("*").as(LogSignalsTable.TEMPLATES),
                sum(when(coalesce(col("is_new"), lit(false)), 1).otherwise(0))
                    .as(LogSignalsTable.NEW_TEMPLATES),
                map_from_entries(array_sort(collect_list(struct(col(TID), col("c")))))
                    .as(LogSignalsTable.TEMPLATE_COUNTS),
                first(bdays).as(LogSignalsTable.BASELINE_DAYS));
    Column linesCol = col(LogSignalsTable.LINES);
    // one aggregation gives a window's lines by template and by level
    return perWindow.select(
        col(Cols.ENTITY),
        col(Cols.SERVICE),
        col(LogSignalsTable.WINDOW_START),
        timestamp_seconds(unix_timestamp(col(LogSignalsTable.WINDOW_START)).plus(w))
            .as(LogSignalsTable.WINDOW_END),
        linesCol,
        col(LogSignalsTable.ERRORS),
        col(LogSignalsTable.WARNINGS),
        col(LogSignalsTable.ERRORS).divide(linesCol).as(LogSignalsTable.ERROR_RATE),
        col(LogSignalsTable.WARNINGS).divide(linesCol).as(LogSignalsTable.WARN_RATE),
        col(LogSignalsTable.TEMPLATES),
        col(LogSignalsTable.NEW_TEMPLATES),
        col(LogSignalsTable.TEMPLATE_COUNTS),
        col(LogSignalsTable.UNEXPECTED_LINES),
        when(
                col(LogSignalsTable.BASELINE_DAYS).gt(0),
                col(LogSignalsTable.UNEXPECTED_LINES).divide(linesCol))
            .as(LogSignalsTable.LOG_ANOMALY_SCORE),
        col(LogSignalsTable.BASELINE_DAYS).cast("int").as(LogSignalsTable.BASELINE_DAYS));
  }

  private static scala.collection.immutable.Seq<String> scala(String... cols) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(cols)).toList();
  }
}
