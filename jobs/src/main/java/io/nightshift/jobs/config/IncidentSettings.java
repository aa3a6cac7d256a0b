package io.nightshift.jobs.config;

import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the {@code nightshift.incidents} section (see reference.conf): how incidents are
 * grouped into families, how a family's impact is weighted, and how changes and precursors are
 * linked to it.
 *
 * @param severityWeights weight of each severity in the impact
 * @param defaultSeverityWeight weight of any other severity
 * @param minFamilySize least incidents of a recurring family (at least 2)
 * @param similarityThreshold least Jaccard similarity of two title templates in one family
 * @param lshBands MinHash LSH bands
 * @param lshRowsPerBand MinHash values per band
 * @param linkedChangeHours hours after a change in which an incident counts as linked to it
 * @param precursorLookbackHours look-back lengths (hours before an incident) scored for precursors
 * @param precursorMinSupport least share of a family's incidents preceded by a precursor
 * @param precursorMinLift least lift of a precursor
 * @param precursorMinIncidents least incidents preceded by a precursor
 * @param topPrecursors precursors kept per family
 * @param precursorSaturationRatio share of capacity at or above which an hour of a metric counts as
 *     a saturation precursor event
 * @param maxIncidentsOnDriver most incidents of a window handled on the driver in one pass; more
 *     are grouped and ranked with Spark jobs
 * @param maxPrecursorEventsOnDriver most signal events mined for precursors on the driver; more are
 *     mined with Spark jobs
 */
public record IncidentSettings(
    Map<String, Double> severityWeights,
    double defaultSeverityWeight,
    int minFamilySize,
    double similarityThreshold,
    int lshBands,
    int lshRowsPerBand,
    int linkedChangeHours,
    List<Integer> precursorLookbackHours,
    double precursorMinSupport,
    double precursorMinLift,
    int precursorMinIncidents,
    int topPrecursors,
    double precursorSaturationRatio,
    int maxIncidentsOnDriver,
    int maxPrecursorEventsOnDriver) {

  static final String SECTION = "nightshift.incidents.";

  static IncidentSettings from(Config c) {
    Map<String, Double> weights = new LinkedHashMap<>();
    Config w = c.getConfig("severityWeights");
    for (String sev : w.root().keySet()) {
      weights.put(sev, nonNegative(w, sev, "severityWeights." + sev));
    }
    int minFamilySize = positiveInt(c, "minFamilySize");
    if (minFamilySize < 2) {
      throw new BadConfigException(
          "config key '" + SECTION + "minFamilySize' must be >= 2, was " + minFamilySize);
    }
    double threshold = fraction(c, "similarityThreshold");
    if (threshold == 0) {
      throw new BadConfigException(
          "config key '" + SECTION + "similarityThreshold' must be > 0, was 0");
    }
    return new IncidentSettings(
        Map.copyOf(weights),
        nonNegative(c, "defaultSeverityWeight", "defaultSeverityWeight"),
        minFamilySize,
        threshold,
        positiveInt(c, "lshBands"),
        positiveInt(c, "lshRowsPerBand"),
        positiveInt(c, "linkedChangeHours"),
        lookbacks(c),
        fraction(c, "precursorMinSupport"),
        positiveDouble(c, "precursorMinLift"),
        positiveInt(c, "precursorMinIncidents"),
        positiveInt(c, "topPrecursors"),
        fraction(c, "precursorSaturationRatio"),
        positiveInt(c, "maxIncidentsOnDriver"),
        positiveInt(c, "maxPrecursorEventsOnDriver"));
  }

  private static List<Integer> lookbacks(Config c) {
    List<Integer> v = c.getIntList("precursorLookbackHours");
    if (v.isEmpty() || v.stream().anyMatch(h -> h <= 0)) {
      throw new BadConfigException(
          "config key '"
              + SECTION
              + "precursorLookbackHours' must be a non-empty list of hours > 0, was "
              + v);
    }
    return List.copyOf(v);
  }

  private static int positiveInt(Config c, String key) {
    int v = c.getInt(key);
    if (v <= 0) {
      throw new BadConfigException("config key '" + SECTION + key + "' must be > 0, was " + v);
    }
    return v;
  }

  private static double fraction(Config c, String key) {
    double v = c.getDouble(key);
    if (!(v >= 0 && v <= 1)) {
      throw new BadConfigException(
          "config key '" + SECTION + key + "' must be between 0 and 1, was " + v);
    }
    return v;
  }

  private static double positiveDouble(Config c, String key) {
    double v = c.getDouble(key);
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new BadConfigException(
          "config key '" + SECTION + key + "' must be a finite number > 0, was " + v);
    }
    return v;
  }

  private static double nonNegative(Config c, String key, String fullKey) {
    double v = c.getDouble(key);
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new BadConfigException(
          "config key '" + SECTION + fullKey + "' must be a finite number >= 0, was " + v);
    }
    return v;
  }
}
