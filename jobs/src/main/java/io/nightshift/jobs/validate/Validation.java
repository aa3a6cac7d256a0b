package io.nightshift.jobs.validate;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.config.ValidationSettings;
import io.nightshift.jobs.io.TableReader;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.Column;
import io.nightshift.jobs.schema.InputTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Splits one input table into accepted rows and quarantined rows with a reason, losing nothing:
 * every row read is either accepted or quarantined, and the counts say so. Exact duplicates (all
 * canonical columns equal) keep their first copy (by source file) and quarantine the rest.
 *
 * <p>Two steps, so that a night can keep the first between runs: {@link #classifyDays} judges each
 * day partition on its own (the row rules, copies within the day, rows stamped outside their day);
 * {@link #assemble} judges the window (the window rules, copies across days). A copy across days
 * has the same time stamp as its original, so one of the two lies outside its own day: only rows
 * stamped outside their day (few, in a lake partitioned by event time) are compared across days.
 */
public final class Validation {
  /** The column that holds a row's quarantine reason while classifying. */
  public static final String REASON = Cols.Q_REASON;

  /** Day step: the first row rule the row breaks (null when none). */
  public static final String DAY_REASON = "_day_reason";

  /** Day step: an equal row comes earlier (by source file) in the same day partition. */
  public static final String DUP_IN_DAY = "_dup_in_day";

  /**
   * The day step's rows that are live as far as their own day tells (no row rule, not a copy within
   * the day, stamped within the day): with no live off-day row in the window, exactly the accepted
   * rows.
   */
  public static org.apache.spark.sql.Column liveInDay() {
    return col(DAY_REASON)
        .isNull()
        .and(col(DUP_IN_DAY).unary_$bang())
        .and(col(OFF_DAY).unary_$bang());
  }

  /** Day step: the row's time stamp lies outside its partition's day (or is null). */
  public static final String OFF_DAY = "_off_day";

  /** Above this many distinct off-day rows, the cross-day check is not broadcast. */
  static final long BROADCAST_OFF_DAY_LIMIT = 2_000_000L;

  private static final String FIRST_DT = "_first_dt";

  private Validation() {}

  /**
   * The outcome for one table.
   *
   * @param offDayLive rows that no rule quarantines but whose time stamp lies outside their day
   *     partition's day: when there are none, each day's accepted rows are the live rows of its own
   *     partition, so what a night keeps per day adds up to the window's answer
   */
  public record Outcome(
      InputTable table,
      Dataset<Row> accepted,
      Dataset<Row> quarantined,
      long read,
      long acceptedCount,
      Map<String, Long> quarantinedByReason,
      long offDayLive) {

    public long quarantinedRows() {
      return quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Releases the cached accepted rows. */
    public void release() {
      accepted.unpersist();
    }
  }

  /** Classifies a whole window in one go (no state kept): {@link #classifyDays} then assemble. */
  public static Outcome run(
      TableReader.RawTable raw, ValidationSettings v, Instant windowStart, Instant windowEnd) {
    return assemble(
        raw.table(),
        classifyDays(raw.table(), raw.rows(), v),
        v,
        windowStart,
        windowEnd,
        false,
        Optional.empty());
  }

  /** The schema of {@link #classifyDays}'s rows: canonical columns, dt, source file, flags. */
  public static StructType daySchema(InputTable t) {
    return t.schema()
        .add(Cols.DT, DataTypes.DateType, true)
        .add(TableReader.SOURCE_FILE, DataTypes.StringType, true)
        .add(DAY_REASON, DataTypes.StringType, true)
        .add(DUP_IN_DAY, DataTypes.BooleanType, false)
        .add(OFF_DAY, DataTypes.BooleanType, false);
  }

  /**
   * The day step, over rows of any set of day partitions: normalised canonical columns, {@code dt},
   * source file, and {@link #DAY_REASON}, {@link #DUP_IN_DAY}, {@link #OFF_DAY}. A row's result
   * depends on its own day partition only, so it holds for every night that reads the day.
   */
  public static Dataset<Row> classifyDays(InputTable t, Dataset<Row> raw, ValidationSettings v) {
    Dataset<Row> rows = RowRules.normalise(t, raw, v);
    // Event time first: the sort that groups the copies then compares rows by a long prefix (the
    // time stamp), which tells most rows apart without comparing strings; the order of the
    // partition columns does not change which rows are copies.
    List<org.apache.spark.sql.Column> byDay = new ArrayList<>();
    byDay.add(col(t.eventTimeColumn()));
    byDay.add(col(Cols.DT));
    dedupKeys(t).stream()
        .filter(k -> !k.equals(t.eventTimeColumn()))
        .forEach(k -> byDay.add(col(k)));
    org.apache.spark.sql.Column ts = col(t.eventTimeColumn());
    Dataset<Row> flagged =
        rows.withColumn(DAY_REASON, RowRules.dayReason(t, v))
            .withColumn(
                DUP_IN_DAY,
                row_number()
                    .over(
                        Window.partitionBy(byDay.toArray(org.apache.spark.sql.Column[]::new))
                            .orderBy(col(TableReader.SOURCE_FILE)))
                    .gt(1))
            .withColumn(OFF_DAY, coalesce(to_date(ts).notEqual(col(Cols.DT)), lit(true)));
    return flagged.select(
        Arrays.stream(daySchema(t).fieldNames())
            .map(c -> col(c))
            .toArray(org.apache.spark.sql.Column[]::new));
  }

  /**
   * The window step: the day rows of every partition in the window (from {@link #classifyDays},
   * kept or fresh) to accepted and quarantined rows with their counts.
   *
   * <p>Incidents and changes are cached, partitioned by all columns and sorted, so every night
   * hands the stages the same rows in the same order, whichever days were kept. Metrics and logs
   * are not brought together: their consumers do not depend on row order (the detector orders each
   * series by time and value, roll-ups break ties by value, the template miner sorts the lines it
   * mines), so a night that reads its days from kept Parquet ({@code onDisk}) leaves them there,
   * and each consumer reads only the columns and days it needs (a steady night's detector reads the
   * days since its state, the log stage the kept days' shape counts). They are cached when they are
   * not a plain filter of kept files (no state kept, or copies across days).
   *
   * @param onDisk the day rows are read from the kept state's Parquet files
   * @param counted the days' rows counted by what the day step found ({@link
   *     DayFingerprint#judged}), summed over the window, when every day has them and none holds a
   *     row stamped outside its day: the window rules then quarantine none of them, so the counts
   *     are the window's, the rows are not scanned to count them, and only the days that hold a
   *     quarantined row are read to list them
   */
  public static Outcome assemble(
      InputTable t,
      Dataset<Row> days,
      ValidationSettings v,
      Instant start,
      Instant end,
      boolean onDisk,
      Optional<Counted> counted) {
    org.apache.spark.sql.Column[] keys = columns(dedupKeys(t));
    org.apache.spark.sql.Column ruled =
        coalesce(col(DAY_REASON), RowRules.windowReason(t, v, start, end));
    Dataset<Row> judged = days.withColumn(REASON, ruled);
    org.apache.spark.sql.Column inDay =
        coalesce(col(REASON), when(col(DUP_IN_DAY), lit(Reasons.DUPLICATE)));
    org.apache.spark.sql.Column offDayLive =
        col(REASON).isNull().and(col(DUP_IN_DAY).unary_$bang()).and(col(OFF_DAY));
    // one job: the reasons as far as each day and the window rules tell, and how many live rows
    // are stamped outside their day (only those can be copies of rows in other days)
    List<Row> stats =
        counted.isPresent()
            ? statsOf(counted.get().byReason())
            : judged.groupBy(inDay.as(REASON), offDayLive.as("_off")).count().collectAsList();
    long offDay = stats.stream().filter(r -> r.getBoolean(1)).mapToLong(r -> r.getLong(2)).sum();
    Dataset<Row> classified;
    if (offDay == 0) {
      classified = judged.withColumn(REASON, inDay);
    } else {
      classified =
          withFirstCopyDay(t, judged, keys, offDay)
              .withColumn(
                  REASON,
                  coalesce(inDay, when(col(Cols.DT).gt(col(FIRST_DT)), lit(Reasons.DUPLICATE))));
      stats = classified.groupBy(col(REASON), lit(false)).count().collectAsList();
    }

    Map<String, Long> byReason = new TreeMap<>();
    long accepted = 0;
    for (Row r : stats) {
      if (r.isNullAt(0)) {
        accepted += r.getLong(2);
      } else {
        byReason.merge(r.getString(0), r.getLong(2), Long::sum);
      }
    }
    long read = accepted + byReason.values().stream().mapToLong(Long::longValue).sum();

    String[] canonical = t.columns().stream().map(Column::name).toArray(String[]::new);
    Dataset<Row> live = classified.filter(col(REASON).isNull()).select(withDt(canonical));
    Dataset<Row> acceptedRows;
    if (orderFree(t)) {
      acceptedRows = onDisk && offDay == 0 ? live : live.persist(StorageLevel.MEMORY_AND_DISK());
    } else {
      acceptedRows = inOrder(live, keys).persist(StorageLevel.MEMORY_AND_DISK());
    }
    Dataset<Row> quarantined =
        counted
            .map(c -> classified.where(onDays(c.quarantineDays())))
            .orElse(classified)
            .filter(col(REASON).isNotNull())
            .select(
                lit(t.tableName()).as(Cols.Q_TABLE),
                col(REASON),
                col(TableReader.SOURCE_FILE),
                to_json(struct(columns(Arrays.asList(canonical)))).as(Cols.Q_ROW));
    return new Outcome(t, acceptedRows, quarantined, read, accepted, byReason, offDay);
  }

  /**
   * A window's rows counted from its days' kept counts ({@link DayFingerprint#judged}).
   *
   * @param byReason rows by reason, {@link DayFingerprint#ACCEPTED} for the accepted ones
   * @param quarantineDays the days that hold a quarantined row
   */
  public record Counted(Map<String, Long> byReason, List<java.time.LocalDate> quarantineDays) {}

  private static org.apache.spark.sql.Column onDays(List<java.time.LocalDate> days) {
    return days.isEmpty()
        ? lit(false)
        : col(Cols.DT).isin(days.stream().map(java.sql.Date::valueOf).toArray());
  }

  /** The window step's counts (reason or null, off-day live, rows) from the day step's. */
  private static List<Row> statsOf(Map<String, Long> counted) {
    List<Row> out = new ArrayList<>();
    counted.forEach(
        (reason, n) ->
            out.add(
                RowFactory.create(
                    DayFingerprint.ACCEPTED.equals(reason) ? null : reason, false, n)));
    return out;
  }

  /**
   * Adds {@link #FIRST_DT}: for a row equal to a live row stamped outside its day, the first day
   * that holds a live copy (one no rule quarantines). Null for every other row, which has no copy
   * in another day. {@code offDay} (the live off-day rows) decides whether the keys are broadcast.
   */
  private static Dataset<Row> withFirstCopyDay(
      InputTable t, Dataset<Row> days, org.apache.spark.sql.Column[] keys, long offDay) {
    Dataset<Row> live = days.filter(col(REASON).isNull().and(col(DUP_IN_DAY).unary_$bang()));
    Dataset<Row> offKeys = live.filter(col(OFF_DAY)).select(keys).distinct();
    List<String> names = dedupKeys(t);
    boolean small = offDay <= BROADCAST_OFF_DAY_LIMIT;
    Dataset<Row> first =
        live.join(sideOf(prefixed(offKeys, names), small), nullSafe(live, names), "left_semi")
            .groupBy(keys)
            .agg(min(col(Cols.DT)).as(FIRST_DT));
    Dataset<Row> joined =
        days.join(sideOf(prefixed(first, names), small), nullSafe(days, names), "left");
    for (String k : names) {
      joined = joined.drop(PREFIX + k);
    }
    return joined;
  }

  private static final String PREFIX = "_k_";

  /** The key columns renamed apart, so a join with the table they came from is not ambiguous. */
  private static Dataset<Row> prefixed(Dataset<Row> ds, List<String> names) {
    Dataset<Row> out = ds;
    for (String k : names) {
      out = out.withColumnRenamed(k, PREFIX + k);
    }
    return out;
  }

  private static Dataset<Row> sideOf(Dataset<Row> ds, boolean small) {
    return small ? broadcast(ds) : ds;
  }

  /** Every key equal, nulls equal to nulls (as the duplicate check's grouping treats them). */
  private static org.apache.spark.sql.Column nullSafe(Dataset<Row> left, List<String> names) {
    org.apache.spark.sql.Column on = null;
    for (String k : names) {
      org.apache.spark.sql.Column eq = left.col(k).eqNullSafe(col(PREFIX + k));
      on = on == null ? eq : on.and(eq);
    }
    return on;
  }

  /** Whether a table's consumers read its rows in any order: metrics and logs. */
  static boolean orderFree(InputTable t) {
    return !t.seriesKey().isEmpty() || t == InputTable.LOGS;
  }

  /** Partitioned by all columns and sorted by the duplicate keys within. */
  private static Dataset<Row> inOrder(Dataset<Row> rows, org.apache.spark.sql.Column[] keys) {
    return rows.repartition(keys).sortWithinPartitions(keys);
  }

  /**
   * Every canonical column (a duplicate equals its original in all of them), series key and event
   * time first: the sort that finds duplicates then also leaves each series in time order.
   */
  static List<String> dedupKeys(InputTable t) {
    Set<String> keys = new LinkedHashSet<>(t.seriesKey());
    keys.add(t.eventTimeColumn());
    t.columns().forEach(c -> keys.add(c.name()));
    return List.copyOf(keys);
  }

  private static org.apache.spark.sql.Column[] columns(List<String> names) {
    return names.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new);
  }

  private static org.apache.spark.sql.Column[] withDt(String[] canonical) {
    org.apache.spark.sql.Column[] out = new org.apache.spark.sql.Column[canonical.length + 1];
    for (int i = 0; i < canonical.length; i++) {
      out[i] = col(canonical[i]);
    }
    out[canonical.length] = col(Cols.DT);
    return out;
  }
}
