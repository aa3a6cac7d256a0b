package io.nightshift.models.risk;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.testkit.SparkExtension;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class DayCountsTest {

  @Test
  void countsEachSideOfASplitDayAsACountOverThatSidesRowsWould(SparkSession spark) {
    Dataset<Row> rows =
        RiskEstimatorTest.toy(spark, 3).withColumn("y", col("label").cast("double"));
    DayCounts perDay = DayCounts.of(rows, "day", "y");
    LocalDate split = LocalDate.of(2026, 5, 21);

    assertEquals(30, perDay.days().size());
    assertEquals(LocalDate.of(2026, 5, 1), perDay.days().get(0));
    assertEquals(
        counted(rows.where(col("day").lt(lit(Date.valueOf(split))))), perDay.before(split));
    assertEquals(counted(rows.where(col("day").geq(lit(Date.valueOf(split))))), perDay.from(split));
    assertEquals(counted(rows), perDay.total());
    assertTrue(perDay.total().positives() > 0);
  }

  @Test
  void refusesRowsWithoutADay(SparkSession spark) {
    StructType schema =
        new StructType().add("day", DataTypes.DateType, true).add("y", DataTypes.DoubleType);
    Dataset<Row> rows =
        spark.createDataFrame(
            List.of(
                RowFactory.create(Date.valueOf("2026-05-01"), 1.0), RowFactory.create(null, 0.0)),
            schema);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DayCounts.of(rows, "day", "y"));
    assertTrue(e.getMessage().startsWith("the day column has nulls"), e.getMessage());
  }

  private static DayCounts.Totals counted(Dataset<Row> rows) {
    Row r = rows.agg(count("*"), sum(col("y"))).first();
    return new DayCounts.Totals(r.getLong(0), r.isNullAt(1) ? 0 : r.getDouble(1));
  }
}
