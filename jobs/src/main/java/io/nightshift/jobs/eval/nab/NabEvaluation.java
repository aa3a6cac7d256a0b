package io.nightshift.jobs.eval.nab;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.to_timestamp;

import io.nightshift.models.anomaly.AnomalyDetector;
import io.nightshift.models.anomaly.DetectorSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Runs the anomaly detector over the whole NAB corpus in one Spark job (every file is one series,
 * scored causally from its first point, files in parallel), writes the results in NAB's layout
 * ({@code <out>/<category>/nightshift_<file>.csv} with {@code timestamp,value,anomaly_score,label})
 * and scores them with {@link NabScorer} for every profile.
 */
public final class NabEvaluation {
  /** Detector name used in NAB's file names. */
  public static final String DETECTOR = "nightshift";

  private NabEvaluation() {}

  /**
   * Outcome: the score per profile on all files, the same on each half of {@link NabSplit}, and how
   * fast the Spark job ran.
   */
  public record Outcome(
      List<NabScorer.Result> results,
      List<SubsetScore> subsets,
      long points,
      double seconds,
      int cores) {
    /** Points scored per second per core. */
    public double pointsPerSecondPerCore() {
      return points / seconds / cores;
    }
  }

  /**
   * One subset's score on one profile, with the subset's own optimal threshold.
   *
   * @param subset {@code held_out}, {@code tuning} or {@code all} (see {@link NabSplit})
   */
  public record SubsetScore(String subset, int files, int windows, NabScorer.Result result) {}

  /** The subsets scored, the held-out half first (it is the figure that was not tuned on). */
  public static final List<String> SUBSETS = List.of("held_out", "tuning", "all");

  /** Scores the corpus at {@code nab} and writes results under {@code out}. */
  public static Outcome run(SparkSession spark, NabCorpus corpus, Path out, DetectorSettings s) {
    StructType csv =
        new StructType().add("timestamp", DataTypes.StringType).add("value", DataTypes.DoubleType);
    long t0 = System.nanoTime();
    Dataset<Row> points =
        spark
            .read()
            .option("header", "true")
            .schema(csv)
            .csv(
                corpus.files().stream()
                    .map(f -> corpus.root().resolve("data").resolve(f).toString())
                    .toArray(String[]::new))
            .select(
                regexp_extract(input_file_name(), "([^/]+/[^/]+\\.csv)$", 1).as("entity"),
                lit("value").as("metric"),
                to_timestamp(col("timestamp"), "yyyy-MM-dd HH:mm:ss").as("ts"),
                col("value"));
    Dataset<Row> scored =
        new AnomalyDetector()
            .setSettings(s)
            .untrained(spark)
            .transform(points)
            .select(
                col("entity"),
                date_format(col("ts"), "yyyy-MM-dd HH:mm:ss").as("timestamp"),
                col("alert_score"))
            .orderBy("entity", "timestamp");
    Map<String, Map<String, Double>> scores = new HashMap<>();
    long n = 0;
    Iterator<Row> it = scored.toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      scores
          .computeIfAbsent(r.getString(0), k -> new HashMap<>())
          .put(r.getString(1), r.getDouble(2));
      n++;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    int cores = spark.sparkContext().defaultParallelism();
    List<NabFile> files = new ArrayList<>();
    for (String f : corpus.files()) {
      files.add(write(corpus, f, scores.getOrDefault(f, Map.of()), out));
    }
    List<NabScorer.Result> results = new ArrayList<>();
    for (NabProfile p : corpus.profiles()) {
      results.add(new NabScorer(p).score(files, corpus.windowCount()));
    }
    List<SubsetScore> subsets = splitScores(corpus, files);
    writeSplitScores(subsets, out.resolve("split_scores.csv"));
    return new Outcome(results, subsets, n, seconds, cores);
  }

  /**
   * Scores the held-out and tuning halves ({@link NabSplit}) and all files, each subset with its
   * own optimal threshold, for every profile.
   */
  public static List<SubsetScore> splitScores(NabCorpus corpus, List<NabFile> files) {
    List<SubsetScore> out = new ArrayList<>();
    for (String subset : SUBSETS) {
      List<NabFile> sel =
          files.stream()
              .filter(
                  f ->
                      subset.equals("all")
                          || NabSplit.isTuning(f.relativePath()) == subset.equals("tuning"))
              .toList();
      int windows = sel.stream().mapToInt(f -> f.windows().size()).sum();
      for (NabProfile p : corpus.profiles()) {
        out.add(new SubsetScore(subset, sel.size(), windows, new NabScorer(p).score(sel, windows)));
      }
    }
    return out;
  }

  /**
   * Writes {@code subset,files,windows,profile,score,threshold}, one row per subset and profile.
   */
  private static void writeSplitScores(List<SubsetScore> subsets, Path csv) {
    StringBuilder sb = new StringBuilder("subset,files,windows,profile,score,threshold\n");
    for (SubsetScore s : subsets) {
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "%s,%d,%d,%s,%.2f,%.4f%n",
              s.subset(),
              s.files(),
              s.windows(),
              s.result().profile(),
              s.result().normalized(),
              s.result().threshold()));
    }
    try {
      Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + csv, e);
    }
  }

  private static NabFile write(NabCorpus corpus, String f, Map<String, Double> scores, Path out) {
    NabCorpus.Series s = corpus.read(f);
    int slash = f.indexOf('/');
    Path p = out.resolve(f.substring(0, slash)).resolve(DETECTOR + "_" + f.substring(slash + 1));
    LocalDateTime[] ts = s.timestamps();
    double[] sc = new double[ts.length];
    NabFile file = new NabFile(f, ts, sc, corpus.windows(f));
    try {
      Files.createDirectories(p.getParent());
      try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
        w.write("timestamp,value,anomaly_score,label\n");
        for (int i = 0; i < ts.length; i++) {
          String t = NabCorpus.format(ts[i]);
          sc[i] = scores.getOrDefault(t, 0.0);
          w.write(t + "," + plain(s.values()[i]) + "," + sc[i] + "," + file.label(i) + "\n");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write NAB result " + p, e);
    }
    return file;
  }

  private static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
