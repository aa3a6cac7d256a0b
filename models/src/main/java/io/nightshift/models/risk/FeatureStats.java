package io.nightshift.models.risk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the model knows about each feature to explain a score: its centre and spread on the training
 * rows, the direction in which it raises risk (+1, -1 or 0) and its weight (tree importance, or
 * |coefficient| x spread). A feature's contribution to one row is {@code weight x max(0, direction
 * x (value - centre) / scale)}: how far, in spreads, it sits on the risky side, scaled by how much
 * the model relies on it.
 *
 * @param names feature names, in model order
 * @param centre mean on the training rows
 * @param scale standard deviation on the training rows (1 when constant)
 * @param direction sign of the feature's association with incidents
 * @param weight the model's reliance on the feature
 */
public record FeatureStats(
    List<String> names, double[] centre, double[] scale, double[] direction, double[] weight) {

  /** The contribution of one feature value (see the class comment). */
  public double contribution(int i, double value) {
    return weight[i] * Math.max(0, direction[i] * (value - centre[i]) / scale[i]);
  }

  /** Feature names with their weights, largest first (the model's global importances). */
  public List<Importance> importances() {
    List<Importance> out = new ArrayList<>();
    double total = 0;
    for (double w : weight) {
      total += w;
    }
    for (int i = 0; i < names.size(); i++) {
      out.add(new Importance(names.get(i), total > 0 ? weight[i] / total : 0, direction[i]));
    }
    out.sort(Comparator.comparingDouble(Importance::share).reversed());
    return out;
  }

  /** A feature's share of the total weight and its risk direction. */
  public record Importance(String feature, double share, double direction) {}
}
