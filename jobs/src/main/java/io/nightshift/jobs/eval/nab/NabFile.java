package io.nightshift.jobs.eval.nab;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One NAB data file with a detector's scores: its relative path ({@code category/name.csv}), the
 * timestamps in file order, the anomaly scores (one per timestamp) and the labelled windows.
 */
public record NabFile(
    String relativePath, LocalDateTime[] timestamps, double[] scores, List<Window> windows) {

  /** A labelled anomaly window, both ends inclusive (timestamps of rows of the file). */
  public record Window(LocalDateTime start, LocalDateTime end) {
    /** Whether a timestamp lies inside the window. */
    public boolean contains(LocalDateTime t) {
      return !t.isBefore(start) && !t.isAfter(end);
    }
  }

  /** Label of row {@code i}: 1 inside a window, else 0. */
  public int label(int i) {
    for (Window w : windows) {
      if (w.contains(timestamps[i])) {
        return 1;
      }
    }
    return 0;
  }
}
