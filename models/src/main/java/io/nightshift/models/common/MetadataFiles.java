package io.nightshift.models.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * A model's params metadata ({@code <path>/metadata/}) written and read through the Hadoop file
 * system rather than as a Spark text table: Spark ML's {@link DefaultParamsWriter#saveMetadata} and
 * {@link DefaultParamsReader#loadMetadata} each run a Spark query for one line of JSON. The JSON
 * and its layout (one {@code part-} file and {@code _SUCCESS} in {@code metadata/}) are those of
 * Spark ML, so either reader reads what either writer wrote.
 */
public final class MetadataFiles {
  private MetadataFiles() {}

  /** Writes {@code instance}'s metadata under {@code path}, as {@code saveMetadata} would. */
  public static void save(Params instance, String path, SparkSession spark) {
    String json =
        DefaultParamsWriter.getMetadataToSave(instance, spark, Option.empty(), Option.empty());
    Path dir = new Path(path, "metadata");
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(new Path(dir, "part-00000"), true)) {
        out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
      }
      fs.create(new Path(dir, "_SUCCESS"), true).close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the model metadata to " + dir, e);
    }
  }

  /**
   * Reads the metadata under {@code path} (the first line of its first data file), checking it was
   * written for {@code className}, as {@code loadMetadata} would.
   */
  public static DefaultParamsReader.Metadata load(
      String path, SparkSession spark, String className) {
    Path dir = new Path(path, "metadata");
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      FileStatus[] files =
          Arrays.stream(fs.listStatus(dir))
              .filter(s -> s.isFile() && s.getLen() > 0)
              .filter(s -> !s.getPath().getName().startsWith("_"))
              .filter(s -> !s.getPath().getName().startsWith("."))
              .sorted((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()))
              .toArray(FileStatus[]::new);
      if (files.length == 0) {
        throw new IOException("no metadata file in " + dir);
      }
      try (FSDataInputStream in = fs.open(files[0].getPath());
          BufferedReader r =
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        return DefaultParamsReader.parseMetadata(r.readLine(), className);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model metadata in " + dir, e);
    }
  }
}
