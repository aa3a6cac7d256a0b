package io.nightshift.jobs.stages;

import io.nightshift.jobs.config.LogSettings;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.LogShapes;
import io.nightshift.jobs.schema.LogSignalsTable;
import io.nightshift.jobs.schema.LogTemplatesTable;
import io.nightshift.jobs.stages.logs.LogSignals;
import io.nightshift.jobs.stages.logs.TemplateDictionary;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Log template mining and log signals: counts the window's lines by shape (masked tokens; a night
 * with kept state reads the kept days' counts, see {@link LogShapes}), refreshes the persisted
 * template dictionary (mining only lines of shapes it does not know yet), gives every shape its
 * template id, and writes {@code log_templates} (the dictionary with first/last seen, counts, level
 * mix, an example) and {@code log_signals} (per entity, service and window of the run date: counts
 * per template, error and warning rates, new templates and the log anomaly score against the
 * entity's baseline for that time of day).
 */
public final class LogSignalStage implements NightlyStage {
  @Override
  public String name() {
    return "log_signal";
  }

  @Override
  public Set<InputTable> needs() {
    return Set.of(InputTable.LOGS);
  }

  @Override
  public Map<String, Dataset<Row>> compute(RunContext ctx) {
    LogSettings s = ctx.config().logs();
    Dataset<Row> logs = ctx.inputs().logs();
    // Kept counts stay on disk: the stage reads the window's summed by day and only the last
    // baselineDays in full. Counts of the window's lines are computed once and cached.
    Dataset<Row> shapes =
        ctx.inputs()
            .logShapes()
            .orElseGet(() -> ctx.cacheForStage(LogShapes.of(logs, LogShapes.Spec.of(s))));
    Instant detailFrom =
        ctx.runDate()
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant()
            .minus(s.baselineDays(), ChronoUnit.DAYS);
    TemplateDictionary.Refreshed dict =
        TemplateDictionary.refresh(ctx.models(), logs, shapes, detailFrom, s, ctx::cacheForStage);
    Dataset<Row> dictionary = dict.model().templatesFrame(ctx.spark());
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    out.put(
        LogTemplatesTable.NAME,
        LogSignals.templates(dictionary, dict.dailyTotals(), dict.counts(), ctx.runDate()));
    out.put(
        LogSignalsTable.NAME,
        LogSignals.signals(
            dictionary,
            dict.counts(),
            ctx.runDate(),
            s.windowMinutes(),
            s.baselineDays(),
            ctx::cacheForStage));
    return out;
  }
}
