package io.nightshift.jobs.generate;

import java.io.Serializable;
import java.util.List;

/**
 * The generating trend of a host's {@code disk_used_pct}: piecewise linear segments (a new segment
 * starts at each cleanup), capped at {@code cap} (a full disk stays just below 100 until it is
 * cleaned). Noise is added by {@link MetricRows}; crossing times in the ground truth come from this
 * trend.
 *
 * @param kind flat, growing, slow, reset or sawtooth (for documentation and tests)
 * @param segments segments in time order; the first applies before its own start too
 * @param cap the highest value the trend reaches
 */
public record DiskProfile(String kind, List<Segment> segments, double cap) implements Serializable {

  /** Seconds per day. */
  public static final double DAY = 86_400.0;

  /** A linear piece: {@code level} at {@code start}, growing {@code growthPerDay} points a day. */
  public record Segment(long start, double level, double growthPerDay) implements Serializable {
    /** Uncapped trend value at t. */
    public double at(long t) {
      return level + growthPerDay * (t - start) / DAY;
    }

    /** When this segment's trend reaches {@code value}, or null if it never does. */
    public Long crossing(double value) {
      if (level >= value) {
        return start - (long) Math.floor((level - value) / Math.max(growthPerDay, 1e-12) * DAY);
      }
      if (growthPerDay <= 0) {
        return null;
      }
      return start + (long) Math.floor((value - level) / growthPerDay * DAY);
    }
  }

  /** The segment in effect at t. */
  public Segment segmentAt(long t) {
    Segment s = segments.get(0);
    for (Segment x : segments) {
      if (x.start() <= t) {
        s = x;
      }
    }
    return s;
  }

  /** The trend value at t (without noise). */
  public double valueAt(long t) {
    return Math.min(cap, segmentAt(t).at(t));
  }

  /** The last segment: the trend a forecaster should extrapolate. */
  public Segment last() {
    return segments.get(segments.size() - 1);
  }

  /** Start of the last segment if there was a cleanup, else null. */
  public Long lastReset() {
    return segments.size() > 1 ? last().start() : null;
  }
}
