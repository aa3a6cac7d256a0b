package io.nightshift.jobs.stages;

import static io.nightshift.jobs.schema.CapacityForecastTable.*;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.config.ForecastSettings;
import io.nightshift.jobs.io.ModelPolicy;
import io.nightshift.jobs.io.ModelSpec;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.HourlyMetrics;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.models.forecast.Forecaster;
import io.nightshift.models.forecast.ForecasterModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The {@code capacity_forecast} table: for every resource with a capacity (a metric whose capacity
 * column is set, or one listed in {@code nightshift.forecast.capacities}), resamples each entity's
 * series to hourly means in Spark, fits the per-series forecaster in parallel ({@link Forecaster}),
 * and reports current and peak utilisation, the p50/p90 forecasts at 7/30/90 days and the days
 * until the p90, p50 and p10 paths reach each configured threshold and until the median fills the
 * resource. Forecast paths are bounded by the capacity (a resource that fills stays at 100%). Each
 * row carries the forecast's skill from its own backtest in words and a confidence ({@link
 * ForecastConfidence}): a forecast no better than a naive one is low confidence, with why.
 */
public final class CapacityForecastStage implements NightlyStage {
  private static final String SERIES = "_series";
  private static final String HOUR = "_hour";
  private static final String THR = "_thr_value";
  private static final String PEAK = "_peak";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<InputTable> needs() {
    return Set.of(InputTable.METRICS);
  }

  @Override
  public Map<String, Dataset<Row>> compute(RunContext ctx) {
    ForecastSettings s = ctx.config().forecast();
    return Map.of(
        NAME, fromHourly(ctx.hourlyMetrics(), s, ctx::cacheForStage, model -> keep(ctx, s, model)));
  }

  /**
   * The forecaster is fitted every night ({@link ModelPolicy}); saved with the night's outputs
   * unless {@code nightshift.forecast.saveModel} is false.
   */
  private static void keep(RunContext ctx, ForecastSettings s, ForecasterModel model) {
    ModelSpec spec = ModelSpec.of(NAME, ModelPolicy.Retrain.everyNight(), model);
    ModelPolicy.Decision d = ctx.models().decide(spec);
    if (s.saveModel()) {
      ctx.models().save(spec, d, model);
    } else {
      ctx.models().record(d.notSaved("nightshift.forecast.saveModel = false"));
    }
  }

  /**
   * The table for the metrics of one window (public for tests).
   *
   * @param metrics validated metrics: ts, entity, metric, value, service, capacity
   * @param saveModelTo where to save the fitted model, if anywhere
   */
  public static Dataset<Row> compute(
      Dataset<Row> metrics, ForecastSettings s, Optional<String> saveModelTo) {
    List<Dataset<Row>> cached = new ArrayList<>();
    Dataset<Row> table =
        fromHourly(
                HourlyMetrics.of(metrics),
                s,
                d -> {
                  cached.add(d.persist(StorageLevel.MEMORY_AND_DISK()));
                  return d;
                },
                model -> saveModelTo.ifPresent(path -> save(model, path)))
            .localCheckpoint();
    cached.forEach(Dataset::unpersist);
    return table;
  }

