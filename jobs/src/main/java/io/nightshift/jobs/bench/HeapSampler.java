package io.nightshift.jobs.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Samples the driver's used heap every 50 ms on a daemon thread and keeps the peak: what a run
 * really needed of the driver, as opposed to what the JVM reserved.
 */
public final class HeapSampler implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peak;

  public HeapSampler() {
    thread =
        new Thread(
            () -> {
              while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
              }
            },
            "nightshift-heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** Peak used heap so far, in bytes. */
  public long peakBytes() {
    return Math.max(peak, memory.getHeapMemoryUsage().getUsed());
  }

  /** Resets the peak (e.g. after generating the fleet, before the measured run). */
  public void reset() {
    System.gc();
    peak = memory.getHeapMemoryUsage().getUsed();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
