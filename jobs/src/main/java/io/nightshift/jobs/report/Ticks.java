package io.nightshift.jobs.report;

import java.util.ArrayList;
import java.util.List;

/** "Nice" axis ticks (1, 2 or 5 times a power of ten) covering a range. */
final class Ticks {
  private Ticks() {}

  /** About {@code count} round values within [lo, hi], ascending. */
  static List<Double> nice(double lo, double hi, int count) {
    List<Double> out = new ArrayList<>();
    if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
      return out;
    }
    double raw = (hi - lo) / Math.max(1, count);
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double n = raw / mag;
    double step = (n <= 1.5 ? 1 : n <= 3 ? 2 : n <= 7 ? 5 : 10) * mag;
    for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
      out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
    }
    return out;
  }
}
