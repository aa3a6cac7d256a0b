package io.nightshift.jobs.report;

import static io.nightshift.jobs.schema.AnomaliesTable.END;
import static io.nightshift.jobs.schema.AnomaliesTable.ENTITY;
import static io.nightshift.jobs.schema.AnomaliesTable.METRIC;
import static io.nightshift.jobs.schema.AnomaliesTable.START;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_seconds;

import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.stages.RunContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The metric samples the anomalies page charts around each shown event: a bounded number of points
 * per chart, read from the days the charts cover only.
 */
final class AnomalyChartSamples {

  /** Hours of samples charted before an event's start and after its end. */
  static final long BEFORE_HOURS = 24;

  static final long AFTER_HOURS = 6;

  /**
   * A chart's time span is cut into this many buckets and each bucket brings its lowest and highest
   * sample to the driver: a chart holds at most twice this many points whatever the metrics'
   * resolution (5-minute samples over the default span fill fewer buckets, and are all drawn).
   */
  static final int CHART_BUCKETS = 720;

  /**
   * The input samples of each shown event's series from {@link #BEFORE_HOURS} before its start to
   * {@link #AFTER_HOURS} after its end, in time order (one filtered join in Spark), at most the
   * lowest and highest of each of {@link #CHART_BUCKETS} buckets, so spikes stay on the chart.
   */
  static Map<String, List<TimeChart.Point>> of(RunContext ctx, Dataset<Row> shown) {
    Optional<Dataset<Row>> metrics = ctx.inputs().get(InputTable.METRICS);
    Map<String, List<TimeChart.Point>> out = new HashMap<>();
    if (metrics.isEmpty()) {
      return out;
    }
    Dataset<Row> keys =
        shown.select(
            col(ENTITY).as("k_entity"),
            col(METRIC).as("k_metric"),
            col(START).as("k_start"),
            unix_seconds(col(START)).minus(BEFORE_HOURS * 3600).as("k_from"),
            unix_seconds(org.apache.spark.sql.functions.coalesce(col(END), col(START)))
                .plus(AFTER_HOURS * 3600)
                .as("k_to"));
    // the charts' whole span, so the scan reads only the days it covers (a filter on the time stamp
    // skips the other days' files by their statistics), not the whole look-back window
    Row span =
        keys.agg(
                org.apache.spark.sql.functions.min("k_from"),
                org.apache.spark.sql.functions.max("k_to"))
            .first();
    if (span.isNullAt(0)) {
      return out;
    }
    Dataset<Row> m =
        metrics
            .get()
            .where(
                col(Cols.TS)
                    .geq(new java.sql.Timestamp(span.getLong(0) * 1000))
                    .and(col(Cols.TS).lt(new java.sql.Timestamp((span.getLong(1) + 1) * 1000))));
    List<Row> rows =
        m.join(
                broadcast(keys),
                m.col(Cols.ENTITY)
                    .equalTo(col("k_entity"))
                    .and(m.col(Cols.METRIC).equalTo(col("k_metric")))
                    .and(unix_seconds(m.col(Cols.TS)).between(col("k_from"), col("k_to"))))
            .select(
                col("k_entity"),
                col("k_metric"),
                col("k_start"),
                floor(
                        unix_seconds(m.col(Cols.TS))
                            .minus(col("k_from"))
                            .multiply(CHART_BUCKETS)
                            .divide(col("k_to").minus(col("k_from")).plus(1)))
                    .as("bucket"),
                unix_seconds(m.col(Cols.TS)).as("t"),
                m.col(Cols.VALUE).as("v"))
            .where(col("v").isNotNull())
            .groupBy("k_entity", "k_metric", "k_start", "bucket")
            .agg(
                min_by(struct(col("t"), col("v")), struct(col("v"), col("t"))).as("lo"),
                max_by(struct(col("t"), col("v")), struct(col("v"), col("t"))).as("hi"))
            .select(
                col("k_entity"),
                col("k_metric"),
                col("k_start"),
                explode(array_distinct(array(col("lo"), col("hi")))).as("p"))
            .select(col("k_entity"), col("k_metric"), col("k_start"), col("p.t"), col("p.v"))
            .orderBy("k_entity", "k_metric", "k_start", "t")
            .collectAsList();
    for (Row r : rows) {
      out.computeIfAbsent(
              r.get(0) + "\u0001" + r.get(1) + "\u0001" + r.get(2), k -> new ArrayList<>())
          .add(new TimeChart.Point(r.getLong(3), r.getDouble(4)));
    }
    return out;
  }

  private AnomalyChartSamples() {}
}
