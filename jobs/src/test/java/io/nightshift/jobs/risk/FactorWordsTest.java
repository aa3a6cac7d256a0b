package io.nightshift.jobs.risk;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nightshift.testkit.SparkExtension;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A factor is shown to the on-call lead as a reason for the risk: one whose figure rounds to zero
 * where it is printed ("error_rate at 0.0", "trending -0.0 sd/day", "0 incident(s)") says nothing
 * and is left out; a small figure that still shows is kept ("trending -0.3 sd/day"), a small level
 * or rate is printed with the decimals it needs ("error_rate at 0.03"), and "last incident 0 days
 * ago" (an incident today) is kept.
 */
@ExtendWith(SparkExtension.class)
class FactorWordsTest {
  private static final StructType FACTOR =
      new StructType()
          .add("contribution", DataTypes.DoubleType)
          .add("feature", DataTypes.StringType)
          .add("value", DataTypes.DoubleType);

  /** The words for each (feature, value), one factor each, in order (null: left out). */
  private static List<String> words(SparkSession spark, Object... featureValues) {
    List<Row> factors = new ArrayList<>();
    for (int i = 0; i + 1 < featureValues.length; i += 2) {
      factors.add(RowFactory.create(1.0, featureValues[i], featureValues[i + 1]));
    }
    StructType schema = new StructType().add("factors", DataTypes.createArrayType(FACTOR), true);
    return spark
        .createDataFrame(List.of(RowFactory.create(factors)), schema)
        .select(
            FactorWords.words(
                col("factors"),
                lit(null).cast("string"),
                lit(null).cast("map<string,double>"),
                lit(null).cast("struct<resource:string,days:double>")))
        .first()
        .getList(0);
  }

  @Test
  void leavesOutFactorsWhoseFigureRoundsToZero(SparkSession spark) {
    List<String> w =
        words(
            spark,
            "m__latency_ms__slope_z",
            -0.04,
            "m__cpu_used_pct__slope_z",
            0.049,
            "m__error_rate__level",
            0.0,
            "m__error_rate__level",
            0.0004,
            "m__disk_used_pct__util",
            0.004,
            "m__mem_used_pct__z_last",
            -0.01,
            MetricFeatures.MAX_SLOPE_Z,
            -0.02,
            MetricFeatures.MAX_UTIL,
            0.0,
            MetricFeatures.ANOMALY_HOURS,
            0.0,
            HistoryFeatures.INC_7D,
            0.0,
            HistoryFeatures.FAILED_3D,
            0.4,
            HistoryFeatures.ENTITY_RATE,
            0.004,
            "sig__log_signals__max_error_rate",
            0.0,
            "sig__anomalies__rows",
            0.0);
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      if (w.get(i) != null) {
        shown.add(i + ": " + w.get(i));
      }
    }
    assertEquals(List.of(), shown, "nothing true to say");
  }

  @Test
  void theSameFigureAddedUpInAnotherOrderPrintsTheSameWords(SparkSession spark) {
    List<String> w =
        words(
            spark,
            "m__conn_used__util",
            0.355 - 1e-13,
            "m__conn_used__util",
            0.355 + 1e-13,
            "m__latency_ms__level",
            412.45 - 1e-12,
            "m__latency_ms__level",
            412.45 + 1e-12);
    assertEquals(w.get(0), w.get(1));
    assertEquals(w.get(2), w.get(3));
  }

  @Test
  void keepsSmallFiguresThatStillShowAndAnIncidentToday(SparkSession spark) {
    assertEquals(
        List.of(
            "latency_ms trending -0.3 sd/day over 7 days",
            "error_rate averaged 0.03 over the last 6 h",
            "latency_ms averaged 412.5 over the last 6 h",
            "disk_used_pct averaged 1% of capacity over the last 6 h",
            "a metric trending +0.1 sd/day",
            "1 incident(s) on it in 7 days",
            "about 0.01 incident(s) a week on it lately",
            "last incident 0 days ago",
            "log_signals error_rate up to 0.02"),
        words(
            spark,
            "m__latency_ms__slope_z",
            -0.26,
            "m__error_rate__level",
            0.03,
            "m__latency_ms__level",
            412.49,
            "m__disk_used_pct__util",
            0.006,
            MetricFeatures.MAX_SLOPE_Z,
            0.08,
            HistoryFeatures.INC_7D,
            1.0,
            HistoryFeatures.ENTITY_RATE,
            0.006,
            HistoryFeatures.DAYS_SINCE_INC,
            0.0,
            "sig__log_signals__max_error_rate",
            0.02));
  }
}
