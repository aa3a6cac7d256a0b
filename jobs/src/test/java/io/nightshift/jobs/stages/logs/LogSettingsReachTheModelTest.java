package io.nightshift.jobs.stages.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.nightshift.jobs.config.LogSettings;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.models.logs.LogTemplateModel;
import io.nightshift.models.logs.MaskingRule;
import io.nightshift.testkit.SparkExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every model setting of {@code nightshift.logs}, set to a value other than its default, arrives in
 * the fitted template model the nightly run uses (issue 20: settings that silently fall back to
 * defaults). The stage-only settings (window, baseline days, formats) are checked by {@code
 * LogSettingsTest}.
 */
@ExtendWith(SparkExtension.class)
class LogSettingsReachTheModelTest {

  @Test
  void everyNonDefaultModelSettingIsReadBackFromTheFittedModel(SparkSession spark) {
    LogSettings defaults = NightshiftConfig.load().logs();
    LogSettings s =
        NightshiftConfig.load(
                null,
                Map.of(
                    "nightshift.logs.maskingRules",
                    List.of("ip", "number", "key_value"),
                    "nightshift.logs.customMaskingRules",
                    Map.of("ticket", "JIRA-[0-9]+"),
                    "nightshift.logs.maskDigitParts",
                    false,
                    "nightshift.logs.collapseVariables",
                    false,
                    "nightshift.logs.maxSplitValues",
                    7,
                    "nightshift.logs.minSplitSupport",
                    4,
                    "nightshift.logs.fitSampleFraction",
                    0.5))
            .logs();
    assertNotEquals(defaults.minerSettings(), s.minerSettings());
    assertNotEquals(defaults.fitSampleFraction(), s.fitSampleFraction());

    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      lines.add("ticket JIRA-" + i + " opened by user" + (i % 5));
    }
    Dataset<Row> logs = spark.createDataset(lines, Encoders.STRING()).toDF(Cols.MESSAGE);
    LogTemplateModel model = TemplateDictionary.miner(s).fit(logs);

    assertEquals(s.minerSettings(), model.minerSettings());
    assertEquals(s.fitSampleFraction(), model.getSampleFraction());
    assertEquals(Cols.MESSAGE, model.getInputCol());
    assertEquals(
        List.of("ip", "number", "key_value", "ticket"),
        model.minerSettings().rules().stream().map(MaskingRule::name).toList());
  }
}
