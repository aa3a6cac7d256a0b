package io.nightshift.jobs.eval.nab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.models.anomaly.DetectorSettings;
import io.nightshift.testkit.SharedData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards a floor under the detector's NAB score on a fast subset (the realKnownCause category, 7
 * files, 69k points, plain Java); the full corpus is scored by {@code nightshift eval nab}.
 */
class NabFloorTest {
  /** Standard-profile score on realKnownCause with the default settings was FLOOR_MEASURED. */
  private static final double FLOOR = 40.0;

  @Test
  void standardScoreOnRealKnownCauseStaysAboveFloor() {
    NabCorpus corpus = new NabCorpus(SharedData.require("nab"));
    List<String> files =
        corpus.files().stream().filter(f -> f.startsWith("realKnownCause/")).toList();
    List<NabFile> scored = NabDetection.run(corpus, files, DetectorSettings.defaults());
    int windows = files.stream().mapToInt(f -> corpus.windows(f).size()).sum();
    NabProfile standard =
        corpus.profiles().stream().filter(p -> p.name().equals("standard")).findFirst().get();
    NabScorer.Result r = new NabScorer(standard).score(scored, windows);
    assertTrue(r.normalized() >= FLOOR, "NAB standard on realKnownCause: " + r.normalized());
  }
}
