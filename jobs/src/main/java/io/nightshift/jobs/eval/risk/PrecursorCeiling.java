package io.nightshift.jobs.eval.risk;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;

import io.nightshift.jobs.risk.RiskLabels;
import io.nightshift.jobs.schema.Cols;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How much of the precision at k the data allows at all, where the truth says when each incident's
 * precursor began (a generated fleet's truth does). On a replayed night only the incidents whose
 * precursor had begun by the end of the night can be foreseen from signals; the rest open without
 * warning. A ranking that put every such entity first would reach, from those entities alone, the
 * precision reported here; the rest of its top k could only be filled by rates or luck. Counted per
 * night (entities with an incident opening within the horizon and a precursor begun before the
 * night's end), capped at k, divided by min(k, entities), averaged over the replayed nights.
 */
public final class PrecursorCeiling {
  private PrecursorCeiling() {}

  /**
   * The figure for one horizon's replayed nights.
   *
   * @param precursors entity, opened_at, precursor_start ({@link TruthIncidents#precursorStarts})
   */
  public static Map<String, Object> of(
      Dataset<Row> precursors, RiskBacktest.HorizonResult r, int k) {
    long nights = r.lastNight().toEpochDay() - r.firstNight().toEpochDay() + 1;
    double entities = r.rows() / (double) nights;
    Dataset<Row> nightEnds =
        precursors
            .sparkSession()
            .range(1)
            .select(
                expr("explode(sequence(to_date('"
                        + r.firstNight()
                        + "'), to_date('"
                        + r.lastNight()
                        + "')))")
                    .alias("_night"))
            .withColumn("_end", RiskLabels.nightEnd(col("_night")));
    Row row =
        nightEnds
            .join(
                precursors,
                RiskLabels.opensWithin(col(Cols.OPENED_AT), col("_end"), r.horizonHours())
                    .and(col(TruthIncidents.PRECURSOR_START).lt(col("_end"))),
                "left")
            .groupBy("_night")
            .agg(countDistinct(col(Cols.ENTITY)).alias("_seen"))
            .agg(
                avg(col("_seen")),
                avg(least(lit((double) k), col("_seen")).divide(Math.min(k, entities))))
            .first();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("foreseeable_positives_per_night", row.isNullAt(0) ? null : row.getDouble(0));
    out.put("precision_at_" + k, row.isNullAt(1) ? null : row.getDouble(1));
    return out;
  }
}
