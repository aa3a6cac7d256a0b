package io.nightshift.jobs.validate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.OutputLayout;
import io.nightshift.jobs.io.ParquetFooters;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.Column;
import io.nightshift.jobs.schema.HourlyMetrics;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.LogShapes;
import io.nightshift.jobs.schema.LogWarnings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The validated input days a night keeps for the next one, under the output root:
 *
 * <pre>
 * &lt;root&gt;/state/validated/&lt;table&gt;/dt=D/fingerprint.json   what the day was judged from
 * &lt;root&gt;/state/validated/&lt;table&gt;/dt=D/rows/*.parquet     its rows after the day step
 * &lt;root&gt;/state/validated/metrics/dt=D/hourly/*.parquet   metrics: its live rows rolled up to hours
 * &lt;root&gt;/state/validated/logs/dt=D/shapes/*.parquet      logs: its live lines counted by shape
 * &lt;root&gt;/state/validated/logs/dt=D/warnings/*.parquet    logs: its live WARN-or-worse lines
 * </pre>
 *
 * A day's rows are a function of its files and the validation settings alone, so a day is kept as
 * soon as it is written, whatever happens to the night. A day is replaced whole: the old folder is
 * removed, the new rows moved in, and the fingerprint written last; a day without a fingerprint (a
 * night killed in between) is missing and is recomputed.
 */
public final class ValidatedDays {
  /** The state's name under {@code <root>/state}. */
  public static final String STATE = "validated";

  private static final String FINGERPRINT = "fingerprint.json";
  private static final String ROWS = "rows";
  private static final String DAY = "_day";

  /** A metrics day's summary: its live rows rolled up to hours ({@link HourlyMetrics}). */
  public static final String HOURLY = "hourly";

  /** A logs day's summary: its live lines counted by shape ({@link LogShapes}). */
  public static final String SHAPES = "shapes";

  /** A logs day's summary: its live WARN-or-worse lines ({@link LogWarnings}). */
  public static final String WARNINGS = "warnings";

  private final SparkSession spark;
  private final String root;
  private final Configuration hc;
  private final LogShapes.Spec shapes;

  /**
   * @param shapes how a logs day's lines are counted by shape ({@link LogShapes})
   */
  public ValidatedDays(SparkSession spark, OutputLayout layout, LogShapes.Spec shapes) {
    this.spark = spark;
    this.root = layout.state(STATE);
    this.hc = spark.sparkContext().hadoopConfiguration();
    this.shapes = shapes;
  }

  /**
   * The settings a table's day rows depend on, as one string: the state version, the column mapping
   * and every validation setting the day rules read. A day judged with another key is recomputed.
   */
  public static String settingsKey(InputTable t, NightshiftConfig config) {
    StringBuilder b = new StringBuilder("v").append(DayFingerprint.VERSION);
    for (Column c : t.columns()) {
      b.append(';').append(c.name()).append('=').append(config.input().sourceColumn(t, c.name()));
    }
    var v = config.validation();
    b.append(";severities=").append(v.severities());
    b.append(";aliases=").append(new TreeMap<>(v.severityAliases()));
    b.append(";skipCorrupt=").append(v.skipCorruptFiles());
    if (t == InputTable.LOGS) {
      b.append(";shapes=").append(LogShapes.Spec.of(config.logs()).key());
    }
    return b.toString();
  }

  /** The table's kept days with a complete fingerprint, by day. */
  public Map<LocalDate, DayFingerprint> kept(InputTable t) {
    Map<LocalDate, DayFingerprint> out = new TreeMap<>();
    try {
      Path dir = new Path(tableDir(t));
      FileSystem fs = dir.getFileSystem(hc);
      if (!fs.exists(dir)) {
        return out;
      }
      for (FileStatus s : fs.listStatus(dir)) {
        Optional<LocalDate> d = dayOf(s.getPath().getName());
        Path fp = new Path(s.getPath(), FINGERPRINT);
        if (d.isEmpty() || !fs.exists(fp)) {
          continue;
        }
        try (var in = fs.open(fp)) {
          DayFingerprint.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))
              .ifPresent(f -> out.put(d.get(), f));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the validated-days state under " + root, e);
    }
  }

