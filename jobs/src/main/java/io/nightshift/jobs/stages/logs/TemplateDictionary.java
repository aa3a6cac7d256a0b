package io.nightshift.jobs.stages.logs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_date;

import io.nightshift.jobs.config.LogSettings;
import io.nightshift.jobs.io.ModelPolicy;
import io.nightshift.jobs.io.ModelSpec;
import io.nightshift.jobs.io.ModelStore;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.models.logs.LogTemplateMiner;
import io.nightshift.models.logs.LogTemplateModel;
import io.nightshift.models.logs.LogTemplateModel.TemplateEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The template dictionary kept from night to night in the {@link ModelStore} (model name {@value
 * #MODEL}). Each night: load the newest dictionary saved before the run date; assign the window's
 * lines to it; mine only the lines it does not know; add those templates (first seen on the date
 * their earliest line was written); update first/last-seen dates; save with the night's outputs
 * (staged until the night commits). Ids of known templates never change, so yesterday's id means
 * the same today, and re-running a night gives the same dictionary.
 */
public final class TemplateDictionary {
  /** Model name in the store. */
  public static final String MODEL = "log_templates";

  private TemplateDictionary() {}

  /** The refreshed dictionary and the window's lines with their template ids. */
  public record Refreshed(LogTemplateModel model, Dataset<Row> assigned, boolean hadPrior) {}

  /** The miner the nightly run fits: every model setting of {@code nightshift.logs}. */
  public static LogTemplateMiner miner(LogSettings settings) {
    return new LogTemplateMiner()
        .setSettings(settings.minerSettings())
        .setSampleFraction(settings.fitSampleFraction())
        .setInputCol(Cols.MESSAGE);
  }

  /**
   * Refreshes the dictionary with the window's logs and saves it with tonight's outputs. The
   * dictionary is refitted every night ({@link ModelPolicy}), on top of the newest one saved before
   * tonight whatever its age, so template ids stay stable.
   */
  public static Refreshed refresh(ModelStore store, Dataset<Row> logs, LogSettings settings) {
    LogTemplateMiner miner = miner(settings);
    ModelSpec spec = ModelSpec.of(MODEL, ModelPolicy.Retrain.everyNight(), miner);
    Optional<ModelStore.Saved> saved = store.latestOnOrBefore(MODEL, store.tonight().minusDays(1));
    LogTemplateModel dict;
    if (saved.isPresent()) {
      LogTemplateModel prior = LogTemplateModel.load(saved.get().path());
      prior.setInputCol(Cols.MESSAGE);
      Dataset<Row> unknown =
          prior
              .transform(logs.select(Cols.MESSAGE))
              .filter(not(col(prior.getKnownCol())))
              .select(Cols.MESSAGE);
      LogTemplateModel fresh = miner.fit(unknown);
      dict = fresh.withEntries(prior.merge(fresh.templates()).templates());
    } else {
      dict = miner.fit(logs);
    }
    Dataset<Row> assigned = dict.transform(logs).persist();
    dict = dict.withEntries(withDates(dict.templates(), seenDates(assigned, dict)));
    ModelPolicy.Decision d =
        store
            .decide(spec)
            .withNote(
                saved
                    .map(p -> "new templates added to the dictionary of " + p.runDate())
                    .orElse("no earlier dictionary"));
    store.save(spec, d, dict);
    return new Refreshed(dict, assigned, saved.isPresent());
  }

  private static Map<String, String[]> seenDates(Dataset<Row> assigned, LogTemplateModel dict) {
    Map<String, String[]> out = new HashMap<>();
    // One row per template (small): first and last date, line count in the window.
    for (Row r :
        assigned
            .filter(col(dict.getKnownCol()))
            .groupBy(col(dict.getIdCol()))
            .agg(
                min(to_date(col(Cols.TS))).cast("string"),
                max(to_date(col(Cols.TS))).cast("string"),
                count("*"))
            .collectAsList()) {
      out.put(
          r.getString(0),
          new String[] {r.getString(1), r.getString(2), String.valueOf(r.getLong(3))});
    }
    return out;
  }

  private static List<TemplateEntry> withDates(
      List<TemplateEntry> entries, Map<String, String[]> seen) {
    List<TemplateEntry> out = new ArrayList<>(entries.size());
    for (TemplateEntry e : entries) {
      String[] s = seen.get(e.id());
      if (s == null) {
        out.add(e);
      } else {
        out.add(
            new TemplateEntry(
                e.id(),
                e.template(),
                Long.parseLong(s[2]),
                e.example(),
                minDate(e.firstSeen(), s[0]),
                maxDate(e.lastSeen(), s[1])));
      }
    }
    return out;
  }

  static String minDate(String a, String b) {
    return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
  }

  static String maxDate(String a, String b) {
    return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
  }
}
