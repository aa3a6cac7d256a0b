package io.nightshift.jobs.eval.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.testkit.SparkExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import scala.Tuple2;

@ExtendWith(SparkExtension.class)
class NightBootstrapTest {

  @Test
  void prAucOfTheToyCaseIsTheHandComputedArea() {
    // the same rows as BacktestMetricsTest's toy case
    double[] scores = {0.9, 0.8, 0.2, 0.1, 0.7, 0.6, 0.5, 0.4};
    double[] labels = {1, 0, 1, 0, 0, 1, 0, 0};
    assertEquals(151.0 / 252, NightBootstrap.prAuc(scores, labels), 1e-12);
  }

  @Test
  void prAucEqualsSparksAreaUnderPrWithTies(SparkSession spark) {
    Random r = new Random(5);
    double[] scores = new double[400];
    double[] labels = new double[400];
    List<Tuple2<Object, Object>> pairs = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      labels[i] = r.nextDouble() < 0.2 ? 1 : 0;
      scores[i] = Math.round((r.nextDouble() + labels[i] * 0.4) * 10) / 10.0; // many ties
      pairs.add(new Tuple2<>(scores[i], labels[i]));
    }
    BinaryClassificationMetrics spark1 =
        new BinaryClassificationMetrics(
            new org.apache.spark.api.java.JavaSparkContext(spark.sparkContext())
                .parallelize(pairs, 3)
                .rdd());
    assertEquals(spark1.areaUnderPR(), NightBootstrap.prAuc(scores, labels), 1e-12);
  }

  @Test
  void aModelThatRanksEveryPositiveFirstIsBetterInEveryResample() {
    List<NightBootstrap.Night> nights = new ArrayList<>();
    Random r = new Random(7);
    for (int n = 0; n < 14; n++) {
      double[] m = new double[50];
      double[] b = new double[50];
      double[] y = new double[50];
      for (int i = 0; i < 50; i++) {
        y[i] = i % 10 == 0 ? 1 : 0;
        m[i] = y[i] + r.nextDouble() * 0.5;
        b[i] = r.nextDouble();
      }
      nights.add(new NightBootstrap.Night(m, b, y));
    }
    NightBootstrap.Margin mg = NightBootstrap.prAucMargin(nights, 200, 1L);
    assertEquals(1.0, mg.modelBetterShare());
    assertTrue(mg.ratioLow() > 1.5, "lower end of the ratio: " + mg.ratioLow());
    assertTrue(mg.ratioLow() <= mg.ratioMedian() && mg.ratioMedian() <= mg.ratioHigh());
    assertEquals(200, mg.used());
    assertEquals(mg, NightBootstrap.prAucMargin(nights, 200, 1L), "same seed, same answer");
  }

  @Test
  void aModelEqualToTheBaselineHasRatioOneAndIsNeverBetter() {
    double[] s = {0.9, 0.3, 0.5, 0.1};
    double[] y = {1, 0, 1, 0};
    NightBootstrap.Margin mg =
        NightBootstrap.prAucMargin(
            List.of(new NightBootstrap.Night(s, s, y), new NightBootstrap.Night(s, s, y)), 50, 3L);
    assertEquals(1.0, mg.ratioLow(), 1e-12);
    assertEquals(1.0, mg.ratioHigh(), 1e-12);
    assertEquals(0.0, mg.modelBetterShare());
  }

  @Test
  void resamplesWithoutAPositiveAreLeftOutAndNoPositiveAtAllGivesNoMargin() {
    double[] s = {0.9, 0.3};
    NightBootstrap.Night none = new NightBootstrap.Night(s, s, new double[] {0, 0});
    assertEquals(null, NightBootstrap.prAucMargin(List.of(none, none), 20, 3L));
    assertTrue(Double.isNaN(NightBootstrap.prAuc(s, new double[] {0, 0})));
  }

  @Test
  void rejectsANightWhoseScoresAndLabelsDifferInLength() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new NightBootstrap.Night(new double[2], new double[2], new double[3]));
    assertTrue(e.getMessage().startsWith("scores and labels differ in length"), e.getMessage());
  }
}
