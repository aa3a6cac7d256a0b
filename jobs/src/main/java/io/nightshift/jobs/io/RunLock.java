package io.nightshift.jobs.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock that keeps two runs of one date apart: a file {@code runs/<date>/.lock} created
 * exclusively (O_EXCL on a local disk, {@code create(overwrite=false)} on HDFS), holding the
 * holder's pid, host, process start time and a random token. While held, a heartbeat refreshes its
 * modification time. A lock is taken over when it is stale: its holder ran on this host and that
 * process is gone (a killed run), or it was not refreshed for {@code staleAfter} (a run on another
 * host that died). Take-over renames the stale file aside and checks it was the one judged stale,
 * so two runs racing for a stale lock cannot both win.
 */
final class RunLock {
  private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

  private final FileSystem fs;
  private final Path lock;
  private final String date;
  private final boolean local;
  private String token;
  private ScheduledExecutorService heartbeat;

  RunLock(FileSystem fs, Path lock, String date) {
    this.fs = fs;
    this.lock = lock;
    this.date = date;
    this.local = fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem;
  }

  /** What a lock file says about its holder. */
  record Holder(Map<String, String> fields, Instant refreshed) {
    Optional<Long> pid() {
      try {
        return Optional.of(Long.parseLong(fields.getOrDefault("pid", "")));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }

    String describe() {
      return "pid "
          + fields.getOrDefault("pid", "?")
          + " on "
          + fields.getOrDefault("host", "?")
          + ", started "
          + fields.getOrDefault("started", "?")
          + ", last refreshed "
          + refreshed;
    }
  }

  void acquire(Duration staleAfter) {
    try {
      fs.mkdirs(lock.getParent());
      for (int attempt = 0; attempt < 5; attempt++) {
        String mine = UUID.randomUUID().toString();
        if (createExclusive(content(mine))) {
          token = mine;
          startHeartbeat(staleAfter);
          return;
        }
        Holder h = read(lock);
        if (h == null) {
          continue; // released between our two looks
        }
        String stale = staleReason(h, staleAfter);
        if (stale == null) {
          throw new RunLockedException(
              "another run for "
                  + date
                  + " holds the lock "
                  + lock
                  + " ("
                  + h.describe()
                  + "); it is taken over when that process is gone or after "
                  + staleAfter.toMinutes()
                  + " min without a heartbeat (nightshift.output.lockStaleMinutes)");
        }
        LOG.warn("run {}: taking over the stale lock {} ({}): {}", date, lock, h.describe(), stale);
        takeOver(h);
      }
      throw new RunLockedException(
          "another run for " + date + " holds the lock " + lock + " (contention; try again)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take run lock " + lock, e);
    }
  }

  void release() {
    if (heartbeat != null) {
      heartbeat.shutdownNow();
      heartbeat = null;
    }
    if (token == null) {
      return;
    }
    try {
      Holder h = read(lock);
      if (h != null && token.equals(h.fields().get("token"))) {
        delete(lock);
      } else {
        LOG.warn("run {}: the lock {} was taken over by another run; leaving it", date, lock);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release run lock " + lock, e);
    } finally {
      token = null;
    }
  }

  /** Why a lock is stale, or null when its holder may still be running. */
  static String staleReason(Holder h, Duration staleAfter) {
    String host = h.fields().get("host");
    Optional<Long> pid = h.pid();
    if (host != null && host.equals(hostName()) && pid.isPresent()) {
      Optional<ProcessHandle> p = ProcessHandle.of(pid.get());
      if (p.isEmpty() || !p.get().isAlive()) {
        return "its process " + pid.get() + " on this host is gone";
      }
      String started = h.fields().get("started");
      Optional<Instant> actual = p.get().info().startInstant();
      if (started != null
          && actual.isPresent()
          && !started.equals(actual.get().toString())
          && !started.equals("?")) {
        return "process " + pid.get() + " is a different process than the one that took it";
      }
    }
    Instant limit = Instant.now().minus(staleAfter);
    if (h.refreshed().isBefore(limit)) {
      return "no heartbeat for more than " + staleAfter.toMinutes() + " min";
    }
    return null;
  }

  private void takeOver(Holder judged) throws IOException {
    Path aside = new Path(lock.getParent(), ".lock.stale-" + UUID.randomUUID());
    if (!rename(lock, aside)) {
      return; // someone else moved it first; try again
    }
    Holder moved = read(aside);
    String judgedToken = judged.fields().get("token");
    if (moved != null && judgedToken != null && !judgedToken.equals(moved.fields().get("token"))) {
      // We moved a fresh lock a racing run had just taken: put it back, then the next round
      // refuses.
      rename(aside, lock);
      return;
    }
    delete(aside);
  }

  private String content(String tok) {
    Map<String, String> m = new LinkedHashMap<>();
    ProcessHandle self = ProcessHandle.current();
    m.put("pid", String.valueOf(self.pid()));
    m.put("host", hostName());
    m.put("started", self.info().startInstant().map(Instant::toString).orElse("?"));
    m.put("taken", Instant.now().toString());
    m.put("token", tok);
    StringBuilder b = new StringBuilder();
    m.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
    return b.toString();
  }

  private void startHeartbeat(Duration staleAfter) {
    long period = Math.max(1, Math.min(60, staleAfter.toSeconds() / 4));
    heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "nightshift-lock-heartbeat");
              t.setDaemon(true);
              return t;
            });
    heartbeat.scheduleAtFixedRate(this::touch, period, period, TimeUnit.SECONDS);
  }

  private void touch() {
    try {
      if (local) {
        Files.setLastModifiedTime(localPath(lock), FileTime.from(Instant.now()));
      } else {
        fs.setTimes(lock, System.currentTimeMillis(), -1);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("run {}: cannot refresh the lock {}: {}", date, lock, e.toString());
    }
  }

  private boolean createExclusive(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (local) {
      try (OutputStream out =
          Files.newOutputStream(
              localPath(lock), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(bytes);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(lock, false)) {
      out.write(bytes);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(lock)) {
        return false;
      }
      throw e;
    }
  }

  /** Reads a lock file; null when it does not exist (any more). */
  private Holder read(Path p) throws IOException {
    byte[] bytes;
    Instant refreshed;
    try {
      if (local) {
        java.nio.file.Path lp = localPath(p);
        bytes = Files.readAllBytes(lp);
        refreshed = Files.getLastModifiedTime(lp).toInstant();
      } else {
        FileStatus st = fs.getFileStatus(p);
        refreshed = Instant.ofEpochMilli(st.getModificationTime());
        try (InputStream in = fs.open(p)) {
          bytes = in.readAllBytes();
        }
      }
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      return null;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return new Holder(fields, refreshed);
  }

  private boolean rename(Path from, Path to) throws IOException {
    if (local) {
      try {
        Files.move(localPath(from), localPath(to), StandardCopyOption.ATOMIC_MOVE);
        return true;
      } catch (NoSuchFileException e) {
        return false;
      }
    }
    return fs.rename(from, to);
  }

  private void delete(Path p) throws IOException {
    if (local) {
      Files.deleteIfExists(localPath(p));
    } else {
      fs.delete(p, false);
    }
  }

  private java.nio.file.Path localPath(Path p) {
    return java.nio.file.Paths.get(fs.makeQualified(p).toUri());
  }

  /** This machine's name, as recorded in lock files. */
  static String hostName() {
    return Host.NAME;
  }

  private static final class Host {
    static final String NAME = lookUp();

    private static String lookUp() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
      }
    }
  }
}
