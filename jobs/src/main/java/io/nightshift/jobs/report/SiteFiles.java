package io.nightshift.jobs.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files of one night's report site, written through the Hadoop FileSystem API (any output root:
 * local, HDFS, object stores) into a staging folder and moved into place by {@link #commit()}, so
 * readers never see a half-written site and a re-run replaces the old one.
 */
final class SiteFiles {
  private final Path target;
  private final Path staging;
  private final FileSystem fs;
  private final Map<String, Long> sizes = new LinkedHashMap<>();

  /**
   * @param dir the final folder, e.g. {@code out/reports/2026-06-30}
   * @param conf Hadoop configuration of the session
   */
  SiteFiles(String dir, Configuration conf) {
    try {
      this.target = new Path(dir);
      this.staging = new Path(target.getParent(), "_staging-" + target.getName());
      this.fs = target.getFileSystem(conf);
      fs.setWriteChecksum(false);
      if (fs.exists(staging)) {
        fs.delete(staging, true);
      }
      fs.mkdirs(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("preparing report folder " + dir, e);
    }
  }

  /** Writes a text file (UTF-8). */
  void writeText(String name, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try (OutputStream o = open(name)) {
      o.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("writing report file " + name, e);
    }
    sizes.put(name, (long) bytes.length);
  }

  /** Opens a file for streaming output; the caller closes it, then calls {@link #sized}. */
  FSDataOutputStream open(String name) throws IOException {
    return fs.create(new Path(staging, name), true);
  }

  /** Records the size of a streamed file. */
  void sized(String name, long bytes) {
    sizes.put(name, bytes);
  }

  /** Replaces the final folder by the staged one. */
  void commit() {
    try {
      if (fs.exists(target) && !fs.delete(target, true)) {
        throw new IOException("cannot replace " + target);
      }
      if (!fs.rename(staging, target)) {
        throw new IOException("cannot move " + staging + " to " + target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("committing report folder " + target, e);
    }
  }

  /** The final folder. */
  String path() {
    return target.toString();
  }

  /** Bytes of each file written, by name. */
  Map<String, Long> sizes() {
    return Map.copyOf(sizes);
  }
}