  /**
   * Writes the day step's rows of some days (one Spark job) and keeps each day with its
   * fingerprint; the fingerprints' {@code rows} are filled in from the written files' footers.
   *
   * @param dayRows rows of {@link Validation#daySchema}, of exactly the days in {@code days}
   * @param days each day's fingerprint (its {@code rows} is ignored)
   * @return the fingerprints as kept, with their rows
   */
  public Map<LocalDate, DayFingerprint> write(
      InputTable t, Dataset<Row> dayRows, Map<LocalDate, DayFingerprint> days) {
    Map<LocalDate, DayFingerprint> done = new TreeMap<>();
    if (days.isEmpty()) {
      return done;
    }
    String incoming = tableDir(t) + "/_incoming/" + UUID.randomUUID();
    String timestamps = spark.conf().get(TIMESTAMP_TYPE);
    spark.conf().set(TIMESTAMP_TYPE, "TIMESTAMP_MICROS");
    Map<LocalDate, Map<String, Long>> judged;
    try {
      writeByDay(dayRows, days.size(), incoming);
      judged = judged(t, incoming);
      for (String summary : summariesOf(t)) {
        writeSummary(t, summary, incoming, incoming + "-" + summary);
      }
    } finally {
      spark.conf().set(TIMESTAMP_TYPE, timestamps);
    }
    try {
      FileSystem fs = new Path(incoming).getFileSystem(hc);
      for (Map.Entry<LocalDate, DayFingerprint> e : days.entrySet()) {
        String day = DAY + "=" + e.getKey();
        done.put(
            e.getKey(),
            keep(
                fs,
                t,
                e.getKey(),
                e.getValue(),
                new Path(incoming, day),
                incoming,
                judged.getOrDefault(e.getKey(), Map.of())));
      }
      fs.delete(new Path(incoming), true);
      for (String summary : summariesOf(t)) {
        fs.delete(new Path(incoming + "-" + summary), true);
      }
      return done;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep validated days of " + t.tableName(), e);
    }
  }

  /**
   * One Spark job writes the rows into one folder per day. A task holds rows of every day, so it
   * keeps one open file per day rather than sorting all its rows by day first (Spark's default for
   * a partitioned write, and the most expensive step of a cold night's validation).
   */
  private void writeByDay(Dataset<Row> dayRows, int dayCount, String dir) {
    String key = "spark.sql.maxConcurrentOutputFileWriters";
    String before = spark.conf().get(key, "0");
    spark.conf().set(key, Integer.toString(Math.min(dayCount + 1, MAX_OPEN_DAY_FILES)));
    try {
      dayRows
          .withColumn(DAY, col(Cols.DT).cast("string"))
          .write()
          .mode(SaveMode.ErrorIfExists)
          // Parquet reserves a row group's size per open file: small groups keep many open files
          // within the heap (each task's share of a day is a few MB at most).
          .option("parquet.block.size", ROW_GROUP_BYTES)
          .partitionBy(DAY)
          .parquet(dir);
    } finally {
      spark.conf().set(key, before);
    }
  }

  private static final long ROW_GROUP_BYTES = 8L << 20;

  /**
   * The kept days' time stamps (rows and summaries) are written as Parquet INT64 microseconds,
   * Spark's own precision, rather than Spark's default INT96, which keeps no statistics: a filter
   * on the time then skips the row groups, so the days, outside it. A steady night's detector reads
   * the day since its kept state and tonight's day (344 K rows each at S=1), not the window's every
   * row (10.3 M) twice.
   */
  private static final String TIMESTAMP_TYPE = "spark.sql.parquet.outputTimestampType";

  /**
   * Whether a table's days are also kept summarised: metrics rolled up to hours ({@link
   * HourlyMetrics}), logs counted by shape ({@link LogShapes}) and their WARN-or-worse lines
   * ({@link LogWarnings}), what their consumers read.
   */
  public static boolean summarised(InputTable t) {
    return !summariesOf(t).isEmpty();
  }

  private static List<String> summariesOf(InputTable t) {
    return switch (t) {
      case METRICS -> List.of(HOURLY);
      case LOGS -> List.of(SHAPES, WARNINGS);
      default -> List.of();
    };
  }

  /**
   * Summarises the just-written days' live rows ({@link Validation#liveInDay}) (one Spark job), one
   * folder per day. Read back from the written files, so the day step is not redone.
   */
  private void writeSummary(InputTable t, String name, String incoming, String dir) {
    Dataset<Row> live =
        spark
            .read()
            .schema(Validation.daySchema(t))
            .parquet(incoming)
            .where(Validation.liveInDay());
    Dataset<Row> summary =
        switch (name) {
          case HOURLY ->
              HourlyMetrics.of(live)
                  .withColumn(DAY, date_format(col(HourlyMetrics.HOUR), "yyyy-MM-dd"));
          case SHAPES ->
              LogShapes.of(live, shapes)
                  .withColumn(DAY, date_format(col(LogShapes.BUCKET), "yyyy-MM-dd"));
          default -> LogWarnings.of(live).withColumn(DAY, date_format(col(Cols.TS), "yyyy-MM-dd"));
        };
    summary.write().mode(SaveMode.ErrorIfExists).partitionBy(DAY).parquet(dir);
  }

