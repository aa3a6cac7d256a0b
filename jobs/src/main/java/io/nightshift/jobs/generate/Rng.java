package io.nightshift.jobs.generate;

import java.util.SplittableRandom;

/**
 * Deterministic random streams for the generator. Every stream is derived from the user's seed and
 * a few integers (entity index, day index, purpose), so a host-day produces the same rows whichever
 * Spark task computes it, and in whatever order.
 */
public final class Rng {
  private final SplittableRandom r;

  private Rng(long seed) {
    this.r = new SplittableRandom(seed);
  }

  /** A stream for the seed and the given keys (e.g. entity index, day index, purpose). */
  public static Rng of(long seed, long... keys) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (long k : keys) {
      h = mix(h ^ mix(k + 0x632BE59BD9B4E019L));
    }
    return new Rng(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1). */
  public double next() {
    return r.nextDouble();
  }

  /** Uniform in [lo, hi). */
  public double uniform(double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  public int between(int lo, int hi) {
    return lo + r.nextInt(hi - lo + 1);
  }

  /** Uniform index in [0, n). */
  public int index(int n) {
    return r.nextInt(n);
  }

  /** True with probability p. */
  public boolean chance(double p) {
    return r.nextDouble() < p;
  }

  /** Standard normal (Box-Muller). */
  public double gaussian() {
    double u1 = Math.max(r.nextDouble(), 1e-12);
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Log-normal with the given median and log-space sigma. */
  public double lognormal(double median, double sigma) {
    return median * Math.exp(sigma * gaussian());
  }

  /** Poisson count with mean lambda (Knuth for small means, normal approximation above 30). */
  public int poisson(double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda > 30) {
      return Math.max(0, (int) Math.round(lambda + Math.sqrt(lambda) * gaussian()));
    }
    double l = Math.exp(-lambda);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > l);
    return k - 1;
  }

  /** One element of an array, uniformly. */
  public <T> T pick(T[] items) {
    return items[r.nextInt(items.length)];
  }
}
