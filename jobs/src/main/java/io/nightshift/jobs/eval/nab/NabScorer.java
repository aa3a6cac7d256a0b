package io.nightshift.jobs.eval.nab;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Java port of NAB's scorer (nab/sweeper.py and the normalisation of nab/runner.py): each row
 * after the probationary period gets a sweep score (inside a window: the scaled sigmoid of its
 * relative position, weighted by the true-positive weight; outside: the false-positive weight times
 * the scaled sigmoid of its distance past the preceding window, or the full weight before any
 * window); the corpus-wide threshold is found by sweeping all distinct anomaly scores from the
 * highest down, where only the best detection of each window counts and an undetected window costs
 * the false-negative weight; the raw score is normalised as {@code 100 * (raw - null) / (perfect -
 * null)}.
 */
public final class NabScorer {
  /** NAB's probationary share of each file (not scored). */
  public static final double PROBATIONARY_PERCENT = 0.15;

  private final NabProfile profile;

  public NabScorer(NabProfile profile) {
    this.profile = profile;
  }

  /** The result of one profile: best threshold, raw, null, perfect and normalised scores. */
  public record Result(
      String profile,
      double threshold,
      double raw,
      double nullScore,
      double perfect,
      double normalized,
      Map<String, Double> perFile) {}

  /** One scored row: its anomaly score, its sweep score and its window (global id, -1 if none). */
  private record Row(double anomalyScore, double sweepScore, int window, int file) {}

  static double scaledSigmoid(double relativePosition) {
    if (relativePosition > 3.0) {
      return -1.0;
    }
    return 2.0 / (1.0 + Math.exp(5.0 * relativePosition)) - 1.0;
  }

  static double probationaryLength(int rows) {
    return Math.min(Math.floor(PROBATIONARY_PERCENT * rows), PROBATIONARY_PERCENT * 5000);
  }

  /**
   * Scores a corpus.
   *
   * @param files every file with its scores and windows
   * @param labelledWindows the number of windows in the labels (the perfect detector's count)
   */
  public Result score(List<NabFile> files, int labelledWindows) {
    List<Row> rows = new ArrayList<>();
    int windowBase = 0;
    for (int f = 0; f < files.size(); f++) {
      windowBase += sweepRows(files.get(f), f, windowBase, rows);
    }
    int windows = windowBase;
    Row[] sorted = rows.toArray(new Row[0]);
    Arrays.sort(sorted, (a, b) -> Double.compare(b.anomalyScore, a.anomalyScore));

    boolean[] present = new boolean[windows];
    for (Row r : sorted) {
      if (r.window >= 0) {
        present[r.window] = true;
      }
    }
    double[] windowPart = new double[windows];
    double total = 0;
    for (int w = 0; w < windows; w++) {
      if (present[w]) {
        windowPart[w] = -profile.fnWeight();
        total += windowPart[w];
      }
    }
    double nullScore = total;
    double curThreshold = 1.1;
    double bestScore = total;
    double bestThreshold = curThreshold;
    for (Row r : sorted) {
      if (r.anomalyScore != curThreshold) {
        if (total > bestScore) {
          bestScore = total;
          bestThreshold = curThreshold;
        }
        curThreshold = r.anomalyScore;
      }
      if (r.window < 0) {
        total += r.sweepScore;
      } else if (r.sweepScore > windowPart[r.window]) {
        total += r.sweepScore - windowPart[r.window];
        windowPart[r.window] = r.sweepScore;
      }
    }
    if (total > bestScore) {
      bestScore = total;
      bestThreshold = curThreshold;
    }
    Map<String, Double> perFile = perFileScores(files, bestThreshold);
    double perfect = labelledWindows * profile.tpWeight();
    double normalized = 100.0 * (bestScore - nullScore) / (perfect - nullScore);
    return new Result(
        profile.name(), bestThreshold, bestScore, nullScore, perfect, normalized, perFile);
  }

  private Map<String, Double> perFileScores(List<NabFile> files, double threshold) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int f = 0; f < files.size(); f++) {
      List<Row> rows = new ArrayList<>();
      int n = sweepRows(files.get(f), f, 0, rows);
      double[] part = new double[n];
      boolean[] present = new boolean[n];
      double fp = 0;
      for (Row r : rows) {
        if (r.window >= 0) {
          present[r.window] = true;
        }
      }
      Arrays.fill(part, -profile.fnWeight());
      for (Row r : rows) {
        if (r.anomalyScore < threshold) {
          continue;
        }
        if (r.window < 0) {
          fp += r.sweepScore;
        } else {
          part[r.window] = Math.max(part[r.window], r.sweepScore);
        }
      }
      double s = fp;
      for (int w = 0; w < n; w++) {
        s += present[w] ? part[w] : 0;
      }
      out.put(files.get(f).relativePath(), s);
    }
    return out;
  }

  /** Adds the file's post-probation rows; returns the number of windows the file has. */
  private int sweepRows(NabFile file, int fileIndex, int windowBase, List<Row> out) {
    LocalDateTime[] ts = file.timestamps();
    int n = ts.length;
    double probation = probationaryLength(n);
    List<NabFile.Window> pending = new ArrayList<>(file.windows());
    int windowCount = pending.size();
    int nextWindow = 0;
    int curWindow = -1;
    int curRight = -1;
    double curWidth = 0;
    int prevRight = -1;
    double prevWidth = 0;
    double maxTp = scaledSigmoid(-1.0);
    for (int i = 0; i < n; i++) {
      if (!pending.isEmpty() && ts[i].equals(pending.get(0).start())) {
        NabFile.Window w = pending.remove(0);
        curWindow = windowBase + nextWindow++;
        curRight = indexOf(ts, w.end());
        curWidth = curRight - i + 1;
      }
      double weighted;
      if (curWindow >= 0) {
        double position = -(curRight - i + 1) / curWidth;
        weighted = scaledSigmoid(position) * profile.tpWeight() / maxTp;
      } else {
        double unweighted =
            prevRight < 0 ? -1.0 : scaledSigmoid(Math.abs(prevRight - i) / (prevWidth - 1));
        weighted = unweighted * profile.fpWeight();
      }
      if (i >= probation) {
        out.add(new Row(file.scores()[i], weighted, curWindow, fileIndex));
      }
      if (i == curRight) {
        prevRight = curRight;
        prevWidth = curWidth;
        curWindow = -1;
        curRight = -1;
      }
    }
    return windowCount;
  }

  private static int indexOf(LocalDateTime[] ts, LocalDateTime t) {
    for (int i = 0; i < ts.length; i++) {
      if (ts[i].equals(t)) {
        return i;
      }
    }
    throw new IllegalArgumentException("window end " + t + " is not a timestamp of the file");
  }
}
