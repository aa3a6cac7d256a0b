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
 * log template) that occur on the incident's service in the {@code lookbackHours} before the
 * family's incidents far more often than at other times.
 *
 * <ul>
 *   <li>support(F, x): the share of family F's incidents with at least one event of item x on the
 *       incident's service in [opened_at - lookbackHours, opened_at).
 *   <li>baseline(s, x): the share of all hour-aligned windows of {@code lookbackHours} hours inside
 *       the run's window that contain an event of x on service s (the chance that a window placed
 *       at random contains x). baseline(F, x) averages baseline(s_i, x) over F's incidents i.
 *   <li>lift(F, x) = support / baseline: how much likelier x is just before F's incidents than in
 *       any window of the same length.
 * </ul>
 *
 * Items qualify with at least {@code minIncidents} incidents, support >= {@code minSupport} and
 * lift >= {@code minLift}; they are ranked by lift, then support, and the first {@code topK} kept.
 * Events outside the run's window are ignored.
 */
public final class PrecursorMiner {
  private final long windowStart;
  private final int totalHours;
  private final int lookbackHours;
  private final double minSupport;
  private final double minLift;
  private final int minIncidents;
  private final int topK;

  public PrecursorMiner(
      Instant windowStart,
      Instant windowEnd,
      int lookbackHours,
      double minSupport,
      double minLift,
      int minIncidents,
      int topK) {
    if (lookbackHours < 1 || topK < 1 || minIncidents < 1) {
      throw new IllegalArgumentException("lookbackHours, topK and minIncidents must be >= 1");
    }
    this.windowStart = windowStart.getEpochSecond();
    this.totalHours = (int) ((windowEnd.getEpochSecond() - this.windowStart) / 3600);
    this.lookbackHours = lookbackHours;
    this.minSupport = minSupport;
    this.minLift = minLift;
    this.minIncidents = minIncidents;
    this.topK = topK;
  }

  /**
   * @param incidents incident_id, service, opened_at, family_id
   * @param events service, ts, kind, name
   * @return family_id, precursors: array of struct(rank, kind, name, support, lift, incidents),
   *     best first; families without a qualifying item are absent
   */
  public Dataset<Row> mine(Dataset<Row> incidents, Dataset<Row> events) {
    long h = lookbackHours * 3600L;
    Column hourIndex = floor(unix_seconds(col("ts")).minus(windowStart).divide(3600));
    Dataset<Row> ev =
        events
            .select(col("service"), col("ts"), col("kind"), col("name"))
            .where(col("service").isNotNull().and(col("name").isNotNull()))
            .withColumn("_j", hourIndex)
            .where(col("_j").geq(0).and(col("_j").lt(totalHours)));
    Dataset<Row> famSize = incidents.groupBy("family_id").agg(count(lit(1)).as("_n"));
    Dataset<Row> famServices =
        incidents.groupBy("family_id", "service").agg(count(lit(1)).as("_n_s"));

    Column openedSec = unix_seconds(col("opened_at"));
    Dataset<Row> pre =
        incidents
            .select(
                col("incident_id"),
                col("service").as("_i_service"),
                col("family_id"),
                openedSec.as("_o"))
            .withColumn(
                "_b",
                explode(
                    sequence(
                        floor(col("_o").minus(h).divide(3600)), floor(col("_o").divide(3600)))));
    Dataset<Row> evB =
        ev.withColumn("_e", unix_seconds(col("ts")))
            .withColumn("_b", floor(col("_e").divide(3600)));
    Dataset<Row> support =
        pre.join(
                evB,
                pre.col("_b").equalTo(evB.col("_b")).and(col("_i_service").equalTo(col("service"))))
            .where(col("_e").geq(col("_o").minus(h)).and(col("_e").lt(col("_o"))))
            .groupBy("family_id", "kind", "name")
            .agg(countDistinct("incident_id").as("_k"))
            .where(col("_k").geq(minIncidents));

    Dataset<Row> lift =
        support
            .join(famServices, "family_id")
            .join(baseline(ev), seq("service", "kind", "name"), "left")
            .groupBy("family_id", "kind", "name", "_k")
            .agg(sum(col("_n_s").multiply(coalesce(col("_cover"), lit(0.0)))).as("_bw"))
            .join(famSize, "family_id")
            .withColumn("support", col("_k").divide(col("_n")))
            .withColumn("_baseline", col("_bw").divide(col("_n")))
            .where(col("_baseline").gt(0))
            .withColumn("lift", col("support").divide(col("_baseline")))
            .where(col("support").geq(minSupport).and(col("lift").geq(minLift)));
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
                            col("_k").as("incidents"))))
                .as("precursors"));
  }

  private static scala.collection.immutable.Seq<String> seq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of(names)).toSeq();
  }

  /**
   * Per (service, kind, name): _cover, the share of hour-aligned windows of lookbackHours hours
   * inside the run's window that contain an event. Counts, over the sorted distinct event hours j,
   * the window starts in [max(j - H + 1, previous j + 1, 0), min(j, last start)] (each start once).
   */
  Dataset<Row> baseline(Dataset<Row> ev) {
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
