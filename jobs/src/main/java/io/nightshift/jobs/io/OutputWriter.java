package io.nightshift.jobs.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes output tables as {@code <output>/<table>/run_date=YYYY-MM-DD/}: first to a staging folder,
 * then swapped in by rename, replacing only that run date's partition. A run that dies mid-write
 * leaves the previous partition untouched (the staging folder is cleared by the next run).
 */
public final class OutputWriter {
  private final SparkSession spark;
  private final String root;
  private final LocalDate runDate;

  public OutputWriter(SparkSession spark, String outputRoot, LocalDate runDate) {
    this.spark = spark;
    this.root = outputRoot.replaceAll("/+$", "");
    this.runDate = runDate;
  }

  /** The final location of a table's partition for this run. */
  public String partitionPath(String table) {
    return root + "/" + table + "/run_date=" + runDate;
  }

  private String stagingPath(String table) {
    return root + "/_staging/run_date=" + runDate + "/" + table;
  }

  /** Writes {@code rows} as this run's partition of {@code table}; returns the rows written. */
  public long write(String table, Dataset<Row> rows) {
    Configuration hc = spark.sparkContext().hadoopConfiguration();
    String staging = stagingPath(table);
    rows.write().mode(SaveMode.Overwrite).parquet(staging);
    try {
      Path finalPath = new Path(partitionPath(table));
      FileSystem fs = finalPath.getFileSystem(hc);
      fs.mkdirs(finalPath.getParent());
      if (fs.exists(finalPath) && !fs.delete(finalPath, true)) {
        throw new IOException("cannot replace " + finalPath);
      }
      if (!fs.rename(new Path(staging), finalPath)) {
        throw new IOException("cannot move " + staging + " to " + finalPath);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("committing output table " + table, e);
    }
    return read(table).count();
  }

  /** Reads back this run's partition of a table. */
  public Dataset<Row> read(String table) {
    return spark.read().parquet(partitionPath(table));
  }

  /** Removes leftovers of an earlier, interrupted run of the same date. */
  public void clearStaging() {
    try {
      Path p = new Path(root + "/_staging/run_date=" + runDate);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(p)) {
        fs.delete(p, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("clearing staging of " + runDate, e);
    }
  }
}
