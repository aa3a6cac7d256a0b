package io.nightshift.jobs.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.nightshift.jobs.config.RiskSettings;
import io.nightshift.jobs.io.ModelPolicy;
import io.nightshift.jobs.io.ModelSpec;
import io.nightshift.jobs.io.ModelStore;
import io.nightshift.jobs.risk.CapacityDays;
import io.nightshift.jobs.risk.RiskFeatures;
import io.nightshift.jobs.risk.RiskLabels;
import io.nightshift.jobs.risk.RiskOutcomes;
import io.nightshift.jobs.risk.RiskRanking;
import io.nightshift.jobs.risk.SignalHistory;
import io.nightshift.jobs.schema.CapacityForecastTable;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.RiskBacktestTable;
import io.nightshift.jobs.schema.RiskScoresTable;
import io.nightshift.models.risk.RiskEstimator;
import io.nightshift.models.risk.RiskModel;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code risk_scores}: for the run date, every entity with metrics tonight, its calibrated
 * probability of an incident within each horizon beside the fleet's usual probability, its rank
 * (ties share one) and its top three factors in words; when a resource fills is quoted from
 * tonight's {@code capacity_forecast} ({@link CapacityDays}; this stage runs after it). Training
 * and scoring use entity-days with metric data only. It also writes {@code risk_backtest} ({@link
 * RiskOutcomes}): how earlier nights' scores in this output fared against the incidents since.
 * Features come from the window's metrics, incidents and changes, plus the signal tables earlier
 * stages wrote this run (each optional) joined by what earlier runs wrote to them over the window
 * ({@link SignalHistory}), so the model can learn from those signals. Per horizon, the {@link
 * ModelPolicy} reuses the newest saved model younger than {@code retrainEveryDays} when it was
 * fitted with the same features and settings; otherwise a model is trained on the window's days
 * whose horizon has fully passed by tonight, and saved with the night's outputs.
 */
public final class RiskStage implements NightlyStage {
  private static final Logger LOG = LoggerFactory.getLogger(RiskStage.class);

  /** Signal tables of earlier stages the features use when present. */
  public static final List<String> SIGNALS = List.of("anomalies", "log_signals");

  @Override
  public String name() {
    return "risk";
  }

  @Override
  public Set<InputTable> needs() {
    return Set.of(InputTable.METRICS, InputTable.INCIDENTS);
  }

  @Override
  public Map<String, Dataset<Row>> compute(RunContext ctx) {
    RiskSettings s = ctx.config().risk();
    LocalDate first = ctx.windowStart().atZone(ZoneOffset.UTC).toLocalDate();
    RiskFeatures.Options o =
        new RiskFeatures.Options(s.maxMetrics(), s.zThreshold(), s.failedChangeStatuses());
    // Reused models need tonight's rows only: build the last days' rows first, and the window's
    // when a model is to be trained.
    LocalDate recent = ctx.runDate().minusDays(RiskFeatures.LOOKBACK_DAYS);
    LocalDate rowsFrom = recent.isAfter(first) ? recent : first;
    RiskFeatures.Built built =
        RiskFeatures.build(inputs(ctx, rowsFrom), first, ctx.runDate(), o, rowsFrom);
    boolean scoreOnly = recentRowsSuffice(ctx.models(), s, built.features());
    if (!scoreOnly) {
      built = RiskFeatures.build(inputs(ctx, first), first, ctx.runDate(), o);
    }
    // Labels are what training learns from; a night that reuses every model only scores.
    Dataset<Row> withData = built.table().filter(RiskFeatures.withData());
    Dataset<Row> rows =
        (scoreOnly
                ? withData
                : RiskLabels.add(withData, ctx.inputs().incidents(), s.horizonsHours()))
            .coalesce(RiskRanking.partitions(ctx.spark()))
            .localCheckpoint();
    Row span = rows.agg(min(col(RiskFeatures.DAY)), max(col(RiskFeatures.DAY))).first();
    if (span.isNullAt(0)) {
      LOG.warn(
          "risk: no entity reported metrics between {} and {}; nothing to learn from or score",
          first,
          ctx.runDate());
      return Map.of();
    }
    if (!day(span.get(1)).equals(ctx.runDate())) {
      LOG.warn("risk: no entity reported metrics on {}; nothing to score", ctx.runDate());
      return Map.of();
    }
    LocalDate firstDay = day(span.get(0));
    Dataset<Row> tonight =
        CapacityDays.join(
            rows.filter(col(RiskFeatures.DAY).equalTo(lit(Date.valueOf(ctx.runDate())))),
            ctx.table(CapacityForecastTable.NAME));
    List<RiskRanking.HorizonModel> models = new ArrayList<>();
    for (int h : s.horizonsHours()) {
      model(ctx, s, built.features(), rows, firstDay, h).ifPresent(models::add);
    }
    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    if (!models.isEmpty()) {
      tables.put(RiskScoresTable.NAME, RiskRanking.scoresTable(tonight, models));
    }
    RiskOutcomes.of(
            ctx.spark(),
            ctx.config().output().path(),
            ctx.inputs().incidents(),
            s.horizonsHours(),
            first,
            ctx.runDate())
        .ifPresent(t -> tables.put(RiskBacktestTable.NAME, t));
    return tables;
  }

