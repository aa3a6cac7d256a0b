package io.nightshift.models.incidents;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_seconds;

import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Finds the precursors of each incident family: signal items (a metric anomaly of some metric, a
 * log template, a change) that are present on the incident's service in the hours before the
 * family's incidents far more often than at other times. An event is an interval [start, end] (a
 * point when end is null): an anomaly while it lasts, a log template's hour, a change's instant.
 * For a look-back of H hours:
 *
 * <ul>
 *   <li>support(F, x): the share of family F's incidents with an event of item x on the incident's
 *       service that overlaps [opened_at - H, opened_at) (start before opened_at, end at or after
 *       opened_at - H): a slow leak that began two days ago and is still going counts.
 *   <li>baseline(s, x): the share of all hour-aligned windows of H hours inside the run's window
 *       that contain an hour touched by an event of x on service s (the chance that a window placed
 *       at random sees x). baseline(F, x) averages baseline(s_i, x) over F's incidents i.
 *   <li>lift(F, x) = support / baseline: how much likelier x is just before F's incidents than in
 *       any window of the same length.
 * </ul>
 *
 * Precursors act on different time scales (a deploy minutes before, a memory leak a day before), so
 * every item is scored at each of the given look-back lengths; among the lengths where it qualifies
 * (at least {@code minIncidents} incidents, support >= {@code minSupport}, lift >= {@code minLift})
 * the one with the highest lift is kept and reported as {@code hours}. Items are ranked by lift,
 * then support, and the first {@code topK} kept. Events outside the run's window are ignored.
 */
public final class PrecursorMiner {
  private final long windowStart;
  private final int totalHours;
  private final int[] lookbackHours;
  private final double minSupport;
  private final double minLift;
  private final int minIncidents;
  private final int topK;

  public PrecursorMiner(
      Instant windowStart,
      Instant windowEnd,
      int[] lookbackHours,
      double minSupport,
      double minLift,
      int minIncidents,
      int topK) {
    if (lookbackHours.length == 0
        || java.util.Arrays.stream(lookbackHours).anyMatch(h -> h < 1)
        || topK < 1
        || minIncidents < 1) {
      throw new IllegalArgumentException(
          "lookbackHours (at least one), topK and minIncidents must be >= 1");
    }
    this.windowStart = windowStart.getEpochSecond();
    this.totalHours = (int) ((windowEnd.getEpochSecond() - this.windowStart) / 3600);
    this.lookbackHours = lookbackHours.clone();
    this.minSupport = minSupport;
    this.minLift = minLift;
    this.minIncidents = minIncidents;
    this.topK = topK;
  }

  /**
   * @param incidents incident_id, service, opened_at, family_id
   * @param events service, start, end (null for a point event), kind, name
   * @return family_id, precursors: array of struct(rank, kind, name, support, lift, incidents,
   *     hours), best first; families without a qualifying item are absent
   */
  public Dataset<Row> mine(Dataset<Row> incidents, Dataset<Row> events) {
    Column s = unix_seconds(col("start"));
    Column t = greatest(unix_seconds(coalesce(col("end"), col("start"))), s);
    Dataset<Row> ev =
        events
            .where(
                col("service")
                    .isNotNull()
                    .and(col("name").isNotNull())
                    .and(col("start").isNotNull()))
            .select(col("service"), col("kind"), col("name"), s.as("_s"), t.as("_t"))
            .where(col("_t").geq(windowStart).and(col("_s").lt(windowStart + totalHours * 3600L)))
            .withColumn(
                "_j",
                explode(
                    sequence(
                        greatest(hourOf(col("_s")), lit(0L)),
                        least(hourOf(col("_t")), lit((long) totalHours - 1)))));
    Dataset<Row> all = null;
    for (int h : lookbackHours) {
      Dataset<Row> one = liftAt(incidents, ev, h);
      all = all == null ? one : all.unionByName(one);
    }
    Dataset<Row> lift =
        all.where(col("support").geq(minSupport).and(col("lift").geq(minLift)))
            .withColumn(
                "_best",
                row_number()
                    .over(
                        Window.partitionBy("family_id", "kind", "name")
                            .orderBy(col("lift").desc(), col("hours"))))
            .where(col("_best").equalTo(1));
    Dataset<Row> ranked =
        lift.withColumn(
                "rank",
                row_number()
                    .over(
                        Window.partitionBy("family_id")
                            .orderBy(
                                col("lift").desc(),
                                col("support").desc(),
                                col("kind"),
                                col("name"))))
            .where(col("rank").leq(topK));
    return ranked
        .groupBy("family_id")
        .agg(
            array_sort(
                    collect_list(
                        struct(
                            col("rank").cast("int").as("rank"),
                            col("kind"),
                            col("name"),
                            col("support"),
                            col("lift"),
                            col("_k").as("incidents"),
                            col("hours").cast("int").as("hours"))))
                .as("precursors"));
  }

