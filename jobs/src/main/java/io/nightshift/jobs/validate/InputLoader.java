package io.nightshift.jobs.validate;

import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.InputFiles;
import io.nightshift.jobs.io.InputTables;
import io.nightshift.jobs.io.ReadFailures;
import io.nightshift.jobs.io.TableReader;
import io.nightshift.jobs.schema.InputTable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  public InputLoader(SparkSession spark, NightshiftConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /** The validated inputs of one window, with their accounting. */
  public record Loaded(
      InputTables tables,
      Map<InputTable, TableReader.RawTable> raw,
      Map<InputTable, Validation.Outcome> outcomes) {

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
    for (InputTable t : InputTable.values()) {
      spark.sparkContext().setJobGroup("validate:" + t.tableName(), "validate " + t, false);
      TableReader.RawTable r = reader.read(t, from, runDate);
      if (!r.present()) {
        raw.put(t, r);
        empties.put(t, r.rows().drop(TableReader.SOURCE_FILE));
        LOG.info("input {}: absent at {}", t.tableName(), r.root());
        continue;
      }
      Set<String> damaged = new LinkedHashSet<>();
      Validation.Outcome o = null;
      while (o == null) {
        try {
          o = Validation.run(r, config.validation(), start, end);
        } catch (Exception e) { // SparkException is checked, and what a failed read throws
          Optional<String> found = damagedFile(e, r);
          if (found.isEmpty()) {
            if (e instanceof RuntimeException re) {
              throw re;
            }
            throw new IllegalStateException(
                "validating input table '" + t.tableName() + "' failed: " + e.getMessage(), e);
          }
          String bad = found.get();
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
          r = reader.read(t, from, runDate, damaged);
        }
      }
      raw.put(t, r);
      outcomes.put(t, o);
      accepted.put(t, o.accepted());
      LOG.info(
          "input {}: {} partitions, {} rows read, {} accepted, {} quarantined {}",
          t.tableName(),
          r.partitions().size(),
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
    spark.sparkContext().clearJobGroup();
    return new Loaded(new InputTables(accepted, empties, start, end), raw, outcomes);
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

  private static Optional<String> damagedFile(Exception e, TableReader.RawTable r) {
    List<String> files = new ArrayList<>();
    r.partitions().forEach(p -> files.addAll(p.files()));
    files.removeAll(r.corruptFiles());
    return ReadFailures.fileIn(e, files);
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
