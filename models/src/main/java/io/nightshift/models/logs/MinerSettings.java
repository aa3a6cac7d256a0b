package io.nightshift.models.logs;

import java.io.Serializable;
import java.util.List;

/**
 * Everything that decides how lines become templates: the masking and tokenising ({@link
 * LogPreprocessor}) and the miner's splitting rule ({@link TemplateMiner}). One value shared by the
 * evaluation, the Spark estimator and the nightly stage, so they mine alike.
 *
 * @param rules masking rules, in order
 * @param maskDigitParts whether digit-holding token parts are variables
 * @param collapseVariables whether adjacent variable tokens collapse into one
 * @param maxSplitValues a cluster splits on a position with at most this many word values
 * @param minSplitSupport each such value must be seen at least this many times
 */
public record MinerSettings(
    List<MaskingRule> rules,
    boolean maskDigitParts,
    boolean collapseVariables,
    int maxSplitValues,
    long minSplitSupport)
    implements Serializable {

  /** The defaults (the configuration measured in docs/logs.md). */
  public static MinerSettings defaults() {
    return new MinerSettings(
        LogPreprocessor.rulesNamed(MaskingRule.DEFAULT_RULES), true, true, 5, 1);
  }

  /** The preprocessor these settings describe. */
  public LogPreprocessor preprocessor() {
    return new LogPreprocessor(rules, maskDigitParts, collapseVariables);
  }

  /** The miner these settings describe. */
  public TemplateMiner miner() {
    return new TemplateMiner(maxSplitValues, minSplitSupport);
  }
}
