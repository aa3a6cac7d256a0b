package io.nightshift.jobs.eval.nab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.models.anomaly.DetectorSettings;
import io.nightshift.testkit.SharedData;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Guards a floor under the detector's NAB score on fast subsets (whole categories, plain Java,
 * about a second each); the full corpus is scored by {@code nightshift eval nab}.
 */
@Tag("slow")
class NabFloorTest {

  /**
   * Standard-profile score of one category with the default settings, each category scored on its
   * own (its own optimal threshold). Measured 2026-12-03 with the context view (full corpus 68.9):
   * realAWSCloudwatch 69.0 (17 files), realKnownCause 59.4 (7 files); the AWS floor raised from 61
   * to 64 (5 below), the other kept at 55. Before: 66.3 and 59.9 with the likelihood view and the
   * long mean (2026-11-23), 63.4 and 43.8 without them.
   */
  @ParameterizedTest(name = "{0} >= {1}")
  @CsvSource({"realAWSCloudwatch, 64", "realKnownCause, 55"})
  void standardScoreOfCategoryStaysAboveFloor(String category, double floor) {
    NabCorpus corpus = new NabCorpus(SharedData.require("nab"));
    List<String> files = corpus.files().stream().filter(f -> f.startsWith(category + "/")).toList();
    List<NabFile> scored = NabDetection.run(corpus, files, DetectorSettings.defaults());
    int windows = files.stream().mapToInt(f -> corpus.windows(f).size()).sum();
    NabProfile standard =
        corpus.profiles().stream().filter(p -> p.name().equals("standard")).findFirst().get();
    NabScorer.Result r = new NabScorer(standard).score(scored, windows);
    assertTrue(r.normalized() >= floor, "NAB standard on " + category + ": " + r.normalized());
  }
}
