package io.nightshift.jobs.eval.nab;

import io.nightshift.models.anomaly.DetectorSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * Scores the default detector on NAB in plain Java (no Spark, one thread, a few seconds) for
 * experiments: the tuning half only, unless {@code --held-out} is given, then the held-out half
 * first, the tuning half and all files. Choose on the tuning half; look at the held-out half once
 * per candidate (docs/anomaly.md, "Tuning by the halves"). Not a test (no Test suffix): run it with
 * the test classpath, with this tree's models classes before any installed models jar (else the
 * harness silently scores the installed detector), e.g.
 *
 * <pre>
 * mvn -B -q -o -pl jobs dependency:build-classpath -Dmdep.outputFile=/tmp/nab-cp.txt
 * CP="models/target/classes:jobs/target/classes:jobs/target/test-classes"
 * CP="$CP:$(tr ':' '\n' &lt;/tmp/nab-cp.txt | grep -v nightshift-models | paste -sd:)"
 * java -cp "$CP" io.nightshift.jobs.eval.nab.NabHarness ../shared/data/nab [--held-out]
 * </pre>
 */
public final class NabHarness {
  private NabHarness() {}

  public static void main(String[] args) {
    NabCorpus corpus = new NabCorpus(Path.of(args.length > 0 ? args[0] : "../shared/data/nab"));
    boolean heldOut = args.length > 1 && args[1].equals("--held-out");
    List<NabFile> files = NabDetection.run(corpus, corpus.files(), DetectorSettings.defaults());
    for (NabEvaluation.SubsetScore s : NabEvaluation.splitScores(corpus, files)) {
      if (heldOut || s.subset().equals("tuning")) {
        NabScorer.Result r = s.result();
        System.out.printf(
            "%-9s %-20s %6.2f  threshold %.4f, %d/%d windows, %d false-positive points%n",
            s.subset(),
            r.profile(),
            r.normalized(),
            r.threshold(),
            r.detectedWindows(),
            r.windows(),
            r.falsePositives());
      }
    }
  }
}
