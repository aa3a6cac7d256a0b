package io.nightshift.jobs.stages.situations;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_timestamp;

import io.nightshift.jobs.config.SituationSettings;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.SituationMembersTable;
import io.nightshift.jobs.schema.SituationsTable;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Finishes the grouped rows ({@link SituationGrouping#OUTPUT}) into the two output tables: links
 * incidents (an equi-join on service and time bucket), marks benign recurring patterns (a join on
 * the signature with earlier nights' situations) and sets {@code reported}. Nights are counted as
 * the size of their set (one shuffle; a distinct count takes two).
 */
public final class SituationLinks {
  private SituationLinks() {}

  /** The {@code situation_members} table. */
  public static Dataset<Row> members(Dataset<Row> grouped) {
    return grouped.select(
        col(SituationsTable.SITUATION_ID),
        col("m_id").as(SituationMembersTable.MEMBER_ID),
        col("m_source").as(SituationMembersTable.SOURCE),
        col("m_entity").as(SituationMembersTable.ENTITY),
        col("m_service").as(SituationMembersTable.SERVICE),
        col("m_metric").as(SituationMembersTable.METRIC),
        col("m_start").as(SituationMembersTable.START),
        col("m_end").as(SituationMembersTable.END),
        col("m_score").as(SituationMembersTable.SCORE),
        col("m_peer").as(SituationMembersTable.PEER_SERVICE),
        col("m_cause_rank").as(SituationMembersTable.CAUSE_RANK),
        col("m_detail").as(SituationMembersTable.DETAIL));
  }

  /**
   * The {@code situations} table.
   *
   * @param incidents the incidents input (incident_id, service, opened_at)
   * @param past earlier nights' situations tables (signature, linked_incidents, run_date), if any
   */
  public static Dataset<Row> situations(
      Dataset<Row> grouped,
      Dataset<Row> incidents,
      Optional<Dataset<Row>> past,
      SituationSettings s) {
    Dataset<Row> sit = grouped.where(col("m_index").equalTo(0)).drop(mCols(grouped));
    long bucket = s.bucketMinutes() * 60L;
    long before = s.toleranceMinutes() * 60L;
    long after = s.incidentAfterMinutes() * 60L;
    Column from = unix_timestamp(col(SituationsTable.START)).minus(before);
    Column to = unix_timestamp(col(SituationsTable.END)).plus(after);
    Dataset<Row> keys =
        sit.select(
            col(SituationsTable.SITUATION_ID).as("_sid"),
            explode(col(SituationsTable.SERVICES)).as("_svc"),
            from.as("_from"),
            to.as("_to"),
            explode(sequence(floor(from.divide(bucket)), floor(to.divide(bucket)))).as("_bucket"));
    Dataset<Row> inc =
        incidents.select(
            col(Cols.INCIDENT_ID).as("_iid"),
            col(Cols.SERVICE).as("_isvc"),
            unix_timestamp(col(Cols.OPENED_AT)).as("_opened"),
            floor(unix_timestamp(col(Cols.OPENED_AT)).divide(bucket)).as("_ibucket"));
    Dataset<Row> links =
        keys.join(
                inc, col("_svc").equalTo(col("_isvc")).and(col("_bucket").equalTo(col("_ibucket"))))
            .where(col("_opened").between(col("_from"), col("_to")))
            .groupBy(col("_sid"))
            .agg(sort_array(collect_set(col("_iid"))).as("_incidents"));
    Column none = array().cast("array<string>");
    Dataset<Row> linked =
        sit.join(
                broadcast(links),
                sit.col(SituationsTable.SITUATION_ID).equalTo(col("_sid")),
                "left")
            .withColumn(SituationsTable.LINKED_INCIDENTS, coalesce(col("_incidents"), none))
            .drop("_sid", "_incidents");
    Dataset<Row> withHistory;
    if (past.isPresent()) {
      Dataset<Row> history =
          past.get()
              .groupBy(col(SituationsTable.SIGNATURE).as("_sig"))
              .agg(
                  size(collect_set(col(Cols.RUN_DATE))).as("_days"),
                  sum(size(col(SituationsTable.LINKED_INCIDENTS))).as("_past_incidents"));
      withHistory =
          linked.join(history, col(SituationsTable.SIGNATURE).equalTo(col("_sig")), "left");
    } else {
      withHistory = linked.withColumn("_days", lit(null)).withColumn("_past_incidents", lit(null));
    }
    Column benign =
        coalesce(col("_days"), lit(0))
            .geq(s.benignMinDays())
            .and(coalesce(col("_past_incidents"), lit(0)).equalTo(0))
            .and(size(col(SituationsTable.LINKED_INCIDENTS)).equalTo(0));
    return withHistory
        .withColumn(SituationsTable.BENIGN, benign)
        .withColumn(SituationsTable.REPORTED, col("passes").and(not(benign)))
        .select(
            java.util.Arrays.stream(SituationsTable.SCHEMA.fieldNames())
                .map(n -> col(n))
                .toArray(Column[]::new));
  }

  private static String[] mCols(Dataset<Row> grouped) {
    return java.util.Arrays.stream(grouped.columns())
        .filter(c -> c.startsWith("m_"))
        .toArray(String[]::new);
  }
}
