package io.nightshift.jobs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The per-run files under {@code <output>/runs/<run-date>/}: the lock that keeps two runs of one
 * date apart, the manifest, and the {@code _SUCCESS} marker written last.
 */
public final class RunFiles {
  private final Path dir;
  private final FileSystem fs;
  private final RunLock lock;

  public RunFiles(String outputRoot, LocalDate runDate, Configuration hadoopConf) {
    this.dir = new Path(new OutputLayout(outputRoot).runDir(runDate));
    try {
      this.fs = dir.getFileSystem(hadoopConf);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.lock = new RunLock(fs, new Path(dir, ".lock"), runDate.toString());
  }

  /** The folder of this date's run files. */
  public String dir() {
    return dir.toString();
  }

  /** Where the manifest is written. */
  public String manifestPath() {
    return new Path(dir, "manifest.json").toString();
  }

  /** Whether this date already completed successfully. */
  public boolean succeeded() {
    return exists(new Path(dir, "_SUCCESS"));
  }

  /**
   * Takes the run lock (see {@link RunLock}): refused while another live run of this date holds it;
   * taken over when its holder's process is gone or it had no heartbeat for {@code staleAfter}.
   *
   * @throws RunLockedException when another live run holds it
   */
  public void lock(Duration staleAfter) {
    lock.acquire(staleAfter);
  }

  /** Releases the lock, if this run still holds it. */
  public void unlock() {
    lock.release();
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
