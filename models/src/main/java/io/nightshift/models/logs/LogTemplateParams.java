package io.nightshift.models.logs;

import io.nightshift.models.common.InputColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The params shared by {@link LogTemplateMiner} and {@link LogTemplateModel}: the message column,
 * the output columns, the masking and the miner's splitting rule.
 */
public interface LogTemplateParams extends Params {

  /** Column of log messages (string). Default {@code message}. */
  default Param<String> inputCol() {
    return new Param<>(this, "inputCol", "column of log messages (string)", nonBlank());
  }

  /** Output column of the template id (string). Default {@code template_id}. */
  default Param<String> idCol() {
    return new Param<>(this, "idCol", "output column of the template id", nonBlank());
  }

  /** Output column of the template text (string). Default {@code template}. */
  default Param<String> templateCol() {
    return new Param<>(this, "templateCol", "output column of the template text", nonBlank());
  }

  /**
   * Output column (boolean): whether the line matched a template of the model; false lines got a
   * provisional template made of their own masked tokens. Default {@code template_known}.
   */
  default Param<String> knownCol() {
    return new Param<>(
        this, "knownCol", "output column: whether the line matched a model template", nonBlank());
  }

  /** Built-in masking rule names, applied in order (see {@link MaskingRule#BUILT_IN}). */
  default StringArrayParam maskingRules() {
    return new StringArrayParam(this, "maskingRules", "built-in masking rule names, in order");
  }

  /** Custom masking rules as {@code name=regex}, applied after the built-in ones. */
  default StringArrayParam customMaskingRules() {
    return new StringArrayParam(this, "customMaskingRules", "custom masking rules as name=regex");
  }

  /** Whether a digit-holding token part is a variable. Default true. */
  default BooleanParam maskDigitParts() {
    return new BooleanParam(
        this, "maskDigitParts", "whether a digit-holding token part is a variable");
  }

  /** Whether variable-only tokens after a variable collapse into it. Default true. */
  default BooleanParam collapseVariables() {
    return new BooleanParam(
        this, "collapseVariables", "whether variable-only tokens after a variable collapse");
  }

  /** A cluster splits on a position with at most this many word values (0: never). Default 3. */
  default IntParam maxSplitValues() {
    return new IntParam(
        this,
        "maxSplitValues",
        "a cluster splits on a position with at most this many word values",
        ParamValidators.gtEq(0));
  }

  /** Each such value must be seen at least this many times. Default 1. */
  default IntParam minSplitSupport() {
    return new IntParam(
        this,
        "minSplitSupport",
        "each split value must be seen at least this often",
        ParamValidators.gtEq(1));
  }

  /** Fraction of the input lines the miner is fitted on, in (0, 1]. Default 1. */
  default DoubleParam sampleFraction() {
    return new DoubleParam(
        this,
        "sampleFraction",
        "fraction of lines the miner is fitted on",
        ParamValidators.inRange(0, 1, false, true));
  }

  /** Sets every default (called by the constructors). */
  default void setLogTemplateDefaults() {
    MinerSettings d = MinerSettings.defaults();
    setDefault(inputCol(), "message");
    setDefault(idCol(), "template_id");
    setDefault(templateCol(), "template");
    setDefault(knownCol(), "template_known");
    setDefault(maskingRules(), MaskingRule.DEFAULT_RULES.toArray(new String[0]));
    setDefault(customMaskingRules(), new String[0]);
    setDefault(maskDigitParts(), d.maskDigitParts());
    setDefault(collapseVariables(), d.collapseVariables());
    setDefault(maxSplitValues(), d.maxSplitValues());
    setDefault(minSplitSupport(), (int) d.minSplitSupport());
    setDefault(sampleFraction(), 1.0);
  }

  /** A validator: a non-blank column name. */
  private static scala.Function1<String, Object> nonBlank() {
    return (scala.Function1<String, Object> & java.io.Serializable) s -> s != null && !s.isBlank();
  }

  default double getSampleFraction() {
    return (Double) getOrDefault(sampleFraction());
  }

  default String getInputCol() {
    return getOrDefault(inputCol());
  }

  default String getIdCol() {
    return getOrDefault(idCol());
  }

  default String getTemplateCol() {
    return getOrDefault(templateCol());
  }

  default String getKnownCol() {
    return getOrDefault(knownCol());
  }

  /** The miner settings these params describe. */
  default MinerSettings minerSettings() {
    List<MaskingRule> rules =
        new ArrayList<>(LogPreprocessor.rulesNamed(Arrays.asList(getOrDefault(maskingRules()))));
    for (String spec : getOrDefault(customMaskingRules())) {
      int eq = spec.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "custom masking rule '" + spec + "' is not of the form name=regex");
      }
      rules.add(new MaskingRule(spec.substring(0, eq), spec.substring(eq + 1), ""));
    }
    return new MinerSettings(
        rules,
        (Boolean) getOrDefault(maskDigitParts()),
        (Boolean) getOrDefault(collapseVariables()),
        (Integer) getOrDefault(maxSplitValues()),
        (Integer) getOrDefault(minSplitSupport()));
  }

  /** Fails unless the input column is there and a string, naming column, expected and actual. */
  default void validateInput(StructType schema) {
    InputColumns.require(schema, "log template miner", getInputCol(), InputColumns.STRING);
  }

  /** The output schema: the input plus id, template and known columns. */
  default StructType outputSchema(StructType schema) {
    validateInput(schema);
    return schema
        .add(
            new StructField(
                getIdCol(),
                DataTypes.StringType,
                true,
                org.apache.spark.sql.types.Metadata.empty()))
        .add(
            new StructField(
                getTemplateCol(),
                DataTypes.StringType,
                true,
                org.apache.spark.sql.types.Metadata.empty()))
        .add(
            new StructField(
                getKnownCol(),
                DataTypes.BooleanType,
                true,
                org.apache.spark.sql.types.Metadata.empty()));
  }
}
