package io.nightshift.jobs.stages;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how far a long step of the nightly run is, from Spark's own events: Spark jobs and tasks
 * finished in the current step, at most once per {@code every} (so a step of thousands of tasks
 * writes a few lines, not thousands), plus, always, lost executors and failed tasks, which a
 * scheduler's operator wants to see even when the run recovers from them.
 */
final class ProgressListener extends SparkListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressListener.class);

  private final String run;
  private final long everyNanos;
  private volatile String step = "read";
  private final AtomicLong jobsStarted = new AtomicLong();
  private final AtomicLong jobsDone = new AtomicLong();
  private final AtomicLong tasksStarted = new AtomicLong();
  private final AtomicLong tasksDone = new AtomicLong();
  private final AtomicLong tasksFailed = new AtomicLong();
  private final AtomicLong lastLog = new AtomicLong(System.nanoTime());

  ProgressListener(String run, Duration every) {
    this.run = run;
    this.everyNanos = every.toNanos();
  }

  /** Starts counting a new step of the run. */
  void step(String name) {
    step = name;
    jobsStarted.set(0);
    jobsDone.set(0);
    tasksStarted.set(0);
    tasksDone.set(0);
    lastLog.set(System.nanoTime());
  }

  @Override
  public void onJobStart(SparkListenerJobStart e) {
    jobsStarted.incrementAndGet();
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd e) {
    jobsDone.incrementAndGet();
    maybeLog();
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart e) {
    tasksStarted.incrementAndGet();
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd e) {
    tasksDone.incrementAndGet();
    if (e.taskInfo() != null && e.taskInfo().failed()) {
      tasksFailed.incrementAndGet();
      LOG.warn(
          "run {}: step {}: task {} of stage {} failed ({}); Spark retries it",
          run,
          step,
          e.taskInfo().taskId(),
          e.stageId(),
          e.reason());
    }
    maybeLog();
  }

  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
    LOG.warn(
        "run {}: step {}: executor {} lost ({}); its work is recomputed elsewhere",
        run,
        step,
        e.executorId(),
        e.reason());
  }

  /** Tasks that failed (and were retried) during the run so far. */
  long failedTasks() {
    return tasksFailed.get();
  }

  private void maybeLog() {
    long now = System.nanoTime();
    long last = lastLog.get();
    if (now - last >= everyNanos && lastLog.compareAndSet(last, now)) {
      LOG.info(
          "run {}: step {}: {}/{} Spark jobs and {}/{} tasks done",
          run,
          step,
          jobsDone.get(),
          jobsStarted.get(),
          tasksDone.get(),
          tasksStarted.get());
    }
  }
}
