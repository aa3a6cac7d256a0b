package io.nightshift.jobs.eval.risk;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.nightshift.jobs.config.RiskSettings;
import io.nightshift.jobs.risk.HistoryFeatures;
import io.nightshift.jobs.risk.MetricFeatures;
import io.nightshift.jobs.risk.RiskFeatures;
import io.nightshift.jobs.risk.RiskLabels;
import io.nightshift.jobs.risk.RiskRanking;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.RiskScoresTable;
import io.nightshift.models.risk.FeatureStats;
import io.nightshift.models.risk.RiskModel;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Replays the last nights of an input as if each were tonight. Features are built once over the
 * whole range: each day's features use only data before its end (tested), so this equals building
 * them night by night. For each replayed night T the model is trained only on days whose horizon
 * had fully passed by T (day + horizon <= T), retraining every {@code evalRetrainEveryDays} nights;
 * replayed nights are the last {@code evalTestDays} whose own horizon is inside the data. Only
 * entity-nights with metric data are trained on and scored ({@link RiskFeatures#withData()}). The
 * model is compared with three baselines that need no learning: incidents on the entity in the last
 * 30 days, the entity's current count of anomalous metric-hours, and presence alone (days of the
 * last seven with data).
 */
public final class RiskBacktest {
  /** Training needs at least this many labelled days before the first replayed night. */
  static final int MIN_TRAIN_DAYS = 3;

  /**
   * Precision and recall are measured in the top this many entities of each night (the contract).
   */
  public static final int K = 10;

  public static final String RECENT_INCIDENTS = "recent_incidents";
  private static final String MODEL_SCORE = "model_score";
  public static final String ANOMALY_COUNT = "anomaly_count";

  /**
   * The presence-only baseline: days of the last seven on which the entity reported metrics. A
   * model that does no better than this wins by knowing who reported, not by what they reported.
   */
  public static final String PRESENCE = "presence";

  /** Night resamples behind the margin's interval. */
  static final int BOOTSTRAP_RESAMPLES = 1000;

  private final RiskSettings settings;

  public RiskBacktest(RiskSettings settings) {
    this.settings = settings;
  }

  /**
   * The result of one horizon: metrics per scorer, replayed days, and the last model's importances.
   */
  public record HorizonResult(
      int horizonHours,
      LocalDate firstNight,
      LocalDate lastNight,
      long rows,
      long positives,
      Map<String, Object> model,
      Map<String, Object> recentIncidents,
      Map<String, Object> anomalyCount,
      Map<String, Object> presence,
      Map<String, Object> margin,
      List<FeatureStats.Importance> importances) {}

  /**
   * Runs the backtest.
   *
   * @param inputs the input tables over the whole range
   * @param labelIncidents incidents that define the labels (truth or the incidents table)
   * @param firstDay first day with data
   * @param lastDay last day with data
   * @return one result per horizon that fits in the data
   */
  public List<HorizonResult> run(
      RiskFeatures.Inputs inputs,
      Dataset<Row> labelIncidents,
      LocalDate firstDay,
      LocalDate lastDay) {
    RiskFeatures.Built built =
        RiskFeatures.build(
            inputs,
            firstDay.plusDays(1),
            lastDay,
            new RiskFeatures.Options(
                settings.maxMetrics(), settings.zThreshold(), settings.failedChangeStatuses()));
    Dataset<Row> rows =
        RiskLabels.add(
                built.table().filter(RiskFeatures.withData()),
                labelIncidents,
                settings.horizonsHours())
            .coalesce(RiskRanking.partitions(inputs.hourlyMetrics().sparkSession()))
            .localCheckpoint();
    List<HorizonResult> out = new ArrayList<>();
    for (int h : settings.horizonsHours()) {
      HorizonResult r = horizon(rows, built.features(), h, firstDay, lastDay);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  private HorizonResult horizon(
      Dataset<Row> rows, List<String> features, int h, LocalDate firstDay, LocalDate lastDay) {
    int hd = h / 24;
    LocalDate lastNight = lastDay.minusDays(hd);
    LocalDate earliest = firstDay.plusDays(hd + MIN_TRAIN_DAYS);
    LocalDate firstNight = lastNight.minusDays(settings.evalTestDays() - 1L);
    if (firstNight.isBefore(earliest)) {
      firstNight = earliest;
    }
    if (firstNight.isAfter(lastNight)) {
      return null;
    }
    String label = RiskLabels.label(h);
    Dataset<Row> scored = null;
    RiskModel last = null;
    for (LocalDate t = firstNight;
        !t.isAfter(lastNight);
        t = t.plusDays(settings.evalRetrainEveryDays())) {
      LocalDate blockEnd = t.plusDays(settings.evalRetrainEveryDays() - 1L);
      if (blockEnd.isAfter(lastNight)) {
        blockEnd = lastNight;
      }
      Dataset<Row> train =
          rows.filter(col(RiskFeatures.DAY).leq(lit(Date.valueOf(t.minusDays(hd)))));
      RiskModel m = RiskRanking.estimator(settings, features, h).fit(train);
      Dataset<Row> block =
          m.transform(
                  rows.filter(
                      col(RiskFeatures.DAY)
                          .between(lit(Date.valueOf(t)), lit(Date.valueOf(blockEnd)))))
              .select(
                  col(RiskFeatures.DAY),
                  col(Cols.ENTITY),
                  col(RiskScoresTable.PROBABILITY),
                  RiskRanking.rankingScore().alias(MODEL_SCORE),
                  col(label),
                  col(RiskLabels.HOURS_TO_NEXT),
                  col(RiskLabels.NEXT_INCIDENT),
                  col(HistoryFeatures.INC_30D).alias(RECENT_INCIDENTS),
                  col(MetricFeatures.ANOMALY_HOURS).alias(ANOMALY_COUNT),
                  col(RiskFeatures.PRESENCE_DAYS).alias(PRESENCE));
      scored = scored == null ? block : scored.unionByName(block);
      last = m;
    }
    scored = scored.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      int k = K;
      long n = scored.count();
      long positives = scored.filter(col(label).gt(0)).count();
      Map<String, Object> model =
          BacktestMetrics.of(scored, MODEL_SCORE, label, k, RiskScoresTable.PROBABILITY);
      Map<String, Object> recent = BacktestMetrics.of(scored, RECENT_INCIDENTS, label, k, false);
      Map<String, Object> anomaly = BacktestMetrics.of(scored, ANOMALY_COUNT, label, k, false);
      Map<String, Object> presence = BacktestMetrics.of(scored, PRESENCE, label, k, false);
      String better = prAuc(recent) >= prAuc(anomaly) ? RECENT_INCIDENTS : ANOMALY_COUNT;
      return new HorizonResult(
          h,
          firstNight,
          lastNight,
          n,
          positives,
          model,
          recent,
          anomaly,
          presence,
          margin(scored, label, better),
          last.stats().importances());
    } finally {
      scored.unpersist();
    }
  }

  private static double prAuc(Map<String, Object> metrics) {
    Object v = metrics.get("pr_auc");
    return v == null ? Double.NEGATIVE_INFINITY : (Double) v;
  }

  /**
   * The model's PR-AUC over the better baseline's, resampled by night ({@link NightBootstrap}). The
   * rows come to the driver: one per entity and replayed night, a few thousand.
   */
  private static Map<String, Object> margin(Dataset<Row> scored, String label, String baseline) {
    Map<Object, List<double[]>> byNight = new TreeMap<>();
    for (Row r :
        scored
            .select(
                col(RiskFeatures.DAY),
                col(MODEL_SCORE).cast("double"),
                col(baseline).cast("double"),
                col(label).cast("double"))
            .collectAsList()) {
      byNight
          .computeIfAbsent(r.get(0), d -> new ArrayList<>())
          .add(new double[] {r.getDouble(1), r.getDouble(2), r.getDouble(3)});
    }
    List<NightBootstrap.Night> nights = new ArrayList<>();
    for (List<double[]> rows : byNight.values()) {
      double[] m = new double[rows.size()];
      double[] b = new double[rows.size()];
      double[] y = new double[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        m[i] = rows.get(i)[0];
        b[i] = rows.get(i)[1];
        y[i] = rows.get(i)[2];
      }
      nights.add(new NightBootstrap.Night(m, b, y));
    }
    NightBootstrap.Margin mg = NightBootstrap.prAucMargin(nights, BOOTSTRAP_RESAMPLES, 11L);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("versus", baseline);
    out.put("resamples", mg == null ? 0 : mg.used());
    out.put("pr_auc_ratio_median", mg == null ? null : mg.ratioMedian());
    out.put("pr_auc_ratio_95", mg == null ? null : List.of(mg.ratioLow(), mg.ratioHigh()));
    out.put("model_better_share", mg == null ? null : mg.modelBetterShare());
    return out;
  }

  /** A result as a JSON-ready map. */
  public static Map<String, Object> json(HorizonResult r, int importances) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("horizon_hours", r.horizonHours());
    m.put("first_night", r.firstNight().toString());
    m.put("last_night", r.lastNight().toString());
    m.put("rows", r.rows());
    m.put("positives", r.positives());
    m.put("model", r.model());
    Map<String, Object> b = new LinkedHashMap<>();
    b.put(RECENT_INCIDENTS, r.recentIncidents());
    b.put(ANOMALY_COUNT, r.anomalyCount());
    b.put(PRESENCE, r.presence());
    m.put("baselines", b);
    m.put("pr_auc_margin", r.margin());
    List<Map<String, Object>> imp = new ArrayList<>();
    for (FeatureStats.Importance i :
        r.importances().subList(0, Math.min(importances, r.importances().size()))) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("feature", i.feature());
      e.put("share", i.share());
      e.put("direction", i.direction());
      imp.add(e);
    }
    m.put("feature_importances", imp);
    return m;
  }
}
