package io.nightshift.jobs.config;

import com.typesafe.config.Config;
import io.nightshift.models.logs.MaskingRule;
import io.nightshift.models.logs.MinerSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Settings of the {@code nightshift.logs} section (see reference.conf): masking, the miner's
 * splitting rule, the signal windows and baseline, and the named line formats of {@code eval logs}.
 *
 * @param maskingRules the masking rules in order (built-in ones, then custom ones)
 * @param maskDigitParts whether digit-holding token parts are variables
 * @param collapseVariables whether adjacent variable tokens collapse into one
 * @param maxSplitValues a cluster splits on a position with at most this many word values
 * @param minSplitSupport each such value must be seen this many times
 * @param fitSampleFraction fraction of the unmatched lines the miner is fitted on
 * @param windowMinutes length of a log_signals window
 * @param baselineDays days of history forming the anomaly-score baseline
 * @param formats named Loghub-style line formats (data-set name to format)
 */
public record LogSettings(
    List<MaskingRule> maskingRules,
    boolean maskDigitParts,
    boolean collapseVariables,
    int maxSplitValues,
    int minSplitSupport,
    double fitSampleFraction,
    int windowMinutes,
    int baselineDays,
    Map<String, String> formats) {

  private static final String P = "nightshift.logs.";

  static LogSettings from(Config c) {
    List<MaskingRule> rules = new ArrayList<>();
    for (String name : c.getStringList("maskingRules")) {
      MaskingRule r = MaskingRule.BUILT_IN.get(name);
      if (r == null) {
        throw new BadConfigException(
            "config key '"
                + P
                + "maskingRules' names an unknown rule '"
                + name
                + "'; known rules: "
                + MaskingRule.BUILT_IN.keySet());
      }
      rules.add(r);
    }
    Config custom = c.getConfig("customMaskingRules");
    for (String name : custom.root().keySet()) {
      String regex = custom.getString(name);
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new BadConfigException(
            "config key '"
                + P
                + "customMaskingRules."
                + name
                + "' is not a valid regex: "
                + e.getDescription());
      }
      rules.add(new MaskingRule(name, regex, ""));
    }
    int maxSplit = c.getInt("maxSplitValues");
    if (maxSplit < 0) {
      throw new BadConfigException(
          "config key '" + P + "maxSplitValues' must be >= 0, was " + maxSplit);
    }
    int minSupport = positive(c, "minSplitSupport");
    double fraction = c.getDouble("fitSampleFraction");
    if (!(fraction > 0 && fraction <= 1)) {
      throw new BadConfigException(
          "config key '" + P + "fitSampleFraction' must be in (0, 1], was " + fraction);
    }
    int window = positive(c, "windowMinutes");
    if (1440 % window != 0) {
      throw new BadConfigException(
          "config key '" + P + "windowMinutes' must divide a day (1440), was " + window);
    }
    Map<String, String> formats = new LinkedHashMap<>();
    Config f = c.getConfig("formats");
    for (String name : f.root().keySet()) {
      formats.put(name, f.getString(name));
    }
    return new LogSettings(
        List.copyOf(rules),
        c.getBoolean("maskDigitParts"),
        c.getBoolean("collapseVariables"),
        maxSplit,
        minSupport,
        fraction,
        window,
        positive(c, "baselineDays"),
        Map.copyOf(formats));
  }

  /** The miner settings (masking, tokenising, splitting) these settings describe. */
  public MinerSettings minerSettings() {
    return new MinerSettings(
        maskingRules, maskDigitParts, collapseVariables, maxSplitValues, minSplitSupport);
  }

  /** The named format of a data set, if config has one. */
  public Optional<String> format(String dataSet) {
    return Optional.ofNullable(formats.get(dataSet));
  }

  private static int positive(Config c, String key) {
    int v = c.getInt(key);
    if (v <= 0) {
      throw new BadConfigException("config key '" + P + key + "' must be > 0, was " + v);
    }
    return v;
  }
}
