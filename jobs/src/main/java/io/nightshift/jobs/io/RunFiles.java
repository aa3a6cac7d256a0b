package io.nightshift.jobs.io;

import io.nightshift.jobs.cli.RunLockedException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The per-run files under {@code <output>/runs/<run-date>/}: the lock that keeps two runs of one
 * date apart, the manifest, and the {@code _SUCCESS} marker written last.
 */
public final class RunFiles {
  private final Path dir;
  private final FileSystem fs;

  public RunFiles(String outputRoot, LocalDate runDate, Configuration hadoopConf) {
    this.dir = new Path(outputRoot.replaceAll("/+$", "") + "/runs/" + runDate);
    try {
      this.fs = dir.getFileSystem(hadoopConf);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String dir() {
    return dir.toString();
  }

  public String manifestPath() {
    return new Path(dir, "manifest.json").toString();
  }

  /** Whether this date already completed successfully. */
  public boolean succeeded() {
    return exists(new Path(dir, "_SUCCESS"));
  }

  /**
   * Takes the run lock, taking over a lock older than {@code staleAfter} (its run died).
   *
   * @throws RunLockedException when another live run holds it
   */
  public void lock(Duration staleAfter) {
    Path lock = new Path(dir, ".lock");
    try {
      fs.mkdirs(dir);
      if (fs.exists(lock)) {
        FileStatus st = fs.getFileStatus(lock);
        Instant taken = Instant.ofEpochMilli(st.getModificationTime());
        if (Instant.now().isBefore(taken.plus(staleAfter))) {
          throw new RunLockedException(
              "another run for "
                  + dir.getName()
                  + " holds the lock "
                  + lock
                  + " (taken "
                  + taken
                  + "; considered stale after "
                  + staleAfter.toMinutes()
                  + " min, nightshift.output.lockStaleMinutes)");
        }
        fs.delete(lock, false);
      }
      try (FSDataOutputStream out = fs.create(lock, false)) {
        out.write(
            (ProcessHandle.current().pid() + " " + Instant.now()).getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take run lock " + lock, e);
    }
  }

  /** Releases the lock. */
  public void unlock() {
    delete(new Path(dir, ".lock"));
  }

  /** Removes an earlier {@code _SUCCESS} before outputs are touched. */
  public void clearSuccess() {
    delete(new Path(dir, "_SUCCESS"));
  }

  /** Writes the manifest (atomically: temp file then rename). */
  public void writeManifest(String json) {
    Path tmp = new Path(dir, ".manifest.json.tmp");
    Path target = new Path(dir, "manifest.json");
    try {
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(json.getBytes(StandardCharsets.UTF_8));
      }
      fs.delete(target, false);
      if (!fs.rename(tmp, target)) {
        throw new IOException("rename failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write manifest " + target, e);
    }
  }

  /** Writes {@code _SUCCESS}: the last thing a successful run does. */
  public void markSuccess() {
    try (OutputStream out = fs.create(new Path(dir, "_SUCCESS"), true)) {
      out.write(new byte[0]);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write _SUCCESS in " + dir, e);
    }
  }

  private boolean exists(Path p) {
    try {
      return fs.exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void delete(Path p) {
    try {
      fs.delete(p, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
