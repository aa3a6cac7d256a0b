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
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

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
   *
   * @param shown the page's rows, already collected (entity, metric, start and end at least): the
   *     join's keys are built from them, so the query that chose them is not run again
   */
  static Map<String, List<TimeChart.Point>> of(RunContext ctx, List<Row> shown) {
    Optional<Dataset<Row>> metrics = ctx.inputs().get(InputTable.METRICS);
    Map<String, List<TimeChart.Point>> out = new HashMap<>();
    if (metrics.isEmpty() || shown.isEmpty()) {
      return out;
    }
    List<Row> keyRows = new ArrayList<>();
    long from = Long.MAX_VALUE;
    long to = Long.MIN_VALUE;
    for (Row r : shown) {
      Timestamp start = r.getAs(START);
      Timestamp end = r.getAs(END);
      long kFrom = seconds(start) - BEFORE_HOURS * 3600;
      long kTo = seconds(end == null ? start : end) + AFTER_HOURS * 3600;
      keyRows.add(RowFactory.create(r.getAs(ENTITY), r.getAs(METRIC), start, kFrom, kTo));
      from = Math.min(from, kFrom);
      to = Math.max(to, kTo);
    }
    Dataset<Row> keys = ctx.spark().createDataFrame(keyRows, KEYS);
    // the charts' whole span, so the scan reads only the days it covers (a filter on the time stamp
    // skips the other days' files by their statistics), not the whole look-back window
    Dataset<Row> m =
        metrics
            .get()
            .where(
                col(Cols.TS)
                    .geq(new Timestamp(from * 1000))
                    .and(col(Cols.TS).lt(new Timestamp((to + 1) * 1000))));
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
      out.computeIfAbsent(key(r.get(0), r.get(1), r.get(2)), k -> new ArrayList<>())
          .add(new TimeChart.Point(r.getLong(3), r.getDouble(4)));
    }
    return out;
  }

  /** The join's keys: a shown event's series, its start, and its chart's span in epoch seconds. */
  private static final StructType KEYS =
      new StructType()
          .add("k_entity", DataTypes.StringType)
          .add("k_metric", DataTypes.StringType)
          .add("k_start", DataTypes.TimestampType)
          .add("k_from", DataTypes.LongType)
          .add("k_to", DataTypes.LongType);

  /**
   * The key of an event's samples: its entity, metric and start (also how the page matches a
   * situation's anomaly members to the shown events).
   */
  static String key(Object entity, Object metric, Object start) {
    return entity + "\u0001" + metric + "\u0001" + start;
  }

  /** Epoch seconds, rounded down as Spark's {@code unix_seconds} does. */
  private static long seconds(Timestamp t) {
    return Math.floorDiv(t.getTime(), 1000L);
  }

  private AnomalyChartSamples() {}
}
