package io.nightshift.jobs.eval.nab;

import io.nightshift.models.anomaly.DetectorSettings;
import io.nightshift.models.anomaly.PointScore;
import io.nightshift.models.anomaly.SeriesDetector;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the streaming detector over NAB files in plain Java (no Spark): used by the CI floor test on
 * a subset and for quick experiments. The eval command runs the same core inside Spark.
 */
public final class NabDetection {
  private NabDetection() {}

  /** Scores every row of one series, in file order. */
  public static double[] score(
      LocalDateTime[] timestamps, double[] values, DetectorSettings settings) {
    SeriesDetector d = new SeriesDetector(settings);
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      PointScore p = d.update(timestamps[i].toInstant(ZoneOffset.UTC).toEpochMilli(), values[i]);
      out[i] = p == null ? 0 : p.alertScore();
    }
    return out;
  }

  /** Scores the given files of a corpus with the given settings. */
  public static List<NabFile> run(NabCorpus corpus, List<String> files, DetectorSettings s) {
    List<NabFile> out = new ArrayList<>();
    for (String f : files) {
      NabCorpus.Series series = corpus.read(f);
      out.add(
          new NabFile(
              f,
              series.timestamps(),
              score(series.timestamps(), series.values(), s),
              corpus.windows(f)));
    }
    return out;
  }
}
