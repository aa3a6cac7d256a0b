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
  Param<String> inputCol();

  /** Output column of the template id (string). Default {@code template_id}. */
  Param<String> idCol();

  /** Output column of the template text (string). Default {@code template}. */
  Param<String> templateCol();

  /**
   * Output column (boolean): whether the line matched a template of the model; false lines got a
   * provisional template made of their own masked tokens. Default {@code template_known}.
   */
  Param<String> knownCol();

  /** Built-in masking rule names, applied in order (see {@link MaskingRule#BUILT_IN}). */
  StringArrayParam maskingRules();

  /** Custom masking rules as {@code name=regex}, applied after the built-in ones. */
  StringArrayParam customMaskingRules();

  /** Whether a digit-holding token part is a variable. Default true. */
  BooleanParam maskDigitParts();

  /** Whether variable-only tokens after a variable collapse into it. Default true. */
  BooleanParam collapseVariables();

  /** A cluster splits on a position with at most this many word values (0: never). Default 3. */
  IntParam maxSplitValues();

  /** Each such value must be seen at least this many times. Default 1. */
  IntParam minSplitSupport();

  /** Fraction of the input lines the miner is fitted on, in (0, 1]. Default 1. */
  DoubleParam sampleFraction();

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

  /** Declares every param with its default on {@code owner} (called from constructors). */
  static void defineDefaults(LogTemplateParams owner) {
    owner.setDefault(owner.inputCol(), "message");
    owner.setDefault(owner.idCol(), "template_id");
    owner.setDefault(owner.templateCol(), "template");
    owner.setDefault(owner.knownCol(), "template_known");
    owner.setDefault(owner.maskingRules(), MaskingRule.DEFAULT_RULES.toArray(new String[0]));
    owner.setDefault(owner.customMaskingRules(), new String[0]);
    owner.setDefault(owner.maskDigitParts(), true);
    owner.setDefault(owner.collapseVariables(), true);
    owner.setDefault(owner.maxSplitValues(), 3);
    owner.setDefault(owner.minSplitSupport(), 1);
    owner.setDefault(owner.sampleFraction(), 1.0);
  }

  /** The param objects, created for one owner. */
  record Defs(
      Param<String> inputCol,
      Param<String> idCol,
      Param<String> templateCol,
      Param<String> knownCol,
      StringArrayParam maskingRules,
      StringArrayParam customMaskingRules,
      BooleanParam maskDigitParts,
      BooleanParam collapseVariables,
      IntParam maxSplitValues,
      IntParam minSplitSupport,
      DoubleParam sampleFraction) {

    /** A validator: a non-blank column name. */
    static scala.Function1<String, Object> nonBlank() {
      return (scala.Function1<String, Object> & java.io.Serializable)
          s -> s != null && !s.isBlank();
    }

    /** Creates the params for {@code owner}. */
    static Defs create(Params owner) {
      return new Defs(
          new Param<>(owner, "inputCol", "column of log messages (string)", nonBlank()),
          new Param<>(owner, "idCol", "output column of the template id", nonBlank()),
          new Param<>(owner, "templateCol", "output column of the template text", nonBlank()),
          new Param<>(
              owner,
              "knownCol",
              "output column: whether the line matched a model template",
              nonBlank()),
          new StringArrayParam(owner, "maskingRules", "built-in masking rule names, in order"),
          new StringArrayParam(owner, "customMaskingRules", "custom masking rules as name=regex"),
          new BooleanParam(
              owner, "maskDigitParts", "whether a digit-holding token part is a variable"),
          new BooleanParam(
              owner, "collapseVariables", "whether variable-only tokens after a variable collapse"),
          new IntParam(
              owner,
              "maxSplitValues",
              "a cluster splits on a position with at most this many word values",
              ParamValidators.gtEq(0)),
          new IntParam(
              owner,
              "minSplitSupport",
              "each split value must be seen at least this often",
              ParamValidators.gtEq(1)),
          new DoubleParam(
              owner,
              "sampleFraction",
              "fraction of lines the miner is fitted on",
              ParamValidators.inRange(0, 1, false, true)));
    }
  }
}
