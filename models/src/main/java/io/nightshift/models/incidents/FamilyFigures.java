package io.nightshift.models.incidents;

import static org.apache.spark.sql.functions.any_value;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The figures of each incident family over a window, computed in one aggregation. Definitions (all
 * durations from timestamps truncated to whole seconds, reported in minutes as seconds / 60):
 *
 * <ul>
 *   <li>{@code incident_count}: incidents of the family opened in the window; {@code
 *       count_first_half} / {@code count_second_half}: those opened before / at or after the
 *       window's midpoint; {@code trend} = second half minus first half.
 *   <li>{@code impact}: the sum over the family's incidents of severity weight x minutes open,
 *       where minutes open = (min(resolved_at or window end, window end) - opened_at), at least 0.
 *       A severity without a weight counts with {@code defaultWeight}.
 *   <li>{@code mttr_*}: over incidents with resolved_at >= opened_at (open ones are left out):
 *       resolved_at - opened_at, not clipped. {@code mttd_*}: over incidents with detected_at >=
 *       opened_at: detected_at - opened_at. Mean, and exact percentiles p50 and p90 with linear
 *       interpolation between closest ranks (Spark's {@code percentile}); null when no incident
 *       qualifies.
 *   <li>{@code last_occurrence}: the latest opened_at; {@code incident_ids}: the family's incident
 *       ids, sorted.
 *   <li>{@code root_causes}: the family's root causes (trimmed; blank counts as not recorded, a
 *       null cause) as struct(root_cause, incidents, share), share = incidents / incident_count,
 *       most incidents first, then by cause (not recorded last). Empty without a root_cause column.
 *   <li>{@code linked_change_share}: the share of the family's incidents opened within {@code
 *       linkedChangeHours} after (or at the time of) a change on the same service, whatever the
 *       change's status; null when there is no change table.
 * </ul>
 */
public final class FamilyFigures {
  private final Instant windowStart;
  private final Instant windowEnd;
  private final Map<String, Double> severityWeights;
  private final double defaultWeight;
  private final int linkedChangeHours;

  /**
   * @param windowStart inclusive start of the window
   * @param windowEnd exclusive end; open incidents count as open until then
   * @param severityWeights weight of each severity in the impact
   * @param defaultWeight weight of a severity not in the map
   * @param linkedChangeHours how long after a change an incident counts as linked to it
   */
  public FamilyFigures(
      Instant windowStart,
      Instant windowEnd,
      Map<String, Double> severityWeights,
      double defaultWeight,
      int linkedChangeHours) {
    this.windowStart = Objects.requireNonNull(windowStart);
    this.windowEnd = Objects.requireNonNull(windowEnd);
    if (!windowEnd.isAfter(windowStart)) {
      throw new IllegalArgumentException("window end must be after its start");
    }
    this.severityWeights = Map.copyOf(severityWeights);
    this.defaultWeight = defaultWeight;
    this.linkedChangeHours = linkedChangeHours;
  }

  /**
   * One row per family.
   *
   * @param incidents incident_id, service, entity, category, severity, opened_at, detected_at,
   *     resolved_at, family_id, family_label, and optionally root_cause
   * @param changes service, ts of changes, or null when there is no change table
   */
  public Dataset<Row> compute(Dataset<Row> incidents, Dataset<Row> changes) {
    Instant mid =
        windowStart.plusSeconds((windowEnd.getEpochSecond() - windowStart.getEpochSecond()) / 2);
    Column end = lit(Timestamp.from(windowEnd));
    Column opened = unix_seconds(col("opened_at"));
    Column openSeconds =
        greatest(
            unix_seconds(least(coalesce(col("resolved_at"), end), end)).minus(opened), lit(0L));
    Column ttr =
        when(
            col("resolved_at").geq(col("opened_at")),
            unix_seconds(col("resolved_at")).minus(opened).divide(60.0));
    Column ttd =
        when(
            col("detected_at").geq(col("opened_at")),
            unix_seconds(col("detected_at")).minus(opened).divide(60.0));
    Dataset<Row> per =
        withLinked(incidents, changes)
            .withColumn("_weight", weight(col("severity")))
            .withColumn("_impact", col("_weight").multiply(openSeconds.divide(60.0)))
            .withColumn("_ttr", ttr)
            .withColumn("_ttd", ttd)
            .withColumn("_second_half", col("opened_at").geq(lit(Timestamp.from(mid))));
    Dataset<Row> figures =
        per.groupBy("family_id")
            .agg(
                any_value(col("family_label")).as("label"),
                array_sort(collect_set(col("service"))).as("services"),
                array_sort(collect_set(col("entity"))).as("entities"),
                any_value(col("category"), lit(true)).as("category"),
                count(lit(1)).as("incident_count"),
                sum(when(col("_second_half"), 0).otherwise(1)).cast("long").as("count_first_half"),
                sum(when(col("_second_half"), 1).otherwise(0)).cast("long").as("count_second_half"),
                sum(col("_impact")).as("impact"),
                avg(col("_ttr")).as("mttr_mean_min"),
                expr("percentile(_ttr, 0.5)").as("mttr_p50_min"),
                expr("percentile(_ttr, 0.9)").as("mttr_p90_min"),
                avg(col("_ttd")).as("mttd_mean_min"),
                expr("percentile(_ttd, 0.5)").as("mttd_p50_min"),
                expr("percentile(_ttd, 0.9)").as("mttd_p90_min"),
                max(col("opened_at")).as("last_occurrence"),
                array_sort(collect_list(col("incident_id"))).as("incident_ids"),
                (changes == null ? lit(null).cast("double") : avg(col("_linked").cast("double")))
                    .as("linked_change_share"))
            .withColumn("trend", col("count_second_half").minus(col("count_first_half")));
    return figures
        .join(rootCauses(incidents), seq("family_id"), "left")
        .withColumn("root_causes", coalesce(col("root_causes"), array().cast(ROOT_CAUSES)));
  }

