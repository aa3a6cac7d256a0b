package io.nightshift.models.incidents;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.first;
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
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Finds the precursors of each incident family: signal items (a metric anomaly of some metric, a
 * log template, a change) that are present on the incident's service (or, for an event that names
 * an entity, on the incident's entity) in the hours before the family's incidents far more often
 * than at other times. An event is an interval [start, end] (a point when end is null): an anomaly
 * while it lasts, a log template's hour, a change's instant. For a look-back of H hours:
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
 *
 * <p>Events may carry a {@code detail} (e.g. a change's outcome, the direction an anomalous metric
 * moved): each precursor then lists the details of the distinct events that preceded the family's
 * incidents at its look-back, with how many events had each, so that a reader can be told what
 * happened and not only which item it was.
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
   * @param incidents incident_id, service, opened_at, family_id, and optionally entity
   * @param events service, start, end (null for a point event), kind, name, and optionally entity:
   *     an event with an entity (e.g. a resource near its limit) counts only before incidents on
   *     that entity, and its baseline is that entity's; one without counts for the whole service.
   *     An item (kind, name) should be of one scope only. An optional {@code detail} column
   *     describes each event (see the class comment)
   * @return family_id, precursors: array of struct(rank, kind, name, support, lift, incidents,
   *     hours, details), best first, where details is an array of struct(events, detail), most
   *     events first (empty when events have no detail); families without a qualifying item are
   *     absent
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
            .select(
                scope(events, col("service")).as("_scope"),
                col("kind"),
                col("name"),
                (hasColumn(events, "detail")
                        ? col("detail").cast("string")
                        : lit(null).cast("string"))
                    .as("_d"),
                s.as("_s"),
                t.as("_t"))
            .where(col("_t").geq(windowStart).and(col("_s").lt(windowStart + totalHours * 3600L)))
            .withColumn(
                "_j",
                explode(
                    sequence(
                        greatest(hourOf(col("_s")), lit(0L)),
                        least(hourOf(col("_t")), lit((long) totalHours - 1)))));
    Dataset<Row> inc =
        incidents.select(
            col("incident_id"),
            col("family_id"),
            col("opened_at"),
            explode(
                    hasEntity(incidents)
                        ? array_distinct(array(col("service"), scope(incidents, col("service"))))
                        : array(col("service")))
                .as("_scope"));
    Dataset<Row> matched = matches(inc, ev);
    Dataset<Row> all = liftAtAll(inc, matched, ev);
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
            .where(col("rank").leq(topK))
            .join(details(matched), seq("family_id", "kind", "name", "hours"), "left");
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
                            col("hours").cast("int").as("hours"),
                            coalesce(col("_details"), array().cast(DETAILS)).as("details"))))
                .as("precursors"));
  }

  /** Type of a precursor's details: how many matched events had each detail. */
  private static final org.apache.spark.sql.types.ArrayType DETAILS =
      org.apache.spark.sql.types.DataTypes.createArrayType(
          new org.apache.spark.sql.types.StructType()
              .add("events", org.apache.spark.sql.types.DataTypes.LongType)
              .add("detail", org.apache.spark.sql.types.DataTypes.StringType));

  /**
   * Per (family, kind, name, hours): the details of the distinct events matched before the family's
   * incidents, with their event counts, most events first, then by detail.
   */
  private static Dataset<Row> details(Dataset<Row> matched) {
    return matched
        .where(col("_d").isNotNull())
        .groupBy("family_id", "kind", "name", "hours", "_d")
        .agg(countDistinct(col("_scope"), col("_s"), col("_t")).as("_events"))
        .groupBy("family_id", "kind", "name", "hours")
        .agg(
            array_sort(
                    collect_list(struct(col("_events").as("events"), col("_d").as("detail"))),
                    (l, r) ->
                        when(l.getField("events").gt(r.getField("events")), lit(-1))
                            .when(l.getField("events").lt(r.getField("events")), lit(1))
                            .when(l.getField("detail").lt(r.getField("detail")), lit(-1))
                            .when(l.getField("detail").gt(r.getField("detail")), lit(1))
                            .otherwise(lit(0)))
                .as("_details"));
  }

  private static boolean hasEntity(Dataset<Row> d) {
    return hasColumn(d, "entity");
  }

  private static boolean hasColumn(Dataset<Row> d, String name) {
    return java.util.Arrays.asList(d.columns()).contains(name);
  }

  /** The scope key of a row: its service, or service and entity when it names an entity. */
  private static Column scope(Dataset<Row> d, Column service) {
    return hasEntity(d) ? coalesce(concat_ws("\u0001", service, col("entity")), service) : service;
  }

  private Column hourOf(Column epochSeconds) {
    return floor(epochSeconds.minus(windowStart).divide(3600));
  }

  /** The look-back lengths as an array column of longs (hours). */
  private Column lookbacks() {
    return array(
        java.util.Arrays.stream(lookbackHours).mapToObj(h -> lit((long) h)).toArray(Column[]::new));
  }

  /**
   * Support and lift of every (family, item) at every look-back length, from the {@link #matches}
   * of the family's incidents and the events' {@link #baseline}.
   */
  private Dataset<Row> liftAtAll(Dataset<Row> incidents, Dataset<Row> matched, Dataset<Row> ev) {
    Dataset<Row> famSize =
        incidents.groupBy("family_id").agg(countDistinct("incident_id").as("_n"));
    Dataset<Row> famServices =
        incidents.groupBy("family_id", "_scope").agg(count(lit(1)).as("_n_s"));
    Dataset<Row> support =
        matched
            .groupBy("family_id", "kind", "name", "hours")
            .agg(countDistinct("incident_id").as("_k"))
            .where(col("_k").geq(minIncidents));
    return support
        .join(famServices, "family_id")
        .join(baseline(ev), seq("_scope", "kind", "name", "hours"), "left")
        .groupBy("family_id", "kind", "name", "hours", "_k")
        .agg(sum(col("_n_s").multiply(coalesce(col("_cover"), lit(0.0)))).as("_bw"))
        .join(famSize, "family_id")
        .withColumn("support", col("_k").divide(col("_n")))
        .withColumn("_baseline", col("_bw").divide(col("_n")))
        .where(col("_baseline").gt(0))
        .withColumn("lift", col("support").divide(col("_baseline")))
        .select("family_id", "kind", "name", "_k", "support", "lift", "hours");
  }

  /**
   * Every (incident, event, look-back length) where the event touches the incident's look-back
   * window of that length: the incidents' look-back hours (of the longest length) join the event
   * hours once, and each match counts for the lengths whose window it reaches.
   */
  private Dataset<Row> matches(Dataset<Row> incidents, Dataset<Row> ev) {
    long longest = java.util.Arrays.stream(lookbackHours).max().getAsInt() * 3600L;
    Dataset<Row> pre =
        incidents
            .select(
                col("incident_id"),
                col("_scope").as("_i_scope"),
                col("family_id"),
                unix_seconds(col("opened_at")).as("_o"))
            .withColumn(
                "_pj",
                explode(sequence(hourOf(col("_o").minus(longest)), hourOf(col("_o").minus(1)))));
    Column reached = filter(lookbacks(), h -> col("_t").geq(col("_o").minus(h.multiply(3600L))));
    return pre.join(ev, col("_pj").equalTo(col("_j")).and(col("_i_scope").equalTo(col("_scope"))))
        .where(col("_s").lt(col("_o")).and(col("_t").geq(col("_o").minus(longest))))
        .select(
            col("family_id"),
            col("kind"),
            col("name"),
            col("incident_id"),
            col("_scope"),
            col("_s"),
            col("_t"),
            col("_d"),
            explode(reached).as("hours"));
  }

  private static scala.collection.immutable.Seq<String> seq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of(names)).toSeq();
  }

  /**
   * Per (scope, kind, name, hours): _cover, the share of hour-aligned windows of that many hours
   * inside the run's window that contain an event. Counts, over the sorted distinct event hours j,
   * the window starts in [max(j - H + 1, previous j + 1, 0), min(j, last start)] (each start once).
   */
  Dataset<Row> baseline(Dataset<Row> ev) {
    Column positions = greatest(lit((long) totalHours).minus(col("hours")).plus(1), lit(1L));
    Column prev =
        lag(col("_j"), 1).over(Window.partitionBy("_scope", "kind", "name", "hours").orderBy("_j"));
    Column lo =
        greatest(
            col("_j").minus(col("hours")).plus(1),
            coalesce(prev.plus(1), lit(Long.MIN_VALUE)),
            lit(0));
    Column hi = least(col("_j"), positions.minus(1));
    return ev.select("_scope", "kind", "name", "_j")
        .distinct()
        .withColumn("hours", explode(lookbacks()))
        .withColumn("_new", greatest(hi.minus(lo).plus(1), lit(0)))
        .groupBy("_scope", "kind", "name", "hours")
        .agg(sum("_new").divide(first(positions)).as("_cover"));
  }
}
