package io.nightshift.jobs.eval.nab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.models.anomaly.DetectorSettings;
import io.nightshift.testkit.SharedData;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Guards a floor under the detector's NAB score on fast subsets (whole categories, plain Java,
 * about a second each); the full corpus is scored by {@code nightshift eval nab}.
 */
class NabFloorTest {

  /**
   * Standard-profile score of one category with the default settings, each category scored on its
   * own (its own optimal threshold). Measured 2026-11-23: realAWSCloudwatch 75.8 (17 files),
   * realKnownCause 51.1 (7 files); floors about 6 below.
   */
  @ParameterizedTest(name = "{0} >= {1}")
  @CsvSource({"realAWSCloudwatch, 70", "realKnownCause, 45"})
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
