package io.nightshift.jobs.eval.logs;

import io.nightshift.models.logs.MaskingRule;
import io.nightshift.models.logs.MinerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Leave-one-out over labelled data sets, so a setting is never measured on a set it was chosen on:
 * for each data set, the candidate settings ({@link #candidates}) are scored on the other sets
 * (mean of GA and PA), the best is chosen, and that choice is measured on the set left out. The
 * mean of the left-out scores estimates how the choosing would fare on data not seen, beside the
 * all-sets figure of the configured settings.
 */
public final class LeaveOneOut {
  private LeaveOneOut() {}

  /** One data set with its line format. */
  public record DataSet(String name, LogFormat format) {}

  /** The choice made without one data set and how it scored there. */
  public record Fold(String leftOut, String chosen, double ga, double pa) {}

  /** A candidate setting with a short label. */
  public record Candidate(String label, MinerSettings settings) {}

  /**
   * The grid searched: the configured settings with {@code maxSplitValues} 2 to 5, {@code
   * minSplitSupport} 1 or 2, and with or without the opt-in {@code key_value} masking rule.
   */
  public static List<Candidate> candidates(MinerSettings base) {
    List<Candidate> out = new ArrayList<>();
    for (boolean keyValue : new boolean[] {false, true}) {
      List<MaskingRule> rules = new ArrayList<>(base.rules());
      rules.removeIf(r -> r.name().equals("key_value"));
      if (keyValue) {
        rules.add(MaskingRule.builtIn("key_value"));
      }
      for (int split = 2; split <= 5; split++) {
        for (long support = 1; support <= 2; support++) {
          MinerSettings s =
              new MinerSettings(
                  List.copyOf(rules),
                  base.maskDigitParts(),
                  base.collapseVariables(),
                  split,
                  support);
          out.add(
              new Candidate(
                  "maxSplitValues="
                      + split
                      + " minSplitSupport="
                      + support
                      + " key_value="
                      + keyValue,
                  s));
        }
      }
    }
    return out;
  }

  /** Runs every candidate on every data set once, then makes one choice per left-out set. */
  public static List<Fold> run(
      List<Candidate> candidates, Path data, List<DataSet> sets, Path scratch) {
    double[][] ga = new double[candidates.size()][sets.size()];
    double[][] pa = new double[candidates.size()][sets.size()];
    for (int c = 0; c < candidates.size(); c++) {
      LoghubEvaluation eval = new LoghubEvaluation(candidates.get(c).settings());
      for (int d = 0; d < sets.size(); d++) {
        LoghubEvaluation.Outcome o =
            eval.run(data, sets.get(d).name(), sets.get(d).format(), scratch);
        ga[c][d] = o.ga().orElseThrow(() -> new IllegalArgumentException("no ground truth"));
        pa[c][d] = o.pa().orElseThrow();
      }
    }
    List<Fold> folds = new ArrayList<>();
    for (int left = 0; left < sets.size(); left++) {
      int best = choose(ga, pa, left);
      folds.add(
          new Fold(
              sets.get(left).name(), candidates.get(best).label(), ga[best][left], pa[best][left]));
    }
    return folds;
  }

  /** The candidate with the best mean of GA and PA over every set but {@code left}. */
  static int choose(double[][] ga, double[][] pa, int left) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < ga.length; c++) {
      double sum = 0;
      for (int d = 0; d < ga[c].length; d++) {
        if (d != left) {
          sum += ga[c][d] + pa[c][d];
        }
      }
      if (sum > bestScore + 1e-12) {
        best = c;
        bestScore = sum;
      }
    }
    return best;
  }
}
