package io.nightshift.jobs.bench;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;

/**
 * Collects Spark's own task metrics per job group (the nightly run labels each stage's jobs with a
 * group such as {@code stage:anomaly}): records read from files, shuffle bytes, spill. Used by the
 * benchmark to report rows in, shuffle volume and spilling per Nightshift stage.
 */
public final class StageMetricsListener extends SparkListener {
  /** Totals for one job group. */
  public static final class Totals {
    public long recordsRead;
    public long shuffleReadBytes;
    public long shuffleWriteBytes;
    public long memorySpilled;
    public long diskSpilled;
    public long executorRunMillis;
    public long jobs;
  }

  private final Map<Integer, String> groupOfStage = new ConcurrentHashMap<>();
  private final Map<String, Totals> totals = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong jobs =
      new java.util.concurrent.atomic.AtomicLong();

  /** Spark jobs started while listening, in every group. */
  public long jobs() {
    return jobs.get();
  }

  @Override
  public void onJobStart(SparkListenerJobStart job) {
    Properties p = job.properties();
    String group = p == null ? null : p.getProperty("spark.jobGroup.id");
    String g = group == null ? "(none)" : group;
    Totals t = totals.computeIfAbsent(g, k -> new Totals());
    synchronized (t) {
      t.jobs++;
    }
    jobs.incrementAndGet();
    scala.collection.Iterator<Object> it = job.stageIds().iterator();
    while (it.hasNext()) {
      groupOfStage.put((Integer) it.next(), g);
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted done) {
    StageInfo info = done.stageInfo();
    TaskMetrics m = info.taskMetrics();
    if (m == null) {
      return;
    }
    String g = groupOfStage.getOrDefault(info.stageId(), "(none)");
    Totals t = totals.computeIfAbsent(g, k -> new Totals());
    synchronized (t) {
      t.recordsRead += m.inputMetrics().recordsRead();
      t.shuffleReadBytes += m.shuffleReadMetrics().totalBytesRead();
      t.shuffleWriteBytes += m.shuffleWriteMetrics().bytesWritten();
      t.memorySpilled += m.memoryBytesSpilled();
      t.diskSpilled += m.diskBytesSpilled();
      t.executorRunMillis += m.executorRunTime();
    }
  }

  /** Totals of one job group (zeros if it ran no job). */
  public Totals of(String group) {
    return totals.getOrDefault(group, new Totals());
  }

  /** Totals of every job group whose name starts with a prefix. */
  public Totals sumOf(String prefix) {
    Totals s = new Totals();
    totals.forEach(
        (k, t) -> {
          if (k.startsWith(prefix)) {
            s.recordsRead += t.recordsRead;
            s.shuffleReadBytes += t.shuffleReadBytes;
            s.shuffleWriteBytes += t.shuffleWriteBytes;
            s.memorySpilled += t.memorySpilled;
            s.diskSpilled += t.diskSpilled;
            s.executorRunMillis += t.executorRunMillis;
            s.jobs += t.jobs;
          }
        });
    return s;
  }
}