  /**
   * The table from the window's hourly roll-up ({@link HourlyMetrics}), lazily: each series is
   * gathered once, with its summary (last values, peak, hours), and fitted and forecast in one pass
   * ({@link Forecaster#fitAndForecast}), whose result is persisted for the model and the table to
   * share. Whoever persists it unpersists it once the table is written.
   *
   * @param cache persists the per-series fits and forecasts (read by the model and the table)
   * @param fitted called with the fitted model before the table is read: saving it computes the
   *     fits and forecasts
   */
  static Dataset<Row> fromHourly(
      Dataset<Row> hourlyMetrics,
      ForecastSettings s,
      UnaryOperator<Dataset<Row>> cache,
      Consumer<ForecasterModel> fitted) {
    Column configured = lit(null).cast("double");
    for (Map.Entry<String, Double> e : s.capacities().entrySet()) {
      configured =
          when(col(Cols.METRIC).equalTo(e.getKey()), lit(e.getValue())).otherwise(configured);
    }
    Column capacity = coalesce(col(HourlyMetrics.CAPACITY_LAST), configured);
    Column hour = col(HourlyMetrics.HOUR);
    Dataset<Row> series =
        hourlyMetrics
            .groupBy(concat_ws("\u001f", col(Cols.ENTITY), col(Cols.METRIC)).as(SERIES))
            .agg(
                max_by(col(Cols.ENTITY), hour).as(ENTITY),
                max_by(col(Cols.METRIC), hour).as(RESOURCE),
                max_by(col(Cols.SERVICE), hour).as(SERVICE),
                max_by(capacity, when(capacity.isNotNull(), hour)).as(CAPACITY),
                max_by(col(HourlyMetrics.VALUE_LAST), hour).as(CURRENT_VALUE),
                max(col(HourlyMetrics.VALUE_MAX)).as(PEAK),
                count(lit(1)).as(HISTORY_HOURS),
                Forecaster.points(hour, col(HourlyMetrics.VALUE_AVG)).as(Forecaster.POINTS))
            .where(col(CAPACITY).isNotNull().and(col(CAPACITY).gt(0)))
            .where(col(HISTORY_HOURS).geq(s.minHistoryHours()));
    int horizon = s.horizonDays() * 24;
    Forecaster forecaster =
        new Forecaster()
            .setSeriesCol(SERIES)
            .setTimeCol(HOUR)
            .setValueCol(Cols.VALUE)
            .setStepSeconds(3600)
            .setSeason(s.season())
            .setLongSeason(s.longSeason())
            .setHorizon(horizon)
            .setBacktestHorizon(Math.min(s.backtestHorizonHours(), horizon))
            .setOrigins(s.backtestOrigins())
            .setOriginStep(s.originStepHours())
            .setCombineTop(s.combineTop())
            .setAdjustLevelShifts(s.adjustLevelShifts());
    Dataset<Row> joined =
        cache.apply(forecaster.fitAndForecast(series).drop("point", "lower95", "upper95"));
    fitted.accept(forecaster.model(joined));
    Column thresholds = array(s.thresholdsPct().stream().map(v -> lit(v)).toArray(Column[]::new));
    for (Map.Entry<String, List<Double>> e : s.metricThresholdsPct().entrySet()) {
      thresholds =
          when(
                  col(RESOURCE).equalTo(e.getKey()),
                  array(e.getValue().stream().map(v -> lit(v)).toArray(Column[]::new)))
              .otherwise(thresholds);
    }
    Dataset<Row> rows =
        capped(joined)
            .withColumn(THRESHOLD_PCT, explode(thresholds))
            .withColumn(THR, col(CAPACITY).multiply(col(THRESHOLD_PCT)).divide(100));
    Column saturatedNow = col(CURRENT_VALUE).geq(col(THR));
    Column origin = col(ForecasterModel.ORIGIN);
    Column resetHours = col(ForecasterModel.RESET_STEPS_AGO);
    Dataset<Row> table =
        rows.withColumn(DAYS_P50, days("p50", THR, saturatedNow))
            .withColumn(DAYS_P90, days("p90", THR, saturatedNow))
            .withColumn(DAYS_P10, days("p10", THR, saturatedNow))
            .withColumn(DAYS_TO_FULL, days("p50", CAPACITY, col(CURRENT_VALUE).geq(col(CAPACITY))))
            .withColumn(SATURATES, col(DAYS_P50).isNotNull())
            .withColumn(
                STATUS,
                when(saturatedNow, lit(STATUS_SATURATED))
                    .when(col(DAYS_P50).isNotNull(), lit(STATUS_WILL))
                    .when(col(DAYS_P90).isNotNull(), lit(STATUS_MAY))
                    .otherwise(lit(notWithin(s.horizonDays()))))
            .withColumn(
                LEVEL_RESET_AT,
                when(resetHours.isNotNull(), after(origin, resetHours.multiply(-3600L))))
            .select(
                col(ENTITY),
                col(SERVICE),
                col(RESOURCE),
                col(CAPACITY),
                col(THRESHOLD_PCT),
                col(CURRENT_VALUE),
                utilisation(col(CURRENT_VALUE)).as(CURRENT_UTILISATION_PCT),
                utilisation(col(PEAK)).as(PEAK_UTILISATION_PCT),
                pctAt("p50", 7, horizon).as(P50_7D),
                pctAt("p90", 7, horizon).as(P90_7D),
                pctAt("p50", 30, horizon).as(P50_30D),
                pctAt("p90", 30, horizon).as(P90_30D),
                pctAt("p50", 90, horizon).as(P50_90D),
                pctAt("p90", 90, horizon).as(P90_90D),
                col(DAYS_P90),
                col(DAYS_P50),
                col(DAYS_P10),
                after(origin, col(DAYS_P50).multiply(86_400)).as(CROSSING_AT),
                col(DAYS_TO_FULL),
                after(origin, col(DAYS_TO_FULL).multiply(86_400)).as(FULL_AT),
                col(SATURATES),
                col(STATUS),
                col(ForecasterModel.MODEL).as(MODEL),
                col(ForecasterModel.BACKTEST_MASE).as(BACKTEST_MASE),
                ForecastConfidence.skill(col(ForecasterModel.BACKTEST_MASE)).as(SKILL),
                ForecastConfidence.level(col(ForecasterModel.BACKTEST_MASE), resetHours)
                    .as(CONFIDENCE),
                ForecastConfidence.note(col(ForecasterModel.BACKTEST_MASE), resetHours)
                    .as(CONFIDENCE_NOTE),
                col(LEVEL_RESET_AT),
                col(HISTORY_HOURS).cast("int").as(HISTORY_HOURS),
                origin.as(FORECAST_ORIGIN),
                lit(s.horizonDays()).as(HORIZON_DAYS),
                path("p10", horizon).as(P10_PATH),
                path("p50", horizon).as(P50_PATH),
                path("p90", horizon).as(P90_PATH));
    return table;
  }