  private Column hourOf(Column epochSeconds) {
    return floor(epochSeconds.minus(windowStart).divide(3600));
  }

  /** Support and lift of every (family, item) for one look-back length h (hours). */
  private Dataset<Row> liftAt(Dataset<Row> incidents, Dataset<Row> ev, int hours) {
    long h = hours * 3600L;
    Dataset<Row> famSize = incidents.groupBy("family_id").agg(count(lit(1)).as("_n"));
    Dataset<Row> famServices =
        incidents.groupBy("family_id", "service").agg(count(lit(1)).as("_n_s"));
    Dataset<Row> pre =
        incidents
            .select(
                col("incident_id"),
                col("service").as("_i_service"),
                col("family_id"),
                unix_seconds(col("opened_at")).as("_o"))
            .withColumn(
                "_pj", explode(sequence(hourOf(col("_o").minus(h)), hourOf(col("_o").minus(1)))));
    Dataset<Row> support =
        pre.join(ev, col("_pj").equalTo(col("_j")).and(col("_i_service").equalTo(col("service"))))
            .where(col("_s").lt(col("_o")).and(col("_t").geq(col("_o").minus(h))))
            .groupBy("family_id", "kind", "name")
            .agg(countDistinct("incident_id").as("_k"))
            .where(col("_k").geq(minIncidents));
    return support
        .join(famServices, "family_id")
        .join(baseline(ev, hours), seq("service", "kind", "name"), "left")
        .groupBy("family_id", "kind", "name", "_k")
        .agg(sum(col("_n_s").multiply(coalesce(col("_cover"), lit(0.0)))).as("_bw"))
        .join(famSize, "family_id")
        .withColumn("support", col("_k").divide(col("_n")))
        .withColumn("_baseline", col("_bw").divide(col("_n")))
        .where(col("_baseline").gt(0))
        .withColumn("lift", col("support").divide(col("_baseline")))
        .withColumn("hours", lit(hours))
        .select("family_id", "kind", "name", "_k", "support", "lift", "hours");
  }

  private static scala.collection.immutable.Seq<String> seq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of(names)).toSeq();
  }

  /**
   * Per (service, kind, name): _cover, the share of hour-aligned windows of lookbackHours hours
   * inside the run's window that contain an event. Counts, over the sorted distinct event hours j,
   * the window starts in [max(j - H + 1, previous j + 1, 0), min(j, last start)] (each start once).
   */
  Dataset<Row> baseline(Dataset<Row> ev, int lookbackHours) {
    int positions = Math.max(totalHours - lookbackHours + 1, 1);
    Column prev =
        lag(col("_j"), 1).over(Window.partitionBy("service", "kind", "name").orderBy("_j"));
    Column lo =
        greatest(
            col("_j").minus(lookbackHours - 1),
            coalesce(prev.plus(1), lit(Long.MIN_VALUE)),
            lit(0));
    Column hi = least(col("_j"), lit(positions - 1));
    return ev.select("service", "kind", "name", "_j")
        .distinct()
        .withColumn("_new", greatest(hi.minus(lo).plus(1), lit(0)))
        .groupBy("service", "kind", "name")
        .agg(sum("_new").divide(positions).as("_cover"));
  }
}
