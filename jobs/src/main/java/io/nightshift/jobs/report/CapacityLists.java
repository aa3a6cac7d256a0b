package io.nightshift.jobs.report;

import static io.nightshift.jobs.schema.CapacityForecastTable.CONFIDENCE;
import static io.nightshift.jobs.schema.CapacityForecastTable.CONFIDENCE_HIGH;
import static io.nightshift.jobs.schema.CapacityForecastTable.DAYS_P50;
import static io.nightshift.jobs.schema.CapacityForecastTable.DAYS_P90;
import static io.nightshift.jobs.schema.CapacityForecastTable.ENTITY;
import static io.nightshift.jobs.schema.CapacityForecastTable.RESOURCE;
import static io.nightshift.jobs.schema.CapacityForecastTable.THRESHOLD_PCT;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;

/**
 * The capacity page's three per-resource lists of a capacity_forecast table and their lengths, in
 * one Spark query. Each resource is counted once, by its first row: earliest median crossing, then
 * earliest p90 crossing, then the lowest threshold. A resource is predicted to saturate (the median
 * path crosses, confident forecast), may saturate (only the p90 path crosses, confident forecast),
 * is low confidence (a crossing by a forecast that is not confident) or in no list. Only the head
 * of each list reaches the driver (its bound), with every list's length.
 *
 * @param resources resources the table names
 * @param saturating the predicted-to-saturate list's head, soonest median crossing first
 * @param saturatingCount its full length
 * @param may the may-saturate list's head, soonest p90 crossing first
 * @param mayCount its full length
 * @param low the low-confidence list's head, soonest crossing first
 * @param lowCount its full length
 */
record CapacityLists(
    long resources,
    List<Row> saturating,
    long saturatingCount,
    List<Row> may,
    long mayCount,
    List<Row> low,
    long lowCount) {

  private static final int SATURATING = 0;
  private static final int MAY = 1;
  private static final int LOW = 2;
  private static final int NONE = 3;

  /**
   * Reads the lists of {@code t}, at most {@code saturatingRows}, {@code mayRows} and {@code
   * lowRows} rows of each (with {@code t}'s columns).
   */
  static CapacityLists of(Dataset<Row> t, int saturatingRows, int mayRows, int lowRows) {
    Dataset<Row> first =
        t.withColumn(
                "rn_",
                row_number()
                    .over(
                        Window.partitionBy(ENTITY, RESOURCE)
                            .orderBy(
                                col(DAYS_P50).asc_nulls_last(),
                                col(DAYS_P90).asc_nulls_last(),
                                col(THRESHOLD_PCT))))
            .filter(col("rn_").equalTo(1))
            .drop("rn_")
            .withColumn(
                "list_",
                when(inSaturating(), SATURATING)
                    .when(inMay(), MAY)
                    .when(inLow(), LOW)
                    .otherwise(NONE));
    // each list's own order: saturating by the median crossing, may by the p90 crossing, low by
    // the median crossing (none last), then the p90 crossing; ties broken by entity and resource
    Column soonest = when(col("list_").equalTo(MAY), col(DAYS_P90)).otherwise(col(DAYS_P50));
    Column then = when(col("list_").equalTo(LOW), col(DAYS_P90));
    List<Row> rows =
        first
            .withColumn("n_", count(lit(1)).over(Window.partitionBy("list_")))
            .withColumn(
                "pos_",
                row_number()
                    .over(
                        Window.partitionBy("list_")
                            .orderBy(soonest.asc_nulls_last(), then, col(ENTITY), col(RESOURCE))))
            .filter(
                col("pos_")
                    .leq(
                        when(col("list_").equalTo(SATURATING), saturatingRows)
                            .when(col("list_").equalTo(MAY), mayRows)
                            .when(col("list_").equalTo(LOW), lowRows)
                            .otherwise(1)))
            .orderBy("list_", "pos_")
            .collectAsList();
    StructType schema = t.schema();
    List<List<Row>> lists = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    long[] counts = new long[NONE + 1];
    for (Row r : rows) {
      int list = r.<Integer>getAs("list_");
      counts[list] = r.<Long>getAs("n_");
      if (list != NONE) {
        Object[] v = new Object[schema.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = r.get(i);
        }
        lists.get(list).add(new GenericRowWithSchema(v, schema));
      }
    }
    return new CapacityLists(
        counts[SATURATING] + counts[MAY] + counts[LOW] + counts[NONE],
        lists.get(SATURATING),
        counts[SATURATING],
        lists.get(MAY),
        counts[MAY],
        lists.get(LOW),
        counts[LOW]);
  }

  private static Column confident() {
    return col(CONFIDENCE).equalTo(CONFIDENCE_HIGH);
  }

  private static Column inSaturating() {
    return col(DAYS_P50).isNotNull().and(confident());
  }

  private static Column inMay() {
    return col(DAYS_P50).isNull().and(col(DAYS_P90).isNotNull()).and(confident());
  }

  private static Column inLow() {
    return col(DAYS_P50).isNotNull().or(col(DAYS_P90).isNotNull()).and(not(confident()));
  }
}
