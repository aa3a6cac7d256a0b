package io.nightshift.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run lock on its own (no Spark): exclusive, refused while its holder lives, taken over when
 * the holder's process is gone or its heartbeat is older than the stale timeout. The cross-process
 * case with a real killed JVM is in {@link KillAndRerunTest}.
 */
class RunLockTest {
  private static final LocalDate RUN = LocalDate.parse("2026-06-30");
  private static final Duration STALE = Duration.ofMinutes(240);

  private static RunFiles files(Path out) {
    return new RunFiles(out.toString(), RUN, new Configuration());
  }

  private static Path lockFile(Path out) {
    return out.resolve("runs/2026-06-30/.lock");
  }

  private static void writeLock(Path out, String host, long pid, Instant mtime) throws Exception {
    Path lock = lockFile(out);
    Files.createDirectories(lock.getParent());
    Files.writeString(
        lock, "pid=" + pid + "\nhost=" + host + "\nstarted=?\ntaken=x\ntoken=their-token\n");
    Files.setLastModifiedTime(lock, FileTime.from(mtime));
  }

  @Test
  void exactlyOneOfManyConcurrentRunsGetsTheLock(@TempDir Path out) throws Exception {
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CyclicBarrier start = new CyclicBarrier(n);
    CountDownLatch refused = new CountDownLatch(n - 1);
    try {
      List<Future<Boolean>> tries = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Callable<Boolean> c =
            () -> {
              RunFiles f = files(out);
              start.await();
              try {
                f.lock(STALE);
              } catch (RunLockedException e) {
                refused.countDown();
                return false;
              }
              refused.await(60, TimeUnit.SECONDS); // hold it until every other run has tried
              f.unlock();
              return true;
            };
        tries.add(pool.submit(c));
      }
      int won = 0;
      for (Future<Boolean> f : tries) {
        won += f.get(90, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertEquals(1, won);
      assertFalse(Files.exists(lockFile(out)));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesAFreshLockOfAnotherHostAndTakesItOverOnceStale(@TempDir Path out) throws Exception {
    writeLock(out, "other-host", 4242, Instant.now());
    RunLockedException e = assertThrows(RunLockedException.class, () -> files(out).lock(STALE));
    assertTrue(
        e.getMessage().startsWith("another run for 2026-06-30 holds the lock "), e.getMessage());
    assertTrue(e.getMessage().contains("pid 4242 on other-host"), e.getMessage());
    assertTrue(e.getMessage().contains("nightshift.output.lockStaleMinutes"), e.getMessage());

    writeLock(out, "other-host", 4242, Instant.now().minus(Duration.ofMinutes(241)));
    RunFiles mine = files(out);
    mine.lock(STALE);
    String now = Files.readString(lockFile(out));
    assertTrue(now.contains("pid=" + ProcessHandle.current().pid()), now);
    mine.unlock();
    assertFalse(Files.exists(lockFile(out)));
  }

  @Test
  void takesOverAtOnceTheLockOfAProcessOfThisHostThatIsGone(@TempDir Path out) throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    writeLock(out, RunLock.hostName(), p.pid(), Instant.now());
    RunFiles mine = files(out);
    mine.lock(STALE);
    assertTrue(Files.readString(lockFile(out)).contains("pid=" + ProcessHandle.current().pid()));
    mine.unlock();
  }

  @Test
  void theHeartbeatKeepsALongRunsLockFresh(@TempDir Path out) throws Exception {
    RunFiles mine = files(out);
    mine.lock(Duration.ofSeconds(4)); // heartbeat every second
    try {
      Files.setLastModifiedTime(lockFile(out), FileTime.from(Instant.now().minusSeconds(3600)));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (Files.getLastModifiedTime(lockFile(out))
              .toInstant()
              .isBefore(Instant.now().minusSeconds(60))
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(
          Files.getLastModifiedTime(lockFile(out))
              .toInstant()
              .isAfter(Instant.now().minusSeconds(60)),
          "refreshed by the heartbeat");
    } finally {
      mine.unlock();
    }
  }

  @Test
  void unlockLeavesALockThatAnotherRunTookOver(@TempDir Path out) throws Exception {
    RunFiles mine = files(out);
    mine.lock(STALE);
    writeLock(out, "other-host", 7, Instant.now());
    mine.unlock();
    assertTrue(Files.readString(lockFile(out)).contains("token=their-token"));
  }
}
