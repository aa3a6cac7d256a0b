package io.nightshift.jobs.eval.logs;

import io.nightshift.models.logs.LogPreprocessor;
import io.nightshift.models.logs.MinerSettings;
import io.nightshift.models.logs.TemplateMatcher;
import io.nightshift.models.logs.TemplateMiner;
import java.util.ArrayList;
import java.util.List;

/**
 * Single-thread throughput of mining and of assignment on a large log, built by cycling the given
 * content lines up to {@code n} lines with every number in them replaced by a fresh one (so
 * variables vary as in a real log). Reports lines per second of this thread's CPU time (so per
 * core, whatever else runs on the machine), each phase separately; preprocessing (masking and
 * tokenising) is included in both.
 */
public final class ThroughputBench {
  private ThroughputBench() {}

  /** Lines per second of mining and of assignment. */
  public record Result(int lines, int templates, double miningPerSecond, double assignPerSecond) {}

  /** Runs the benchmark on {@code n} lines derived from {@code contents}. */
  public static Result run(MinerSettings settings, List<String> contents, int n) {
    List<String> big = new ArrayList<>(n);
    java.util.Random rnd = new java.util.Random(42);
    for (int i = 0; i < n; i++) {
      String c = contents.get(i % contents.size());
      big.add(i < contents.size() ? c : c.replaceAll("\\d+", String.valueOf(rnd.nextInt(100000))));
    }
    LogPreprocessor pre = settings.preprocessor();
    // Warm up the JIT on one pass over the source lines.
    for (String c : contents) {
      pre.tokens(c);
    }
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long t0 = cpu.getCurrentThreadCpuTime();
    List<String[]> tokens = new ArrayList<>(n);
    for (String c : big) {
      tokens.add(pre.tokens(c));
    }
    TemplateMiner.Result mined = settings.miner().mine(tokens);
    long t1 = cpu.getCurrentThreadCpuTime();
    tokens = null;
    TemplateMatcher matcher = new TemplateMatcher(mined.templates());
    long matched = 0;
    long t2 = cpu.getCurrentThreadCpuTime();
    for (String c : big) {
      if (matcher.match(pre.tokens(c)) >= 0) {
        matched++;
      }
    }
    long t3 = cpu.getCurrentThreadCpuTime();
    if (matched < 0) {
      throw new IllegalStateException("unreachable");
    }
    return new Result(
        n,
        mined.templates().size(),
        LoghubEvaluation.perSecond(n, t1 - t0),
        LoghubEvaluation.perSecond(n, t3 - t2));
  }
}
