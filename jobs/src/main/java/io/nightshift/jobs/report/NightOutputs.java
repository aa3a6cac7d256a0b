package io.nightshift.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.jobs.io.OutputLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One finished night's outputs, for notebooks and ad-hoc exploration: the output tables of that run
 * date ({@code <output>/<table>/run_date=<d>/}), its manifest, its report folder and the input
 * tables it read. Opens the latest successful night by default (the newest {@code
 * runs/<d>/_SUCCESS}).
 */
public final class NightOutputs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SparkSession spark;
  private final String root;
  private final LocalDate runDate;
  private final FileSystem fs;

  private NightOutputs(SparkSession spark, String root, LocalDate runDate, FileSystem fs) {
    this.spark = spark;
    this.root = root;
    this.runDate = runDate;
    this.fs = fs;
  }

  /** The latest successful night under {@code outputRoot}. */
  public static NightOutputs latest(SparkSession spark, String outputRoot) {
    String root = new OutputLayout(outputRoot).root();
    FileSystem fs = fs(spark, root);
    TreeSet<LocalDate> done = new TreeSet<>();
    try {
      Path runs = new Path(root, "runs");
      if (fs.exists(runs)) {
        for (FileStatus s : fs.listStatus(runs)) {
          if (s.isDirectory() && fs.exists(new Path(s.getPath(), "_SUCCESS"))) {
            done.add(LocalDate.parse(s.getPath().getName()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing runs under " + root, e);
    }
    if (done.isEmpty()) {
      throw new IllegalArgumentException("no successful run under " + root + "/runs");
    }
    return new NightOutputs(spark, root, done.last(), fs);
  }

  /** A given night under {@code outputRoot}. */
  public static NightOutputs of(SparkSession spark, String outputRoot, LocalDate runDate) {
    String root = new OutputLayout(outputRoot).root();
    return new NightOutputs(spark, root, runDate, fs(spark, root));
  }

  /** The night. */
  public LocalDate runDate() {
    return runDate;
  }

  /** Names of the output tables written for this night, sorted. */
  public List<String> tables() {
    List<String> names = new ArrayList<>();
    try {
      for (FileStatus s : fs.listStatus(new Path(root))) {
        if (s.isDirectory() && fs.exists(partition(s.getPath().getName()))) {
          names.add(s.getPath().getName());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + root, e);
    }
    names.sort(null);
    return names;
  }

  /**
   * An output table of this night, if it was written (a table written with no rows and no data file
   * reads as an empty frame without columns).
   */
  public Optional<Dataset<Row>> table(String name) {
    try {
      Path p = partition(name);
      if (!fs.exists(p)) {
        return Optional.empty();
      }
      for (FileStatus f : fs.listStatus(p)) {
        if (f.getPath().getName().endsWith(".parquet")) {
          return Optional.of(spark.read().parquet(p.toString()));
        }
      }
      return Optional.of(spark.emptyDataFrame());
    } catch (IOException e) {
      throw new UncheckedIOException("reading table " + name, e);
    }
  }

  /** An output table of this night; fails naming the tables there are when it is absent. */
  public Dataset<Row> require(String name) {
    return table(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no table " + name + " for " + runDate + "; there are " + tables()));
  }

  /** The run manifest as JSON. */
  public JsonNode manifest() {
    Path p = new Path(root + "/runs/" + runDate + "/manifest.json");
    try (InputStream in = fs.open(p)) {
      return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + p, e);
    }
  }

  /**
   * An input table as the night read it (all its {@code dt} partitions; filter before collecting),
   * from the path recorded in the manifest.
   */
  public Dataset<Row> input(String name) {
    JsonNode in = manifest().path("inputs").path(name);
    if (!in.path("present").asBoolean(false)) {
      throw new IllegalArgumentException("input " + name + " was not present for " + runDate);
    }
    return spark.read().parquet(in.path("path").asText());
  }

  /** The folder of this night's report site. */
  public String reportFolder() {
    return ReportWriter.folder(root, runDate);
  }

  private Path partition(String table) {
    return new Path(new OutputLayout(root).partition(table, runDate));
  }

  private static FileSystem fs(SparkSession spark, String root) {
    try {
      return new Path(root).getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("opening " + root, e);
    }
  }
}
