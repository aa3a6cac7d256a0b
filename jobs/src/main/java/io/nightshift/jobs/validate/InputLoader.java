package io.nightshift.jobs.validate;

import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.InputFiles;
import io.nightshift.jobs.io.InputTables;
import io.nightshift.jobs.io.OutputLayout;
import io.nightshift.jobs.io.ReadFailures;
import io.nightshift.jobs.io.TableReader;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.LogShapes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and validates every input table for one run date's look-back window: the part shared by
 * {@code run} and {@code validate}.
 */
public final class InputLoader {
  private static final Logger LOG = LoggerFactory.getLogger(InputLoader.class);

  private final SparkSession spark;
  private final NightshiftConfig config;
  private ValidatedDays kept;
  private boolean full;

  /** A loader that validates every day of the window and keeps nothing. */
  public InputLoader(SparkSession spark, NightshiftConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /**
   * Keeps the day step's results under the output root ({@link ValidatedDays}) and reuses the days
   * whose files have not changed; {@code full} recomputes every day (and keeps them again).
   */
  public InputLoader keepingDays(OutputLayout layout, boolean full) {
    this.kept = new ValidatedDays(spark, layout, LogShapes.Spec.of(config.logs()));
    this.full = full;
    return this;
  }

  /**
   * How a table's day partitions were obtained tonight: reused from the state, or recomputed and
   * why ({@link DayFingerprint.Why#words()}), in the order the reasons were first met.
   */
  public record Days(int reused, Map<String, Integer> recomputed) {}

  /** The validated inputs of one window, with their accounting. */
  public record Loaded(
      InputTables tables,
      Map<InputTable, TableReader.RawTable> raw,
      Map<InputTable, Validation.Outcome> outcomes,
      Map<InputTable, Days> days) {

    /** All quarantined rows of all tables, one Dataset. */
    public Dataset<Row> quarantine() {
      Dataset<Row> q = null;
      for (Validation.Outcome o : outcomes.values()) {
        q = q == null ? o.quarantined() : q.unionByName(o.quarantined());
      }
      return q;
    }

    /** Releases cached data. */
    public void release() {
      outcomes.values().forEach(Validation.Outcome::release);
    }
  }

  /** First day of the look-back window ending with {@code runDate}. */
  public LocalDate firstDay(LocalDate runDate) {
    return runDate.minusDays(config.input().lookbackDays() - 1L);
  }

  /** Reads, validates and counts every table for the window ending with {@code runDate}. */
  public Loaded load(LocalDate runDate) {
    LocalDate from = firstDay(runDate);
    Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = runDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    TableReader reader =
        new TableReader(spark, config.input(), config.validation().skipCorruptFiles());
    requireAnAnchor(reader);
    Map<InputTable, TableReader.RawTable> raw = new EnumMap<>(InputTable.class);
    Map<InputTable, Validation.Outcome> outcomes = new EnumMap<>(InputTable.class);
    Map<InputTable, Dataset<Row>> accepted = new EnumMap<>(InputTable.class);
    Map<InputTable, Dataset<Row>> empties = new EnumMap<>(InputTable.class);
    Map<InputTable, Days> days = new EnumMap<>(InputTable.class);
    Map<String, Dataset<Row>> summaries = new TreeMap<>();
    for (InputTable t : InputTable.values()) {
      spark.sparkContext().setJobGroup("validate:" + t.tableName(), "validate " + t, false);
      if (!InputFiles.exists(reader.rootOf(t), spark.sparkContext().hadoopConfiguration())) {
        TableReader.RawTable absent = reader.read(t, from, runDate);
        raw.put(t, absent);
        empties.put(t, absent.rows().drop(TableReader.SOURCE_FILE));
        LOG.info("input {}: absent at {}", t.tableName(), reader.rootOf(t));
        continue;
      }
      List<InputFiles.Partition> parts =
          InputFiles.list(
              reader.rootOf(t), from, runDate, spark.sparkContext().hadoopConfiguration());
      Window w = validate(reader, t, parts, start, end);
      raw.put(t, w.raw());
      outcomes.put(t, w.outcome());
      accepted.put(t, w.outcome().accepted());
      days.put(t, w.days());
      summaries.putAll(w.summaries());
      log(t, w);
    }
    spark.sparkContext().clearJobGroup();
    InputTables tables =
        new InputTables(accepted, empties, start, end)
            .withSummaries(
                Optional.ofNullable(summaries.get(ValidatedDays.HOURLY)),
                Optional.ofNullable(summaries.get(ValidatedDays.SHAPES)),
                Optional.ofNullable(summaries.get(ValidatedDays.WARNINGS)));
    return new Loaded(tables, raw, outcomes, days);
  }

  /**
   * One table's window: what was read, the outcome, how its days were obtained, and the window's
   * summaries by name (metrics by hour; logs by shape, and their warnings) when the kept days'
   * summaries add up to them ({@link ValidatedDays#summaries}), else none.
   */
  private record Window(
      TableReader.RawTable raw,
      Validation.Outcome outcome,
      Days days,
      Map<String, Dataset<Row>> summaries) {}

  /**
   * Validates one table's window: plans which days to reuse, recomputes the others (keeping them),
   * and assembles the window. A file found corrupt while reading its data is skipped and the
   * recomputation redone when {@code skipCorruptFiles} allows, else the run fails naming it.
   */
  private Window validate(
      TableReader reader,
      InputTable t,
      List<InputFiles.Partition> parts,
      Instant start,
      Instant end) {
    String settings = ValidatedDays.settingsKey(t, config);
    Map<LocalDate, DayFingerprint> saved = kept == null ? Map.of() : kept.kept(t);
    Optional<LocalDate> newest = saved.keySet().stream().max(LocalDate::compareTo);
    Map<LocalDate, DayFingerprint> reused = new LinkedHashMap<>();
    List<InputFiles.Partition> redo = new ArrayList<>();
    Map<String, Integer> why = new LinkedHashMap<>();
    for (InputFiles.Partition p : parts) {
      Optional<DayFingerprint.Why> w =
          kept == null
              ? Optional.of(DayFingerprint.Why.FULL)
              : DayFingerprint.why(
                  Optional.ofNullable(saved.get(p.date())), p, settings, newest, full);
      if (w.isEmpty()) {
        reused.put(p.date(), saved.get(p.date()));
      } else {
        redo.add(p);
        why.merge(w.get().words(), 1, Integer::sum);
      }
    }
    Set<String> damaged = new LinkedHashSet<>();
    while (true) {
      TableReader.RawTable r = reader.read(t, redo, damaged);
      try {
        Dataset<Row> fresh = Validation.classifyDays(t, r.rows(), config.validation());
        Dataset<Row> window = fresh;
        Map<LocalDate, DayFingerprint> all = new TreeMap<>(reused);
        if (kept != null) {
          all.putAll(kept.write(t, fresh, fingerprints(t, r, settings)));
          window = kept.rows(t, all);
        }
        Validation.Outcome o =
            Validation.assemble(
                t,
                window,
                config.validation(),
                start,
                end,
                kept != null,
                kept != null ? counted(all) : Optional.empty());
        Map<String, Dataset<Row>> summary =
            kept != null && ValidatedDays.summarised(t) && o.offDayLive() == 0
                ? kept.summaries(t, all)
                : Map.of();
        return new Window(
            merged(r, parts, reused.values()), o, new Days(reused.size(), why), summary);
      } catch (Exception e) { // SparkException is checked, and what a failed read throws
        String bad = damagedFileOrThrow(t, e, r);
        if (!config.validation().skipCorruptFiles() || !damaged.add(bad)) {
          throw new BadInputException(
              "corrupt Parquet data in table '"
                  + t.tableName()
                  + "': "
                  + bad
                  + " ("
                  + ReadFailures.rootMessage(e)
                  + "); set nightshift.validation.skipCorruptFiles=true to skip it and list it"
                  + " in the manifest",
              e);
        }
        LOG.warn("input {}: skipping {}, whose data cannot be decoded", t.tableName(), bad);
      }
    }
  }

  /**
   * The window's rows counted by what the day step found, summed from the days' fingerprints, when
   * every day has its counts and none holds a row stamped outside its day (whose reason would
   * depend on the window), with the days that hold a quarantined row; empty otherwise, and the
   * window step counts the rows itself.
   */
  static Optional<Validation.Counted> counted(Map<LocalDate, DayFingerprint> days) {
    Map<String, Long> sum = new TreeMap<>();
    List<LocalDate> quarantineDays = new ArrayList<>();
    for (Map.Entry<LocalDate, DayFingerprint> e : days.entrySet()) {
      Map<String, Long> judged = e.getValue().judged();
      if (judged == null || judged.getOrDefault(DayFingerprint.OFF_DAY, 0L) > 0) {
        return Optional.empty();
      }
      judged.forEach((k, n) -> sum.merge(k, n, Long::sum));
      if (judged.entrySet().stream()
          .anyMatch(j -> !j.getKey().equals(DayFingerprint.ACCEPTED) && j.getValue() > 0)) {
        quarantineDays.add(e.getKey());
      }
    }
    return Optional.of(new Validation.Counted(sum, quarantineDays));
  }

  /** The fingerprints of the days just read, before their rows are counted. */
  private static Map<LocalDate, DayFingerprint> fingerprints(
      InputTable t, TableReader.RawTable r, String settings) {
    Map<LocalDate, DayFingerprint> out = new LinkedHashMap<>();
    for (InputFiles.Partition p : r.partitions()) {
      List<String> corrupt = r.corruptFiles().stream().filter(f -> p.files().contains(f)).toList();
      out.put(
          p.date(),
          new DayFingerprint(
              DayFingerprint.VERSION,
              t.tableName(),
              p.date().toString(),
              settings,
              p.stamps(),
              r.rowsInFilesByDay().getOrDefault(p.date(), 0L),
              corrupt,
              0,
              null));
    }
    return out;
  }

  /** What the manifest reports for the whole window: tonight's reads plus the reused days'. */
  private static TableReader.RawTable merged(
      TableReader.RawTable fresh,
      List<InputFiles.Partition> parts,
      Collection<DayFingerprint> reused) {
    List<String> corrupt = new ArrayList<>(fresh.corruptFiles());
    long rowsInFiles = fresh.rowsInFiles();
    Map<LocalDate, Long> byDay = new TreeMap<>(fresh.rowsInFilesByDay());
    for (DayFingerprint f : reused) {
      corrupt.addAll(f.corruptFiles());
      rowsInFiles += f.rowsInFiles();
      byDay.put(LocalDate.parse(f.dt()), f.rowsInFiles());
    }
    return new TableReader.RawTable(
        fresh.table(), fresh.root(), true, fresh.rows(), parts, corrupt, rowsInFiles, byDay);
  }

  private void log(InputTable t, Window w) {
    Validation.Outcome o = w.outcome();
    TableReader.RawTable r = w.raw();
    LOG.info(
        "input {}: {} partitions ({} reused, recomputed {}), {} rows read, {} accepted, {}"
            + " quarantined {}",
        t.tableName(),
        r.partitions().size(),
        w.days().reused(),
        w.days().recomputed(),
        o.read(),
        o.acceptedCount(),
        o.quarantinedRows(),
        o.quarantinedByReason());
    if (o.read() != r.rowsInFiles()) {
      LOG.warn(
          "input {}: read {} rows but the files' footers declare {} (a file changed during the"
              + " run?)",
          t.tableName(),
          o.read(),
          r.rowsInFiles());
    }
    if (!r.corruptFiles().isEmpty()) {
      LOG.warn("input {}: skipped corrupt files {}", t.tableName(), r.corruptFiles());
    }
  }

  /** A night needs metrics or incidents: without either there is nothing to compute. */
  private void requireAnAnchor(TableReader reader) {
    var hc = spark.sparkContext().hadoopConfiguration();
    if (InputTable.ANCHORS.stream().noneMatch(t -> InputFiles.exists(reader.rootOf(t), hc))) {
      throw new BadInputException(
          "the input has neither "
              + String.join(
                  " nor ",
                  InputTable.ANCHORS.stream()
                      .map(t -> "'" + t.tableName() + "' (" + reader.rootOf(t) + ")")
                      .toList())
              + ": a night needs at least one of them, as <table>/dt=YYYY-MM-DD/*.parquet");
    }
  }

  /** The input file a failed read names, or the failure itself when it names none. */
  private static String damagedFileOrThrow(InputTable t, Exception e, TableReader.RawTable r) {
    List<String> files = new ArrayList<>();
    r.partitions().forEach(p -> files.addAll(p.files()));
    files.removeAll(r.corruptFiles());
    Optional<String> found = ReadFailures.fileIn(e, files);
    if (found.isPresent()) {
      return found.get();
    }
    if (e instanceof RuntimeException re) {
      throw re;
    }
    throw new IllegalStateException(
        "validating input table '" + t.tableName() + "' failed: " + e.getMessage(), e);
  }

  /** Dates of partitions that exist but hold no data file. */
  public static List<String> emptyPartitions(TableReader.RawTable r) {
    List<String> out = new ArrayList<>();
    for (InputFiles.Partition p : r.partitions()) {
      if (p.files().isEmpty()) {
        out.add(p.date().toString());
      }
    }
    return out;
  }
}
