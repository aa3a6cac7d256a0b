package io.nightshift.models.anomaly;

import java.util.Random;

/** Synthetic series for the tests: a daily sine with noise, 5-minute samples. */
final class Synthetic {
  static final long START = 1_700_006_400_000L; // Wednesday 2023-11-15 00:00 UTC
  static final long STEP = 300_000L;

  private Synthetic() {}

  /** Value of a daily pattern (100 +/- 20) with Gaussian noise of the given sd at point i. */
  static double daily(int i, double noise, Random rnd) {
    double hours = (i * STEP / 3_600_000.0) % 24;
    return 100 + 20 * Math.sin(2 * Math.PI * hours / 24) + noise * rnd.nextGaussian();
  }

  static long ts(int i) {
    return START + i * STEP;
  }
}
