package io.nightshift.jobs.stages;

import static org.apache.spark.sql.functions.col;

import io.nightshift.jobs.config.AnomalySettings;
import io.nightshift.jobs.io.ModelPolicy;
import io.nightshift.jobs.io.ModelSpec;
import io.nightshift.jobs.io.ModelStore;
import io.nightshift.jobs.schema.AnomaliesTable;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.HourlyMetrics;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.models.anomaly.AnomalyDetector;
import io.nightshift.models.anomaly.AnomalyDetectorModel;
import io.nightshift.models.anomaly.SeriesDetector;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@code anomalies} table: every metric series is scored causally by the anomaly detector
 * (models/anomaly), fitted on the look-back window before the run date (or reused from an earlier
 * night in weekly mode, as the {@link ModelPolicy} decides; see {@link AnomalySettings}); the run
 * date's anomalous points are merged into events, one row per incident, described from their onset
 * by their most extreme value and a short reason ({@link AnomalyEvents}).
 */
public final class AnomalyStage implements NightlyStage {
  /** Name of the model in the {@link ModelStore}. */
  public static final String MODEL = "anomaly";

  @Override
  public String name() {
    return AnomaliesTable.NAME;
  }

  @Override
  public Set<InputTable> needs() {
    return Set.of(InputTable.METRICS);
  }

  @Override
  public Map<String, Dataset<Row>> compute(RunContext ctx) {
    AnomalySettings settings = ctx.config().anomaly();
    Dataset<Row> metrics = ctx.inputs().metrics();
    Instant dayStart = ctx.windowEnd().minus(1, ChronoUnit.DAYS);
    Fitted fitted = fitted(ctx, metrics, dayStart, settings);
    // Only the points the model has not learned: each series' detector streams on from its state,
    // so the earlier points would be skipped after a shuffle of the whole window.
    Dataset<Row> scored =
        fitted.model().transform(metrics.where(col(Cols.TS).geq(Timestamp.from(fitted.from()))));
    // The night's shared hourly rollup describes the series (service, sign, usual range): no
    // second pass over the window's raw points.
    return Map.of(
        AnomaliesTable.NAME, AnomalyEvents.of(scored, ctx.hourlyMetrics(), dayStart, settings));
  }

  /**
   * The model's spec: its settings and the detector's state version, so a model saved before the
   * detector's state changed is refitted (reading it would fail).
   */
  static ModelSpec spec(AnomalySettings settings, AnomalyDetector detector) {
    return ModelSpec.of(MODEL, retrain(settings), detector)
        .with(STATE_VERSION, SeriesDetector.STATE_VERSION);
  }

  /** Fingerprint key of the detector's state version. */
  static final String STATE_VERSION = "detector_state_version";

  /** A model and the time from which it has not seen the data (its training history's end). */
  record Fitted(AnomalyDetectorModel model, Instant from) {}

  /** Loads a recent model (weekly mode) or fits one on the history before the run date. */
  static AnomalyDetectorModel model(
      RunContext ctx, Dataset<Row> metrics, Instant dayStart, AnomalySettings settings) {
    return fitted(ctx, metrics, dayStart, settings).model();
  }

  private static Fitted fitted(
      RunContext ctx, Dataset<Row> metrics, Instant dayStart, AnomalySettings settings) {
    AnomalyDetector detector = new AnomalyDetector().setSettings(settings.detector());
    ModelSpec spec = spec(settings, detector);
    Dataset<Row> history = metrics.where(col(Cols.TS).lt(Timestamp.from(dayStart)));
    ModelStore.Obtained<AnomalyDetectorModel> m =
        ctx.models().reuseOrFit(spec, AnomalyDetectorModel::load, () -> detector.fit(history));
    if (!m.decision().reused()) {
      return new Fitted(m.model(), dayStart);
    }
    // A model saved on night N learned the history before N's day. It learns the days since, and
    // tonight keeps it for tomorrow, which then reads one new day rather than every day since N.
    Instant learnedUntil = m.decision().savedRunDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    if (!learnedUntil.isBefore(dayStart)) {
      return new Fitted(m.model(), learnedUntil);
    }
    AnomalyDetectorModel caughtUp =
        m.model()
            .advance(
                metrics.where(
                    col(Cols.TS)
                        .geq(Timestamp.from(learnedUntil))
                        .and(col(Cols.TS).lt(Timestamp.from(dayStart)))));
    return new Fitted(ctx.models().carry(spec, m.decision(), caughtUp), dayStart);
  }

  /**
   * {@code nightshift.anomaly.retrain}: "weekly" reuses a model fitted less than 7 days ago,
   * carried forward night by night (see {@link #fitted}).
   */
  static ModelPolicy.Retrain retrain(AnomalySettings settings) {
    return settings.retrainWeekly()
        ? ModelPolicy.Retrain.everyDays(7)
        : ModelPolicy.Retrain.everyNight();
  }

  /**
   * Merges the anomalous points of the run date (score at or above the alert level) into events:
   * points of one series less than {@code mergeGapMinutes} apart are one event, described from its
   * onset (see {@link AnomalyEvents}: direction, baseline and most extreme value).
   *
   * @param scored the model's output (see {@link AnomalyDetectorModel#OUTPUT_SCHEMA})
   * @param metrics the input metrics of the look-back window (each series' service as of the points
   *     from {@code dayStart}; whether its values are ever negative; its usual range)
   */
  public static Dataset<Row> events(
      Dataset<Row> scored, Dataset<Row> metrics, Instant dayStart, AnomalySettings settings) {
    return AnomalyEvents.of(scored, HourlyMetrics.of(metrics), dayStart, settings);
  }
}
