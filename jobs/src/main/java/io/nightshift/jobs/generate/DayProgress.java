package io.nightshift.jobs.generate;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Reports a table's write progress while it runs: every finished write task is one day of the
 * window (one Spark partition per day), and a line is printed at each further 25%.
 */
final class DayProgress extends SparkListener {
  private final String table;
  private final int days;
  private final Consumer<String> out;
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger lastQuarter = new AtomicInteger();

  DayProgress(String table, int days, Consumer<String> out) {
    this.table = table;
    this.days = days;
    this.out = out;
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (!"success".equalsIgnoreCase(taskEnd.reason().toString())) {
      return;
    }
    int d = done.incrementAndGet();
    int quarter = Math.min(4, d * 4 / Math.max(1, days));
    int prev = lastQuarter.get();
    if (quarter > prev && quarter < 4 && lastQuarter.compareAndSet(prev, quarter)) {
      out.accept(String.format("  %s: %d/%d days generated", table, Math.min(d, days), days));
    }
  }
}
