package io.nightshift.jobs.risk;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.schema.Cols;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Labels for the entity-day rows: the first incident that opens on the entity (or, when the
 * incident names no entity, on its service) after the end of day D and within the longest horizon;
 * {@code label_<h>h} is 1 when it opens within h hours. {@code hours_to_next} and {@code
 * next_incident} (for lead times) describe that incident.
 */
public final class RiskLabels {
  public static final String HOURS_TO_NEXT = "hours_to_next";
  public static final String NEXT_INCIDENT = "next_incident";

  private RiskLabels() {}

  /** When day D's night predicts: the midnight that ends D. */
  public static Column nightEnd(Column day) {
    return date_add(day, 1).cast("timestamp");
  }

  /**
   * Whether {@code opened} falls in a horizon of {@code hours} after {@code end}: [end, end + h).
   */
  public static Column opensWithin(Column opened, Column end, int hours) {
    return opened
        .geq(end)
        .and(opened.lt(end.plus(expr("make_interval(0,0,0,0," + hours + ",0,0)"))));
  }

  /** The label column of a horizon. */
  public static String label(int horizonHours) {
    return "label_" + horizonHours + "h";
  }

  /**
   * Adds the labels to rows keyed by (entity, service, day).
   *
   * @param incidents rows with incident_id, entity (nullable), service, opened_at
   */
  public static Dataset<Row> add(
      Dataset<Row> rows, Dataset<Row> incidents, List<Integer> horizonsHours) {
    int longest = horizonsHours.stream().mapToInt(Integer::intValue).max().orElse(24);
    Dataset<Row> keys =
        rows.select(Cols.ENTITY, Cols.SERVICE, RiskFeatures.DAY)
            .distinct()
            .withColumn("_end", nightEnd(col(RiskFeatures.DAY)));
    Dataset<Row> inc =
        incidents.select(
            col(Cols.INCIDENT_ID).alias("_id"),
            col(Cols.ENTITY).alias("_ie"),
            col(Cols.SERVICE).alias("_is"),
            col(Cols.OPENED_AT).alias("_open"));
    Column matches =
        col("_ie")
            .equalTo(col(Cols.ENTITY))
            .or(col("_ie").isNull().and(col("_is").equalTo(col(Cols.SERVICE))));
    Column inWindow = opensWithin(col("_open"), col("_end"), longest);
    Dataset<Row> next =
        keys.join(inc, matches.and(inWindow), "inner")
            .groupBy(Cols.ENTITY, Cols.SERVICE, RiskFeatures.DAY)
            .agg(
                min("_open").alias("_next_open"),
                min_by(col("_id"), col("_open")).alias(NEXT_INCIDENT),
                min(col("_end")).alias("_end"))
            .withColumn(
                HOURS_TO_NEXT,
                col("_next_open").cast("double").minus(col("_end").cast("double")).divide(3600.0))
            .drop("_next_open", "_end");
    Dataset<Row> out =
        rows.join(
            next,
            List.of(Cols.ENTITY, Cols.SERVICE, RiskFeatures.DAY).toArray(new String[0]),
            "left");
    // toArray above builds the join keys; left join keeps rows with no incident ahead
    for (int h : horizonsHours) {
      out =
          out.withColumn(
              label(h), when(col(HOURS_TO_NEXT).lt(lit((double) h)), lit(1.0)).otherwise(lit(0.0)));
    }
    return out;
  }
}
