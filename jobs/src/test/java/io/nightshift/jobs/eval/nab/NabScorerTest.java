package io.nightshift.jobs.eval.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.testkit.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Validates the Java NAB scorer against the published final scores of the two reference detectors
 * shipped with NAB ({@code results/final_results.json}): within 0.5 points on every profile.
 */
@Tag("slow")
class NabScorerTest {

  @ParameterizedTest
  @ValueSource(strings = {"numenta", "windowedGaussian"})
  void reproducesPublishedScoresOfReferenceDetector(String detector) throws Exception {
    Path nab = SharedData.require("nab");
    NabCorpus corpus = new NabCorpus(nab);
    List<NabFile> files = new ArrayList<>();
    for (String f : corpus.files()) {
      files.add(corpus.readResult(nab.resolve("results").resolve(detector), detector, f));
    }
    JsonNode published =
        new ObjectMapper().readTree(nab.resolve("results/final_results.json").toFile());
    for (NabProfile p : corpus.profiles()) {
      NabScorer.Result r = new NabScorer(p).score(files, corpus.windowCount());
      double expected = published.get(detector).get(p.name()).asDouble();
      assertEquals(expected, r.normalized(), 0.5, detector + " " + p.name() + ": " + r);
    }
  }
}
