package io.nightshift.jobs.eval.risk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How sure is "the model beats the baseline"? Resamples the replayed nights with replacement (a
 * night is the unit: its entities share the same day's events) and measures the model's PR-AUC
 * against a baseline's on each resample. Plain Java on the backtest's entity-night rows, which are
 * small by construction (entities x replayed nights). PR-AUC here equals Spark's {@code
 * BinaryClassificationMetrics.areaUnderPR}: one curve point per distinct score, the first precision
 * repeated at recall 0, trapezoids between points.
 */
public final class NightBootstrap {
  private NightBootstrap() {}

  /** One replayed night: the model's and the baseline's scores and the 0/1 labels, row by row. */
  public record Night(double[] model, double[] baseline, double[] labels) {
    public Night {
      if (model.length != baseline.length || model.length != labels.length) {
        throw new IllegalArgumentException(
            "scores and labels differ in length: "
                + model.length
                + ", "
                + baseline.length
                + ", "
                + labels.length);
      }
    }
  }

  /**
   * The spread of model PR-AUC / baseline PR-AUC over resamples: the 2.5th, 50th and 97.5th
   * percentiles, and the share of resamples where the model's PR-AUC is the higher. Resamples where
   * either PR-AUC is undefined (no positive, or the baseline's area is 0) are left out and counted.
   */
  public record Margin(
      double ratioLow, double ratioMedian, double ratioHigh, double modelBetterShare, int used) {}

  /**
   * Resamples {@code nights} {@code resamples} times with a fixed seed (the same input, the same
   * answer).
   */
  public static Margin prAucMargin(List<Night> nights, int resamples, long seed) {
    if (nights.isEmpty() || resamples <= 0) {
      return null;
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<Double> ratios = new ArrayList<>();
    int better = 0;
    for (int r = 0; r < resamples; r++) {
      List<Night> sample = new ArrayList<>(nights.size());
      for (int i = 0; i < nights.size(); i++) {
        sample.add(nights.get(random.nextInt(nights.size())));
      }
      Night pooled = pool(sample);
      double m = prAuc(pooled.model(), pooled.labels());
      double b = prAuc(pooled.baseline(), pooled.labels());
      if (Double.isNaN(m) || Double.isNaN(b) || b <= 0) {
        continue;
      }
      ratios.add(m / b);
      if (m > b) {
        better++;
      }
    }
    if (ratios.isEmpty()) {
      return null;
    }
    double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new Margin(
        percentile(sorted, 0.025),
        percentile(sorted, 0.5),
        percentile(sorted, 0.975),
        better / (double) sorted.length,
        sorted.length);
  }

  /** Area under the precision-recall curve as Spark computes it; NaN without a positive. */
  public static double prAuc(double[] scores, double[] labels) {
    Integer[] order = new Integer[scores.length];
    double positives = 0;
    for (int i = 0; i < scores.length; i++) {
      order[i] = i;
      positives += labels[i] > 0 ? 1 : 0;
    }
    if (positives == 0) {
      return Double.NaN;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    double tp = 0;
    double fp = 0;
    double area = 0;
    double lastRecall = 0;
    double lastPrecision = Double.NaN;
    int i = 0;
    while (i < order.length) {
      double threshold = scores[order[i]];
      while (i < order.length && scores[order[i]] == threshold) {
        if (labels[order[i]] > 0) {
          tp++;
        } else {
          fp++;
        }
        i++;
      }
      double recall = tp / positives;
      double precision = tp + fp == 0 ? 1.0 : tp / (tp + fp);
      if (Double.isNaN(lastPrecision)) {
        lastPrecision = precision;
      }
      area += (recall - lastRecall) * (precision + lastPrecision) / 2;
      lastRecall = recall;
      lastPrecision = precision;
    }
    return area;
  }

  private static Night pool(List<Night> nights) {
    int n = nights.stream().mapToInt(x -> x.labels().length).sum();
    double[] m = new double[n];
    double[] b = new double[n];
    double[] y = new double[n];
    int at = 0;
    for (Night x : nights) {
      int len = x.labels().length;
      System.arraycopy(x.model(), 0, m, at, len);
      System.arraycopy(x.baseline(), 0, b, at, len);
      System.arraycopy(x.labels(), 0, y, at, len);
      at += len;
    }
    return new Night(m, b, y);
  }

  private static double percentile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
