package io.nightshift.jobs.bench;

import com.codahale.metrics.Histogram;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import org.apache.spark.metrics.source.CodegenMetrics;

/**
 * What the driver JVM spent besides running tasks, between two snapshots: the JIT compilers' time
 * (summed over compiler threads), Spark's compilation of its generated code (Janino), and garbage
 * collection (summed over collectors). A fresh JVM pays the first two in full every night; a warm
 * one pays less (the JIT keeps what it compiled, but Spark recompiles whatever generated classes
 * its 100-entry cache has evicted). All three run on the same cores as the tasks.
 */
public record JvmCosts(
    double jitSeconds, double codegenSeconds, long codegenClasses, double gcSeconds) {

  /** The totals so far in this JVM. */
  public static JvmCosts now() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    double jitSeconds =
        jit != null && jit.isCompilationTimeMonitoringSupported()
            ? jit.getTotalCompilationTime() / 1e3
            : 0;
    // A histogram of milliseconds per compiled class; its reservoir's mean times the count
    // estimates the total.
    Histogram codegen = CodegenMetrics.METRIC_COMPILATION_TIME();
    long classes = codegen.getCount();
    double codegenSeconds = classes * codegen.getSnapshot().getMean() / 1e3;
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    return new JvmCosts(jitSeconds, codegenSeconds, classes, gcMillis / 1e3);
  }

  /** What was spent from {@code before} to this snapshot. */
  public JvmCosts since(JvmCosts before) {
    return new JvmCosts(
        jitSeconds - before.jitSeconds,
        codegenSeconds - before.codegenSeconds,
        codegenClasses - before.codegenClasses,
        gcSeconds - before.gcSeconds);
  }
}
