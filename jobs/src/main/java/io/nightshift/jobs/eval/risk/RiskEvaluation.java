package io.nightshift.jobs.eval.risk;

import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.InputFiles;
import io.nightshift.jobs.io.InputTables;
import io.nightshift.jobs.io.TableReader;
import io.nightshift.jobs.risk.RiskFeatures;
import io.nightshift.jobs.risk.RiskRanking;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.validate.BadInputException;
import io.nightshift.jobs.validate.Validation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The risk backtest as an action: reads and validates an input lake (metrics, incidents and changes
 * over every day it holds, or up to {@code until}), takes labels from a truth folder or from the
 * incidents table, runs {@link RiskBacktest} and returns the {@code risk_eval.json} content: the
 * first horizon's {@code model} and {@code baselines} at the top level, every horizon under {@code
 * by_horizon}.
 */
public final class RiskEvaluation {
  private static final List<String> METRIC_KEYS =
      List.of("pr_auc", "roc_auc", "precision_at_10", "recall_at_10", "median_lead_hours");

  private final SparkSession spark;
  private final NightshiftConfig config;
  private String truth;
  private LocalDate until;

  public RiskEvaluation(SparkSession spark, NightshiftConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /** Ground-truth folder with incidents.csv; null takes labels from the incidents table. */
  public RiskEvaluation truth(String dir) {
    this.truth = dir;
    return this;
  }

  /** Last day of input to use (later partitions are not read); null uses all. */
  public RiskEvaluation until(LocalDate day) {
    this.until = day;
    return this;
  }

  /**
   * What the evaluation produced: the per-horizon results, the precursor ceiling of each horizon
   * (by horizon hours; empty without a truth that says when precursors began) and the JSON
   * document.
   */
  public record Result(
      List<RiskBacktest.HorizonResult> horizons,
      Map<Integer, Map<String, Object>> ceilings,
      Map<String, Object> json) {}

  /** Runs the backtest in the Spark job group "eval:risk". */
  public Result execute() {
    TableReader reader = new TableReader(spark, config.input(), false);
    List<InputFiles.Partition> parts =
        InputFiles.list(
            reader.rootOf(InputTable.METRICS),
            LocalDate.of(1970, 1, 1),
            LocalDate.of(9999, 12, 31),
            spark.sparkContext().hadoopConfiguration());
    if (parts.isEmpty()) {
      throw new BadInputException(
          "no metrics partitions under " + reader.rootOf(InputTable.METRICS));
    }
    LocalDate first = parts.get(0).date();
    LocalDate last = parts.get(parts.size() - 1).date();
    if (until != null && until.isBefore(last)) {
      last = until;
    }
    if (last.isBefore(first)) {
      throw new BadInputException(
          "--until " + until + " is before the first day of input " + first);
    }
    Map<InputTable, Dataset<Row>> accepted = new EnumMap<>(InputTable.class);
    List<Validation.Outcome> outcomes = new ArrayList<>();
    Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    spark.sparkContext().setJobGroup("eval:risk", "risk backtest", false);
    try {
      for (InputTable table :
          List.of(InputTable.METRICS, InputTable.INCIDENTS, InputTable.CHANGES)) {
        TableReader.RawTable raw = reader.read(table, first, last);
        if (raw.present()) {
          Validation.Outcome o = Validation.run(raw, config.validation(), start, end);
          outcomes.add(o);
          accepted.put(table, o.accepted());
        }
      }
      InputTables t = new InputTables(accepted, start, end);
      Dataset<Row> labels = truth == null ? t.incidents() : TruthIncidents.read(spark, truth);
      List<RiskBacktest.HorizonResult> results =
          new RiskBacktest(config.risk())
              .run(
                  RiskFeatures.Inputs.fromPoints(t.metrics(), t.incidents(), t.changes(), Map.of()),
                  labels,
                  first,
                  last);
      Map<Integer, Map<String, Object>> ceilings = new LinkedHashMap<>();
      if (truth != null) {
        TruthIncidents.precursorStarts(spark, truth)
            .ifPresent(
                p ->
                    results.forEach(
                        r ->
                            ceilings.put(
                                r.horizonHours(), PrecursorCeiling.of(p, r, RiskBacktest.K))));
      }
      return new Result(results, ceilings, json(results, ceilings, first, last));
    } finally {
      outcomes.forEach(Validation.Outcome::release);
      spark.sparkContext().clearJobGroup();
    }
  }

  private Map<String, Object> json(
      List<RiskBacktest.HorizonResult> results,
      Map<Integer, Map<String, Object>> ceilings,
      LocalDate first,
      LocalDate last) {
    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, Object> byHorizon = new LinkedHashMap<>();
    List<Map<String, Object>> perHorizon = new ArrayList<>();
    for (RiskBacktest.HorizonResult r : results) {
      Map<String, Object> h = RiskBacktest.json(r, 15);
      if (ceilings.containsKey(r.horizonHours())) {
        h.put("precursor_ceiling", ceilings.get(r.horizonHours()));
      }
      perHorizon.add(h);
      byHorizon.put(RiskRanking.horizonText(r.horizonHours()), h);
    }
    if (results.isEmpty()) {
      Map<String, Object> none = new LinkedHashMap<>();
      METRIC_KEYS.forEach(k -> none.put(k, null));
      Map<String, Object> model = new LinkedHashMap<>(none);
      model.put("ece", null);
      json.put("model", model);
      Map<String, Object> baselines = new LinkedHashMap<>();
      baselines.put(RiskBacktest.RECENT_INCIDENTS, none);
      baselines.put(RiskBacktest.ANOMALY_COUNT, none);
      baselines.put(RiskBacktest.PRESENCE, none);
      json.put("baselines", baselines);
      json.put("note", "input too short for any horizon: " + first + " to " + last);
    } else {
      json.putAll(perHorizon.get(0));
    }
    json.put("first_day", first.toString());
    json.put("last_day", last.toString());
    json.put("labels", truth == null ? "incidents table" : truth + "/incidents.csv");
    json.put("classifier", config.risk().classifier());
    json.put("by_horizon", byHorizon);
    return json;
  }
}
