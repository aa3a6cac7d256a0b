package io.nightshift.jobs.risk;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.schema.CapacityForecastTable;
import io.nightshift.jobs.schema.Cols;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Tonight's days-to-full from the {@code capacity_forecast} table, so that the risk factors quote
 * the capacity forecast's figure and no second computation of their own: per entity, a map from
 * resource (named as in the risk features, {@link MetricFeatures#featureName}) to the days until
 * the median forecast reaches 100% of capacity (0 when already there, null when not within the
 * forecast's horizon), and the entity's soonest such resource. Without a capacity forecast (the
 * stage skipped, or no metric with a capacity) both are null, and the factors say nothing about
 * when a resource fills.
 */
public final class CapacityDays {
  /** map&lt;string, double&gt;: resource to days until 100% of capacity (median forecast). */
  public static final String DAYS = "_capacity_days";

  /** struct(resource, days): the entity's resource that reaches 100% soonest. */
  public static final String SOONEST = "_capacity_soonest";

  /** The threshold that means "full", percent of capacity. */
  public static final double FULL_PCT = 100;

  private static final DataType MAP =
      DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType);
  private static final DataType SOONEST_TYPE =
      new StructType().add("resource", DataTypes.StringType).add("days", DataTypes.DoubleType);

  private CapacityDays() {}

  /** Adds {@link #DAYS} and {@link #SOONEST} to rows keyed by entity. */
  public static Dataset<Row> join(Dataset<Row> rows, Optional<Dataset<Row>> capacityForecast) {
    if (capacityForecast.isEmpty()) {
      return rows.withColumn(DAYS, lit(null).cast(MAP))
          .withColumn(SOONEST, lit(null).cast(SOONEST_TYPE));
    }
    Dataset<Row> cf = capacityForecast.get();
    Column days =
        when(
                col(CapacityForecastTable.STATUS).equalTo(CapacityForecastTable.STATUS_SATURATED),
                lit(0.0))
            .otherwise(col(CapacityForecastTable.DAYS_P50).cast("double"));
    Dataset<Row> perResource =
        cf.filter(col(CapacityForecastTable.THRESHOLD_PCT).cast("double").equalTo(FULL_PCT))
            .select(
                col(CapacityForecastTable.ENTITY).alias("_ce"),
                MetricFeatures.featureName(col(CapacityForecastTable.RESOURCE)).alias("_cr"),
                days.alias("_cd"))
            .groupBy("_ce", "_cr")
            .agg(min("_cd").alias("_cd"));
    Dataset<Row> perEntity =
        perResource
            .groupBy("_ce")
            .agg(
                map_from_entries(collect_list(struct(col("_cr"), col("_cd")))).alias(DAYS),
                min_by(
                        when(
                            col("_cd").isNotNull(),
                            struct(col("_cr").alias("resource"), col("_cd").alias("days"))),
                        when(col("_cd").isNotNull(), col("_cd")).otherwise(lit(Double.MAX_VALUE)))
                    .alias(SOONEST));
    return rows.join(perEntity, rows.col(Cols.ENTITY).equalTo(perEntity.col("_ce")), "left")
        .drop("_ce");
  }
}
