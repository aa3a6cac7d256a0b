package io.nightshift.jobs.io;

import io.nightshift.jobs.schema.OutputTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes output tables as {@code <output>/<table>/run_date=YYYY-MM-DD/}, atomically per table and
 * without touching other dates.
 *
 * <p>Every table of a run is first written to {@code <output>/_staging/run_date=D/<table>} ({@link
 * #stage}); later stages read the staged copy. Only when all stages are done does {@link #commit}
 * swap each staged table in: the old partition is renamed aside, the staged one renamed into place,
 * the old one deleted. A run killed before the commit leaves every previous partition untouched; a
 * run killed inside the commit (a few renames) leaves each table either old or new, never partial
 * or missing, because {@link #recover} (called by the next run before anything else) puts a
 * set-aside partition back when its replacement never arrived.
 *
 * <p>Fitted models go the same way: the {@link ModelStore} stages them in {@code
 * <output>/_staging/run_date=D/_models/<model>}, and the commit swaps each into {@code
 * <output>/models/<model>/run_date=D} after the tables, so a killed night leaves no model that no
 * committed night produced.
 *
 * <p>Before staging, the writer checks what the stage handed it against the table's declared schema
 * ({@link OutputTable}): a missing, extra or differently typed column fails the run there, naming
 * the table, the column, the expected and the actual type, so readers can trust the declarations.
 */
public final class OutputWriter {
  private static final Logger LOG = LoggerFactory.getLogger(OutputWriter.class);
  private static final String PREVIOUS = "_previous";
  private static final String PREVIOUS_MODELS = "_previous_models";

  /**
   * Declares a table written in whatever shape it is handed, unchecked: only for test fixtures that
   * write hand-made stand-ins of other stages' tables. The nightly run never uses it.
   */
  public static final StructType UNCHECKED = new StructType();

  private final SparkSession spark;
  private final OutputLayout layout;
  private final LocalDate runDate;
  private final Map<String, StructType> declared;
  private final Set<String> staged = new LinkedHashSet<>();

  /** The schema each table was staged with, so reading it back needs no schema inference job. */
  private final Map<String, StructType> stagedSchemas = new HashMap<>();

  /** A writer that accepts the declared output tables ({@link OutputTable}) only. */
  public OutputWriter(SparkSession spark, String outputRoot, LocalDate runDate) {
    this(spark, outputRoot, runDate, OutputTable.schemas());
  }

  /**
   * A writer that accepts the tables of {@code declared} only, each with exactly its declared
   * columns and types.
   */
  public OutputWriter(
      SparkSession spark, String outputRoot, LocalDate runDate, Map<String, StructType> declared) {
    this.spark = spark;
    this.layout = new OutputLayout(outputRoot);
    this.runDate = runDate;
    this.declared = Map.copyOf(declared);
  }

  /** The final location of a table's partition for this run. */
  public String partitionPath(String table) {
    return layout.partition(table, runDate);
  }

  private String stagingDir() {
    return layout.staging(runDate);
  }

  /** Where a table is staged until {@link #commit}. */
  public String stagingPath(String table) {
    return stagingDir() + "/" + table;
  }

  private String previousPath(String table) {
    return stagingDir() + "/" + PREVIOUS + "/" + table;
  }

  /**
   * Writes {@code rows} to the staging copy of {@code table} (not yet visible); returns the rows
   * written.
   *
   * @throws OutputTable.OutputSchemaException when the table is not declared, or its columns or
   *     types differ from the declaration (naming the table, the column, expected and actual type)
   */
  public long stage(String table, Dataset<Row> rows) {
    if (table.isEmpty() || table.startsWith("_") || table.startsWith(".") || table.contains("/")) {
      throw new IllegalArgumentException("not a valid output table name: '" + table + "'");
    }
    StructType schema = declared.get(table);
    if (schema == null) {
      throw new OutputTable.OutputSchemaException(
          "output table " + table + " has no declared schema (declare it in schema/OutputTable)");
    }
    if (schema != UNCHECKED) {
      OutputTable.check(table, schema, rows.schema());
    }
    rows.write().mode(SaveMode.Overwrite).parquet(stagingPath(table));
    staged.add(table);
    stagedSchemas.put(table, rows.schema().asNullable());
    return rowsWritten(table);
  }

  /** The rows of a staged table, as its files' footers declare them (no Spark job). */
  private long rowsWritten(String table) {
    Path dir = new Path(stagingPath(table));
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      long rows = 0;
      for (FileStatus s : fs.listStatus(dir)) {
        if (s.isFile() && s.getPath().getName().endsWith(".parquet")) {
          rows +=
              ParquetFooters.read(
                      s.getPath().toString(), spark.sparkContext().hadoopConfiguration())
                  .rows();
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the staged table " + table + " at " + dir, e);
    }
  }

  /** Reads the staged copy of a table written by {@link #stage} in this run. */
  public Dataset<Row> readStaged(String table) {
    StructType schema = stagedSchemas.get(table);
    if (schema != null) {
      return spark.read().schema(schema).parquet(stagingPath(table));
    }
    return spark.read().parquet(stagingPath(table));
  }

  /** Tables staged so far, in order. */
  public List<String> stagedTables() {
    return List.copyOf(staged);
  }

  /**
   * Swaps every staged table into its final partition, one table at a time, replacing only this run
   * date's partition; then every model the night staged ({@link ModelStore}) into {@code
   * models/<model>/run_date=D} the same way. Call once, after every stage succeeded.
   */
  public void commit() {
    FileSystem fs = fs();
    for (String table : staged) {
      swapIn(
          fs,
          new Path(stagingPath(table)),
          new Path(partitionPath(table)),
          new Path(previousPath(table)),
          "output table " + table);
    }
    for (String model : stagedModels(fs)) {
      swapIn(
          fs,
          new Path(layout.stagedModel(model, runDate)),
          new Path(layout.model(model, runDate)),
          new Path(previousModelsDir(), model),
          "model " + model);
    }
    clearStaging();
  }

  /** Sets {@code to} aside as {@code previous}, moves {@code from} to {@code to}, drops the old. */
  private static void swapIn(FileSystem fs, Path from, Path to, Path previous, String what) {
    try {
      fs.mkdirs(to.getParent());
      fs.mkdirs(previous.getParent());
      boolean hadPrevious = fs.exists(to);
      if (hadPrevious && !fs.rename(to, previous)) {
        throw new IOException("cannot set aside " + to + " as " + previous);
      }
      if (!fs.rename(from, to)) {
        throw new IOException("cannot move " + from + " to " + to);
      }
      if (hadPrevious) {
        fs.delete(previous, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("committing " + what, e);
    }
  }

  private List<String> stagedModels(FileSystem fs) {
    List<String> models = new ArrayList<>();
    try {
      Path dir = new Path(layout.stagedModels(runDate));
      if (fs.exists(dir)) {
        for (FileStatus s : fs.listStatus(dir)) {
          if (s.isDirectory()) {
            models.add(s.getPath().getName());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing the models staged for " + runDate, e);
    }
    models.sort(null);
    return models;
  }

  private Path previousModelsDir() {
    return new Path(stagingDir() + "/" + PREVIOUS_MODELS);
  }

  /**
   * Repairs what a killed run of this date may have left: a partition or model set aside during a
   * commit whose replacement never arrived is put back; then the staging folder is removed (with
   * any table or model staged but never committed). Returns what was restored: table names, and
   * {@code models/<model>} for models.
   */
  public List<String> recover() {
    FileSystem fs = fs();
    List<String> restored = new ArrayList<>();
    try {
      for (String table :
          restore(fs, new Path(stagingDir() + "/" + PREVIOUS), this::partitionPath)) {
        restored.add(table);
      }
      for (String model : restore(fs, previousModelsDir(), m -> layout.model(m, runDate))) {
        restored.add("models/" + model);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("recovering outputs of " + runDate, e);
    }
    restored.forEach(
        r -> LOG.warn("run {}: restored output {} set aside by an interrupted commit", runDate, r));
    clearStaging();
    return restored;
  }

  /** Moves back each entry of {@code setAside} whose final path ({@code target}) is missing. */
  private static List<String> restore(
      FileSystem fs, Path setAside, java.util.function.Function<String, String> target)
      throws IOException {
    List<String> restored = new ArrayList<>();
    if (!fs.exists(setAside)) {
      return restored;
    }
    for (FileStatus s : fs.listStatus(setAside)) {
      String name = s.getPath().getName();
      Path to = new Path(target.apply(name));
      if (!fs.exists(to)) {
        fs.mkdirs(to.getParent());
        if (!fs.rename(s.getPath(), to)) {
          throw new IOException("cannot restore " + s.getPath() + " to " + to);
        }
        restored.add(name);
      }
    }
    return restored;
  }

  /** Removes the staging folder of this run date (leftovers of an interrupted run). */
  public void clearStaging() {
    try {
      Path p = new Path(stagingDir());
      FileSystem fs = fs();
      if (fs.exists(p) && !fs.delete(p, true)) {
        throw new IOException("delete returned false");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("clearing staging " + stagingDir(), e);
    }
  }

  private FileSystem fs() {
    Configuration hc = spark.sparkContext().hadoopConfiguration();
    try {
      return new Path(layout.root()).getFileSystem(hc);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the output file system of " + layout.root(), e);
    }
  }
}