  /**
   * The forecast paths bounded by the capacity: a resource that fills stays full (100%), it does
   * not run past its capacity.
   */
  private static Dataset<Row> capped(Dataset<Row> joined) {
    Dataset<Row> d = joined;
    for (String p : new String[] {"p10", "p50", "p90"}) {
      d = d.withColumn(p, expr("transform(" + p + ", x -> least(x, " + CAPACITY + "))"));
    }
    return d;
  }

  /**
   * Days (hours / 24) until a path first reaches the level in column {@code level}; 0 if already;
   * null if never within the horizon.
   */
  private static Column days(String path, String level, Column already) {
    Column idx = expr("array_position(transform(" + path + ", x -> x >= " + level + "), true)");
    return when(already, lit(0.0))
        .when(idx.gt(0), idx.cast("double").divide(24))
        .otherwise(lit(null).cast("double"));
  }

  /** The time {@code seconds} after {@code t} (null when either is null). */
  private static Column after(Column t, Column seconds) {
    return timestamp_seconds(unix_seconds(t).plus(round(seconds).cast("long")));
  }

  /** Percent of capacity, at most 100. */
  private static Column utilisation(Column v) {
    return least(v.divide(col(CAPACITY)).multiply(100), lit(100.0));
  }

  private static Column pctAt(String path, int days, int horizon) {
    return days * 24 <= horizon
        ? utilisation(element_at(col(path), days * 24))
        : lit(null).cast("double");
  }

  /** The first {@link #PATH_HOURS} hourly steps of a (capped) path, percent of capacity. */
  private static Column path(String path, int horizon) {
    return expr(
        "transform(slice("
            + path
            + ", 1, "
            + Math.min(PATH_HOURS, horizon)
            + "), x -> least(x / "
            + CAPACITY
            + " * 100, 100.0))");
  }

  private static void save(ForecasterModel model, String path) {
    try {
      model.write().overwrite().save(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the capacity forecast model to " + path, e);
    }
  }
}
