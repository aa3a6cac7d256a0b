package io.nightshift.jobs.generate;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What to generate: where, how many hosts, which days, the seed, the metric resolution and the
 * background log volume. The window is the {@code days} UTC days ending with (and including) {@code
 * end}.
 *
 * @param out output root (a local path); tables go to {@code out/<table>/dt=YYYY-MM-DD/}, ground
 *     truth to {@code out/truth/}
 * @param entities number of hosts (at least 1)
 * @param days number of days (at least 1)
 * @param end last day of the window (UTC)
 * @param seed seed: the same options give identical data
 * @param resolutionMinutes minutes between metric samples (1..60, dividing 1440)
 * @param logRate mean background log lines per host and minute (bursts come on top)
 */
public record GeneratorOptions(
    String out,
    int entities,
    int days,
    LocalDate end,
    long seed,
    int resolutionMinutes,
    double logRate)
    implements Serializable {

  /** Default minutes between metric samples. */
  public static final int DEFAULT_RESOLUTION_MINUTES = 5;

  /** Default background log lines per host-minute. */
  public static final double DEFAULT_LOG_RATE = 0.3;

  public GeneratorOptions {
    if (entities < 1) {
      throw new IllegalArgumentException("--entities must be at least 1, got " + entities);
    }
    if (days < 1) {
      throw new IllegalArgumentException("--days must be at least 1, got " + days);
    }
    if (resolutionMinutes < 1 || resolutionMinutes > 60 || 1440 % resolutionMinutes != 0) {
      throw new IllegalArgumentException(
          "--resolution-minutes must divide 1440 and lie in 1..60, got " + resolutionMinutes);
    }
    if (!(logRate >= 0 && logRate <= 100)) {
      throw new IllegalArgumentException("--log-rate must lie in 0..100, got " + logRate);
    }
  }

  /** The output root as a path. */
  public Path outDir() {
    return Path.of(out);
  }

  /** First instant of the window (UTC midnight of the first day), epoch seconds. */
  public long windowStart() {
    return end.minusDays(days - 1L).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
  }

  /** End of the window (exclusive: UTC midnight after {@code end}), epoch seconds. */
  public long windowEnd() {
    return end.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
  }
}
