package io.nightshift.jobs.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Fitted models kept with the runs: {@code <output>/models/<model>/run_date=YYYY-MM-DD/}, written
 * with the Spark ML writers. A night that does not retrain loads the newest model saved before it.
 * Works on any Hadoop file system (local, HDFS, S3A).
 */
public final class ModelStore {
  private final OutputLayout layout;
  private final String root;
  private final Configuration hadoopConf;

  public ModelStore(String outputRoot, Configuration hadoopConf) {
    this.layout = new OutputLayout(outputRoot);
    this.root = layout.models();
    this.hadoopConf = hadoopConf;
  }

  /** Where this run saves a model. */
  public String pathFor(String model, LocalDate runDate) {
    return layout.model(model, runDate);
  }

  /** The newest model saved by a run on or before {@code runDate} (and its date), if any. */
  public Optional<Saved> latestOnOrBefore(String model, LocalDate runDate) {
    try {
      Path dir = new Path(root + "/" + model);
      FileSystem fs = dir.getFileSystem(hadoopConf);
      if (!fs.exists(dir)) {
        return Optional.empty();
      }
      Saved best = null;
      for (FileStatus s : fs.listStatus(dir)) {
        Optional<LocalDate> date = OutputLayout.partitionDate(s.getPath().getName());
        if (!s.isDirectory() || date.isEmpty()) {
          continue;
        }
        LocalDate d = date.get();
        boolean complete = fs.exists(new Path(s.getPath(), "metadata"));
        if (complete && !d.isAfter(runDate) && (best == null || d.isAfter(best.runDate()))) {
          best = new Saved(s.getPath().toString(), d);
        }
      }
      return Optional.ofNullable(best);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list models under " + root, e);
    }
  }

  /** A saved model's location and the run date that saved it. */
  public record Saved(String path, LocalDate runDate) {}
}
