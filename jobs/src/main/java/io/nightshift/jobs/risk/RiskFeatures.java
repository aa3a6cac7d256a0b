package io.nightshift.jobs.risk;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.HourlyMetrics;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The risk feature table: one row per entity (with its service) and day, every feature computed
 * from data before the end of that day. Metric features ({@link MetricFeatures}) and incident
 * history ({@link HistoryFeatures}) are always present; change features when the input has changes
 * (zeros otherwise: no changes is what the input says); each optional signal table adds its columns
 * only when present ({@link SignalFeatures}). Nulls (no data that day) read as 0; {@link
 * #withData()} tells the rows whose entity reported metrics that day, the only rows a model should
 * learn from or be judged on (scoring every entity every day lets "reported tonight" alone predict
 * incidents on a fleet that reports on some days only).
 */
public final class RiskFeatures {
  /** The day a row describes (features use data up to its end). */
  public static final String DAY = "day";

  /**
   * Not a feature: days of the last seven (the row's day included) on which the entity reported
   * metrics; the presence baseline of {@code eval risk} ranks by it.
   */
  public static final String PRESENCE_DAYS = "presence_days_7";

  private static final int HISTORY_DAYS = 30;
  private static final int BASELINE_DAYS = 8;

  private RiskFeatures() {}

  /**
   * What the features are built from.
   *
   * @param hourlyMetrics the metrics rolled up to hours ({@link HourlyMetrics})
   * @param incidents incident_id, entity, service, opened_at (at least)
   * @param changes change_id, entity, service, ts, status, when the input has them
   * @param signals other stages' tables by name (each optional)
   */
  public record Inputs(
      Dataset<Row> hourlyMetrics,
      Dataset<Row> incidents,
      Optional<Dataset<Row>> changes,
      Map<String, Dataset<Row>> signals) {

    /**
     * Inputs from the validated metric points ({@code ts, entity, metric, value, service, ...}).
     */
    public static Inputs fromPoints(
        Dataset<Row> metrics,
        Dataset<Row> incidents,
        Optional<Dataset<Row>> changes,
        Map<String, Dataset<Row>> signals) {
      return new Inputs(HourlyMetrics.of(metrics), incidents, changes, signals);
    }
  }

  /** How the features are built. */
  public record Options(int maxMetrics, double zThreshold, List<String> failedChangeStatuses) {}

  /**
   * The feature table and its feature columns (in model order).
   *
   * @param table entity, service, day, the features, last_failed_change
   * @param features numeric feature column names
   */
  public record Built(Dataset<Row> table, List<String> features) {}

  /** Whether a row's entity reported metrics on its day: the rows training and scoring use. */
  public static Column withData() {
    return col(MetricFeatures.METRIC_HOURS).gt(0);
  }

  /**
   * Builds rows for the days {@code from..to} (inclusive) from data before the end of {@code to}.
   */
  public static Built build(Inputs in, LocalDate from, LocalDate to, Options o) {
    return build(in, from, to, o, from);
  }

  /** Days of rows before a day that its features read (metric baselines and windows, presence). */
  public static final int LOOKBACK_DAYS = 7;

  /**
   * Builds the rows of the days {@code rowsFrom..to} only, each the same as {@link #build(Inputs,
   * LocalDate, LocalDate, Options)} of the window {@code from..to} gives it: its features read at
   * most {@value #LOOKBACK_DAYS} days of rows before it (plus the metric baseline), incident rates
   * count from each entity's first metric sample, and the metrics with their own columns are chosen
   * over the whole window. What a night whose models are all reused needs: tonight's rows. Signal
   * rows are read from {@code rowsFrom} on only (a row's signal features are those of its day). The
   * incident and change history starts where the window's build starts it, whatever the window's
   * length, so days since the last incident and the decayed rates count the same incidents.
   */
  public static Built build(
      Inputs in, LocalDate from, LocalDate to, Options o, LocalDate rowsFrom) {
    Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<String> top;
    Dataset<Row> entities;
    try (WindowMetricDays window = new WindowMetricDays(in.hourlyMetrics(), end)) {
      top = window.topMetrics(from.minusDays(BASELINE_DAYS), o.maxMetrics());
      entities = window.entities();
    }
    Instant metricsFrom =
        rowsFrom.minusDays(BASELINE_DAYS).atStartOfDay(ZoneOffset.UTC).toInstant();
    Dataset<Row> metrics =
        in.hourlyMetrics().filter(col(HourlyMetrics.HOUR).geq(lit(Timestamp.from(metricsFrom))));
    Dataset<Row> grid =
        entities
            .withColumn(
                DAY,
                explode(
                    sequence(
                        lit(Date.valueOf(from.minusDays(HISTORY_DAYS))), lit(Date.valueOf(to)))))
            .withColumn(
                MetricFeatures.DAY_NUM, datediff(col(DAY), lit(Date.valueOf("1970-01-01"))));
    List<String> features = new ArrayList<>();
    Dataset<Row> t = HistoryFeatures.withIncidents(grid, in.incidents(), end);
    features.addAll(HistoryFeatures.incidentFeatures());
    t = HistoryFeatures.withChanges(t, in.changes(), o.failedChangeStatuses(), end);
    features.addAll(HistoryFeatures.changeFeatures());
    t =
        t.filter(col(DAY).geq(lit(Date.valueOf(rowsFrom))))
            .drop(MetricFeatures.DAY_NUM, HistoryFeatures.FIRST_DAY_NUM);

    MetricFeatures.Result m = MetricFeatures.build(metrics, end, top, o.zThreshold());
    t = t.join(m.table(), List.of(Cols.ENTITY, DAY).toArray(new String[0]), "left");
    features.addAll(m.features());
    for (Map.Entry<String, Dataset<Row>> s : new LinkedHashMap<>(in.signals()).entrySet()) {
      Optional<SignalFeatures.Result> r =
          SignalFeatures.build(
              s.getKey(), s.getValue(), rowsFrom.atStartOfDay(ZoneOffset.UTC).toInstant(), end);
      if (r.isPresent()) {
        t = t.join(r.get().table(), List.of(Cols.ENTITY, DAY).toArray(new String[0]), "left");
        features.addAll(r.get().features());
      }
    }
    t = t.na().fill(0.0, features.toArray(new String[0]));
    t = t.na().fill(0.0, new String[] {MetricFeatures.METRIC_HOURS});
    t =
        t.withColumn(
            PRESENCE_DAYS,
            sum(when(col(MetricFeatures.METRIC_HOURS).gt(0), 1.0).otherwise(0.0))
                .over(Window.partitionBy(Cols.ENTITY).orderBy(col(DAY)).rowsBetween(-6, 0)));
    return new Built(t, features);
  }
}
