package io.nightshift.models.anomaly;

import java.io.Serializable;
import java.util.BitSet;

/**
 * A contextual view in the spirit of CAD OSE (Contextual Anomaly Detector, open source edition):
 * each value is discretised into one of {@link #BINS} bins of the range seen so far (the current
 * value included), and the point is described by four context words: its bin, the bins of the last
 * two and of the last three points, and the step from the previous bin. The view scores 1 when all
 * four words are new for this series (the series lands, by a step it never took, in a part of its
 * range it never visited, e.g. a drop into a gap between two levels it used to switch between), and
 * 0 otherwise. Scores start after {@code warmupPoints} points; every point's words are learned
 * after it is scored, so the view is causal and a context alerts once.
 *
 * <p>Only all four words count: a new sequence or step on its own (three new words, the bin seen)
 * is what plain noise produces now and then, and what the return from a spike looks like, so it
 * would alert on both. A new extreme lands in the edge bin, usually seen already: extremes are the
 * novelty view's job. The bins are shares of the current range, so when the range grows they cover
 * wider values and old words stand for slightly different values; the view forgets the fine detail
 * of a series' early history, which is acceptable for a novelty signal.
 */
final class ContextScorer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Bins of the range seen so far (chosen on the tuning half of NAB: 12-32 all help). */
  static final int BINS = 24;

  private static final int PAIRS = BINS;
  private static final int TRIPLES = PAIRS + BINS * BINS;
  private static final int STEPS = TRIPLES + BINS * BINS * BINS;

  private final int warmup;

  /**
   * The words seen, as bits of one small set: a bin (B words), a pair of bins (B^2), a triple (B^3)
   * and a step (2B - 1), numbered one kind after the other: at most 14,471 bits (1.8 kB) for 24
   * bins, where a set of boxed numbers took about 10 kB per series in a saved model.
   */
  private final BitSet seen = new BitSet();

  private double lo = Double.POSITIVE_INFINITY;
  private double hi = Double.NEGATIVE_INFINITY;
  private int previous = -1;
  private int beforePrevious = -1;
  private long count;

  /**
   * @param warmupPoints points learned before the view scores
   */
  ContextScorer(int warmupPoints) {
    this.warmup = warmupPoints;
  }

  /** Scores a value: 1 when all its context words are new for this series, else 0; learns them. */
  double score(double x) {
    count++;
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
    double width = (hi - lo) / BINS;
    if (!(width > 0)) {
      return 0;
    }
    int bin = (int) Math.min(BINS - 1, Math.floor((x - lo) / width));
    boolean allNew = false;
    if (beforePrevious >= 0) {
      int[] words = {
        bin,
        PAIRS + previous * BINS + bin,
        TRIPLES + (beforePrevious * BINS + previous) * BINS + bin,
        STEPS + (bin - previous + BINS - 1)
      };
      int unseen = 0;
      for (int w : words) {
        if (!seen.get(w)) {
          seen.set(w);
          unseen++;
        }
      }
      allNew = unseen == words.length;
    }
    beforePrevious = previous;
    previous = bin;
    return count > warmup && allNew ? 1 : 0;
  }
}