  /** Type of the root-cause shares. */
  public static final ArrayType ROOT_CAUSES =
      DataTypes.createArrayType(
          new StructType()
              .add("root_cause", DataTypes.StringType)
              .add("incidents", DataTypes.LongType)
              .add("share", DataTypes.DoubleType));

  /** family_id, root_causes (see the class comment); no rows without a root_cause column. */
  private static Dataset<Row> rootCauses(Dataset<Row> incidents) {
    if (!Arrays.asList(incidents.columns()).contains("root_cause")) {
      return incidents
          .sparkSession()
          .emptyDataFrame()
          .select(
              lit(null).cast("string").as("family_id"),
              lit(null).cast(ROOT_CAUSES).as("root_causes"));
    }
    Column cause = functions.trim(col("root_cause"));
    Dataset<Row> perCause =
        incidents
            .select(col("family_id"), when(cause.notEqual(lit("")), cause).as("_cause"))
            .groupBy("family_id", "_cause")
            .agg(count(lit(1)).as("_k"));
    Column share =
        col("_k")
            .divide(
                sum(col("_k"))
                    .over(org.apache.spark.sql.expressions.Window.partitionBy("family_id")));
    return perCause
        .withColumn("_share", share)
        .groupBy("family_id")
        .agg(
            array_sort(
                    collect_list(
                        struct(
                            col("_cause").as("root_cause"),
                            col("_k").as("incidents"),
                            col("_share").as("share"))),
                    (l, r) -> byCountThenCause(l, r))
                .as("root_causes"));
  }

  private static Column byCountThenCause(Column l, Column r) {
    Column lk = l.getField("incidents");
    Column rk = r.getField("incidents");
    Column lc = l.getField("root_cause");
    Column rc = r.getField("root_cause");
    return when(lk.gt(rk), lit(-1))
        .when(lk.lt(rk), lit(1))
        .when(lc.isNull().and(rc.isNotNull()), lit(1))
        .when(lc.isNotNull().and(rc.isNull()), lit(-1))
        .when(lc.lt(rc), lit(-1))
        .when(lc.gt(rc), lit(1))
        .otherwise(lit(0));
  }

  private static scala.collection.immutable.Seq<String> seq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of(names)).toSeq();
  }

  private Column weight(Column severity) {
    Column w = lit(defaultWeight);
    for (Map.Entry<String, Double> e : severityWeights.entrySet()) {
      w = when(severity.equalTo(lit(e.getKey())), lit(e.getValue())).otherwise(w);
    }
    return w;
  }

  private Dataset<Row> withLinked(Dataset<Row> incidents, Dataset<Row> changes) {
    if (changes == null) {
      return incidents;
    }
    long window = linkedChangeHours * 3600L;
    Dataset<Row> c =
        changes.select(col("service").as("_c_service"), unix_seconds(col("ts")).as("_c_ts"));
    Column bucketOpened = functions.floor(unix_seconds(col("_l_opened")).divide(window));
    Dataset<Row> i =
        incidents
            .select(
                col("incident_id").as("_l_id"),
                col("service").as("_l_service"),
                col("opened_at").as("_l_opened"))
            .withColumn(
                "_l_bucket",
                functions.explode(functions.array(bucketOpened, bucketOpened.minus(1))));
    Dataset<Row> linkedIds =
        i.join(
                c.withColumn("_c_bucket", functions.floor(col("_c_ts").divide(window))),
                col("_l_service")
                    .equalTo(col("_c_service"))
                    .and(col("_l_bucket").equalTo(col("_c_bucket")))
                    .and(col("_c_ts").leq(unix_seconds(col("_l_opened"))))
                    .and(col("_c_ts").geq(unix_seconds(col("_l_opened")).minus(window))))
            .select(col("_l_id"))
            .distinct()
            .withColumn("_linked", lit(true));
    return incidents
        .join(linkedIds, incidents.col("incident_id").equalTo(linkedIds.col("_l_id")), "left")
        .drop("_l_id")
        .withColumn("_linked", coalesce(col("_linked"), lit(false)));
  }
}