  /**
   * What the features are built from, with the signal tables of the nights from {@code signalsFrom}
   * on: the features of a row read its own day's signals only, so rows built from that day on need
   * no earlier night's partitions.
   */
  private static RiskFeatures.Inputs inputs(RunContext ctx, LocalDate signalsFrom) {
    Map<String, Dataset<Row>> signals = new LinkedHashMap<>();
    for (String name : SIGNALS) {
      ctx.table(name)
          .ifPresent(
              t ->
                  signals.put(
                      name,
                      SignalHistory.withEarlierRuns(
                          ctx.spark(),
                          ctx.config().output().path(),
                          name,
                          t,
                          signalsFrom,
                          ctx.runDate())));
    }
    return new RiskFeatures.Inputs(
        ctx.hourlyMetrics(), ctx.inputs().incidents(), ctx.inputs().changes(), signals);
  }

  /**
   * Whether tonight's rows are all the night needs: the model of every horizon is reused, and none
   * was fitted on this run date. A re-run of the night that fitted them builds the window's rows as
   * that night did, so its scores are the same to the last bit (the last days' build equals the
   * window's within float rounding only: sums may add in another order).
   */
  private static boolean recentRowsSuffice(
      ModelStore store, RiskSettings s, List<String> features) {
    return s.horizonsHours().stream()
        .map(h -> store.decide(spec(s, RiskRanking.estimator(s, features, h), h)))
        .allMatch(d -> d.reused() && d.savedRunDate().isBefore(store.tonight()));
  }

  /**
   * What the {@link ModelPolicy} knows of the model of horizon {@code h}: its name, {@code
   * nightshift.risk.retrainEveryDays} and the estimator's params (features included).
   */
  static ModelSpec spec(RiskSettings s, RiskEstimator estimator, int h) {
    return ModelSpec.of(
        modelName(h), ModelPolicy.Retrain.everyDays(s.retrainEveryDays()), estimator);
  }

  /** The model of one horizon in the {@link ModelStore}: {@code risk_24h}, {@code risk_7d}. */
  public static String modelName(int horizonHours) {
    return "risk_" + RiskRanking.horizonText(horizonHours);
  }

  private static LocalDate day(Object date) {
    return date instanceof LocalDate d ? d : ((Date) date).toLocalDate();
  }

  /** The model of horizon {@code h}: reused, or fitted on the days whose labels are complete. */
  private Optional<RiskRanking.HorizonModel> model(
      RunContext ctx,
      RiskSettings s,
      List<String> features,
      Dataset<Row> rows,
      LocalDate firstDay,
      int h) {
    RiskEstimator estimator = RiskRanking.estimator(s, features, h);
    ModelSpec spec = spec(s, estimator, h);
    ModelStore store = ctx.models();
    ModelPolicy.Decision d = store.decide(spec);
    if (d.reused()) {
      RiskModel m =
          store.load(d, p -> RiskModel.load(p).setNumFactors(RiskRanking.PROPOSED_FACTORS));
      return Optional.of(new RiskRanking.HorizonModel(h, m, d.savedRunDate()));
    }
    LocalDate lastLabelled = ctx.runDate().minusDays(h / 24);
    if (firstDay.isAfter(lastLabelled)) {
      LOG.warn(
          "risk {}: no day with metrics in the window is {} h before tonight (the labels need that"
              + " long); not scored",
          spec.name(),
          h);
      return Optional.empty();
    }
    Dataset<Row> train = rows.filter(col(RiskFeatures.DAY).leq(lit(Date.valueOf(lastLabelled))));
    RiskModel m = store.save(spec, d, estimator.fit(train));
    return Optional.of(new RiskRanking.HorizonModel(h, m, ctx.runDate()));
  }
}
