package io.nightshift.jobs.config;

import com.typesafe.config.Config;
import io.nightshift.models.anomaly.DetectorSettings;
import java.util.List;

/**
 * Settings of the {@code nightshift.anomaly} section (see reference.conf).
 *
 * @param retrain "nightly" (fit on the look-back window every night) or "weekly" (reuse the newest
 *     saved model while it is less than seven days old)
 * @param mergeGapMinutes anomalous points of one series closer than this are one event
 * @param detector the detector's settings (the same for every series)
 */
public record AnomalySettings(String retrain, int mergeGapMinutes, DetectorSettings detector) {
  /** Retrain modes. */
  public static final List<String> RETRAIN_MODES = List.of("nightly", "weekly");

  /** Whether a saved model may be reused for up to a week. */
  public boolean retrainWeekly() {
    return retrain.equals("weekly");
  }

  static AnomalySettings from(Config c) {
    String retrain = Checks.oneOf(c, "retrain", RETRAIN_MODES);
    int gap = Checks.positiveInt(c, "mergeGapMinutes");
    DetectorSettings d =
        new DetectorSettings(
            rate(c, "levelRate", false),
            rate(c, "seasonRate", true),
            rate(c, "scaleRate", false),
            Checks.positiveDouble(c, "clipSigmas"),
            Checks.positiveInt(c, "shiftPoints"),
            Checks.positiveInt(c, "shortWindow"),
            atLeast(c, "historyPoints", 2),
            atLeast(c, "warmupPoints", 10),
            rate(c, "alertScore", false),
            atLeast(c, "suppressPoints", 0),
            atLeast(c, "noveltyWarmupPoints", 10),
            atLeast(c, "contextBins", 1),
            Checks.fraction(c, "residualWeight"),
            nonNegative(c, "noveltyMarginSigmas"),
            atLeast(c, "likelihoodWindow", 1),
            Checks.fraction(c, "likelihoodWeight"),
            atLeast(c, "longMeanPoints", 1),
            nonNegative(c, "longMeanWeight"));
    return new AnomalySettings(retrain, gap, d);
  }

  private static double rate(Config c, String key, boolean zeroAllowed) {
    double v = Checks.fraction(c, key);
    if (!zeroAllowed && v == 0) {
      throw new BadConfigException(Checks.where(c, key) + " must be > 0, was 0");
    }
    return v;
  }

  private static double nonNegative(Config c, String key) {
    double v = c.getDouble(key);
    if (!(v >= 0)) {
      throw new BadConfigException(Checks.where(c, key) + " must be >= 0, was " + v);
    }
    return v;
  }

  private static int atLeast(Config c, String key, int min) {
    int v = c.getInt(key);
    if (v < min) {
      throw new BadConfigException(Checks.where(c, key) + " must be >= " + min + ", was " + v);
    }
    return v;
  }
}
