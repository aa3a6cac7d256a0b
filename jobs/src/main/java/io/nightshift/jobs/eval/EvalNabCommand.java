package io.nightshift.jobs.eval;

import io.nightshift.jobs.SparkSessions;
import io.nightshift.jobs.cli.CommonOptions;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.eval.nab.NabCorpus;
import io.nightshift.jobs.eval.nab.NabEvaluation;
import io.nightshift.jobs.eval.nab.NabScorer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code eval nab}: runs the anomaly detector (settings from {@code nightshift.anomaly}) over the
 * Numenta Anomaly Benchmark, writes results in NAB's layout and prints NAB's three profile scores.
 */
@Command(
    name = "nab",
    mixinStandardHelpOptions = true,
    description =
        "Score the NAB corpus with the anomaly detector, write NAB-layout results to --out and print"
            + " the standard, reward_low_FP_rate and reward_low_FN_rate scores.")
public final class EvalNabCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "NAB root (holding data/, labels/, config/), e.g. ../shared/data/nab")
  Path data;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "results folder: DIR/<category>/nightshift_<file>.csv")
  Path out;

  @Override
  public Integer call() {
    NightshiftConfig config = common.load(Map.of());
    NabCorpus corpus = new NabCorpus(data);
    SparkSession spark = SparkSessions.start(config.spark());
    spark.sparkContext().setJobGroup("eval-nab", "NAB: score 58 series", false);
    NabEvaluation.Outcome o = NabEvaluation.run(spark, corpus, out, config.anomaly().detector());
    System.out.printf(
        "NAB corpus: %d files, %d points scored in %.1f s on %d cores = %.0f points/s/core%n",
        corpus.files().size(), o.points(), o.seconds(), o.cores(), o.pointsPerSecondPerCore());
    System.out.println(
        "Scores by half (NabSplit, CRC-32 of the path; settings are chosen on the tuning half, so"
            + " the held-out half is the honest figure), each subset at its own best threshold:");
    System.out.printf("%-20s %9s %9s %9s%n", "profile", "held-out", "tuning", "all files");
    for (NabScorer.Result r : o.results()) {
      System.out.printf("%-20s", r.profile());
      for (String subset : NabEvaluation.SUBSETS) {
        System.out.printf(" %9.2f", subsetScore(o, subset, r.profile()).result().normalized());
      }
      System.out.println();
    }
    for (String subset : NabEvaluation.SUBSETS) {
      NabEvaluation.SubsetScore s = subsetScore(o, subset, "standard");
      System.out.printf("%-9s %d files, %d windows%n", subset, s.files(), s.windows());
    }
    System.out.println("All files, per profile:");
    for (NabScorer.Result r : o.results()) {
      System.out.printf(
          "%-20s %6.2f   (threshold %.4f, raw %.2f, null %.1f, perfect %.1f)%n",
          r.profile(), r.normalized(), r.threshold(), r.raw(), r.nullScore(), r.perfect());
    }
    System.out.println("results written to " + out.toAbsolutePath());
    return 0;
  }

  private static NabEvaluation.SubsetScore subsetScore(
      NabEvaluation.Outcome o, String subset, String profile) {
    return o.subsets().stream()
        .filter(s -> s.subset().equals(subset) && s.result().profile().equals(profile))
        .findFirst()
        .orElseThrow();
  }
}