  /**
   * The kept days' summaries (see {@link #summarised}): the metrics' hourly roll-ups in {@link
   * HourlyMetrics}'s schema, the logs' shape counts in {@link LogShapes#SCHEMA}. They add up to the
   * window's summary when no live row of the window lies outside its day ({@link
   * Validation.Outcome#offDayLive}): each hour or bucket then belongs to one day.
   */
  public Map<String, Dataset<Row>> summaries(InputTable t, Map<LocalDate, DayFingerprint> days) {
    Map<String, Dataset<Row>> out = new TreeMap<>();
    for (String name : summariesOf(t)) {
      out.put(name, summary(t, name, days));
    }
    return out;
  }

  private Dataset<Row> summary(InputTable t, String name, Map<LocalDate, DayFingerprint> days) {
    List<String> paths = new ArrayList<>();
    try {
      FileSystem fs = new Path(tableDir(t)).getFileSystem(hc);
      for (LocalDate d : days.keySet()) {
        Path p = new Path(dayDir(t, d), name);
        if (fs.exists(p)) {
          paths.add(p.toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the summary state under " + root, e);
    }
    StructType schema =
        switch (name) {
          case HOURLY -> HourlyMetrics.schema(t.schema());
          case SHAPES -> LogShapes.SCHEMA;
          default -> LogWarnings.SCHEMA;
        };
    if (paths.isEmpty()) {
      return spark.createDataFrame(List.of(), schema);
    }
    return spark.read().schema(schema).parquet(paths.toArray(String[]::new));
  }

  /**
   * The just-written days' rows counted by what the day step found (one Spark job, a few columns):
   * per day, {@link DayFingerprint#judged}.
   */
  private Map<LocalDate, Map<String, Long>> judged(InputTable t, String incoming) {
    org.apache.spark.sql.Column key =
        when(col(Validation.OFF_DAY), lit(DayFingerprint.OFF_DAY))
            .otherwise(
                coalesce(
                    col(Validation.DAY_REASON),
                    when(col(Validation.DUP_IN_DAY), lit(Reasons.DUPLICATE)),
                    lit(DayFingerprint.ACCEPTED)));
    Map<LocalDate, Map<String, Long>> out = new TreeMap<>();
    // one row per day and reason
    for (Row r :
        spark
            .read()
            .schema(Validation.daySchema(t))
            .parquet(incoming)
            .groupBy(col(Cols.DT), key.as("_key"))
            .count()
            .collectAsList()) {
      Object dt = r.get(0);
      if (dt != null) {
        LocalDate d = dt instanceof LocalDate l ? l : ((java.sql.Date) dt).toLocalDate();
        out.computeIfAbsent(d, k -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
      }
    }
    return out;
  }

  /** More days than this in one write: a task sorts the rest by day, as Spark does by default. */
  private static final int MAX_OPEN_DAY_FILES = 100;

  /** The kept rows of the given days (days without rows add nothing). */
  public Dataset<Row> rows(InputTable t, Map<LocalDate, DayFingerprint> days) {
    List<String> paths = new ArrayList<>();
    days.forEach(
        (d, f) -> {
          if (f.rows() > 0) {
            paths.add(dayDir(t, d) + "/" + ROWS);
          }
        });
    if (paths.isEmpty()) {
      return spark.createDataFrame(List.of(), Validation.daySchema(t));
    }
    return spark.read().schema(Validation.daySchema(t)).parquet(paths.toArray(String[]::new));
  }

  private DayFingerprint keep(
      FileSystem fs,
      InputTable t,
      LocalDate day,
      DayFingerprint f,
      Path written,
      String incoming,
      Map<String, Long> judged)
      throws IOException {
    Path target = new Path(dayDir(t, day));
    fs.delete(target, true);
    fs.mkdirs(target);
    for (String name : summariesOf(t)) {
      Path summary = new Path(incoming + "-" + name, written.getName());
      if (fs.exists(summary)) {
        fs.rename(summary, new Path(target, name));
      }
    }
    long rows = 0;
    if (fs.exists(written)) {
      for (FileStatus s : fs.listStatus(written)) {
        if (s.getPath().getName().endsWith(".parquet")) {
          rows += ParquetFooters.read(s.getPath().toString(), hc).rows();
        }
      }
      fs.rename(written, new Path(target, ROWS));
    }
    DayFingerprint done =
        new DayFingerprint(
            f.version(),
            f.table(),
            f.dt(),
            f.settings(),
            f.files(),
            f.rowsInFiles(),
            f.corruptFiles(),
            rows,
            judged);
    try (FSDataOutputStream out = fs.create(new Path(target, FINGERPRINT), true)) {
      out.write(done.toJson().getBytes(StandardCharsets.UTF_8));
    }
    return done;
  }

  private String tableDir(InputTable t) {
    return root + "/" + t.tableName();
  }

  private String dayDir(InputTable t, LocalDate d) {
    return tableDir(t) + "/dt=" + d;
  }

  private static Optional<LocalDate> dayOf(String folder) {
    if (!folder.startsWith("dt=")) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(folder.substring(3)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
