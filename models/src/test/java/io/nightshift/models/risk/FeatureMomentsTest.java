package io.nightshift.models.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nightshift.testkit.SparkExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class FeatureMomentsTest {
  private static final List<String> FEATURES = List.of("level", "count", "z", "constant", "gaps");

  /**
   * Rows over {@code partitions} partitions: skewed levels, whole counts, z-scores near zero (sums
   * that cancel), a constant, and a column with nulls; a 0/1 label.
   */
  private static Dataset<Row> rows(SparkSession spark, long seed, int n, int partitions) {
    Random rnd = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(
          RowFactory.create(
              1e3 + Math.exp(rnd.nextGaussian() * 3),
              (long) rnd.nextInt(40),
              rnd.nextGaussian() * 1e-3,
              7.25,
              rnd.nextInt(5) == 0 ? null : rnd.nextGaussian() * 50,
              rnd.nextDouble() < 0.2 ? 1.0 : 0.0));
    }
    StructType schema =
        new StructType()
            .add("level", DataTypes.DoubleType)
            .add("count", DataTypes.LongType)
            .add("z", DataTypes.DoubleType)
            .add("constant", DataTypes.DoubleType)
            .add("gaps", DataTypes.DoubleType, true)
            .add("label", DataTypes.DoubleType);
    return spark.createDataFrame(rows, schema).repartition(partitions).cache();
  }

  @Test
  void givesBitForBitWhatTheSqlAggregateGivesOnTheSamePartitions(SparkSession spark) {
    for (int partitions : new int[] {1, 2, 3}) {
      for (long seed = 1; seed <= 3; seed++) {
        Dataset<Row> data = rows(spark, seed, 1500, partitions);
        FeatureStats sql = FeatureStats.measureWithSql(data, FEATURES, "label", null);
        FeatureStats local = FeatureStats.measure(data, FEATURES, "label", null);
        String where = partitions + " partitions, seed " + seed;
        assertArrayEquals(sql.centre(), local.centre(), 0.0, "centre, " + where);
        assertArrayEquals(sql.scale(), local.scale(), 0.0, "scale, " + where);
        assertArrayEquals(sql.direction(), local.direction(), 0.0, "direction, " + where);
        assertArrayEquals(sql.weight(), local.weight(), 0.0, "weight, " + where);
        data.unpersist();
      }
    }
  }

  @Test
  void skipsNullsAsTheSqlFunctionsDo(SparkSession spark) {
    Dataset<Row> data = rows(spark, 9, 200, 2);
    FeatureStats local = FeatureStats.measure(data, FEATURES, "label", null);
    double mean =
        data.where("gaps is not null")
            .agg(org.apache.spark.sql.functions.avg("gaps"))
            .first()
            .getDouble(0);
    assertEquals(mean, local.centre()[4], 1e-12);
    assertEquals(7.25, local.centre()[3], 0.0);
    assertEquals(1.0, local.scale()[3], 0.0, "a constant has spread 0, read as 1");
  }
}
