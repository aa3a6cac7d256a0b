package io.nightshift.jobs.eval.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.testkit.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java scorer ({@link NabScorer}) agrees with the official NAB scorer ({@code
 * ../shared/tools/nab-score.sh}, numenta/NAB run by Debian's python3-pandas) on a corpus built in
 * NAB's layout that the published results do not exercise: long files (the probationary period
 * capped at 750 rows), many windows per file, a file without windows, irregular sampling with gaps
 * in time, and tied scores. Skips with a message where the tool or python3-pandas is absent.
 */
class NabOfficialScorerAgreementTest {
  private static final Pattern LAST_LINE =
      Pattern.compile("NAB standard (\\S+) low_FP (\\S+) low_FN (\\S+)");

  @Test
  void javaScorerAgreesWithOfficialScorerOnLongGappyCorpus(@TempDir Path dir) throws Exception {
    Path tool = SharedData.root().resolveSibling("tools").resolve("nab-score.sh");
    Assumptions.assumeTrue(
        Files.isExecutable(tool), "official NAB scorer not found at " + tool + "; skipped");
    Assumptions.assumeTrue(
        run(List.of("/usr/bin/python3", "-c", "import pandas"), dir).exit == 0,
        "/usr/bin/python3 cannot import pandas (apt-get install -y python3-pandas); skipped");

    Path corpusDir = dir.resolve("corpus");
    Path results = dir.resolve("results");
    Map<String, List<NabFile.Window>> labels = new LinkedHashMap<>();
    Random rnd = new Random(21);
    writeFile(corpusDir, results, "catA/long_many_windows.csv", 9000, 12, 5, rnd, labels);
    writeFile(corpusDir, results, "catA/gappy.csv", 6000, 6, 60, rnd, labels);
    writeFile(corpusDir, results, "catB/short.csv", 1500, 3, 1, rnd, labels);
    writeFile(corpusDir, results, "catB/no_windows.csv", 4000, 0, 5, rnd, labels);
    writeLabels(corpusDir, labels);
    Files.createDirectories(corpusDir.resolve("config"));
    Files.writeString(corpusDir.resolve("config/profiles.json"), PROFILES);

    NabCorpus corpus = new NabCorpus(corpusDir);
    List<NabFile> files = new ArrayList<>();
    for (String f : corpus.files()) {
      files.add(corpus.readResult(results, NabEvaluation.DETECTOR, f));
    }
    Map<String, Double> java = new LinkedHashMap<>();
    for (NabProfile p : corpus.profiles()) {
      java.put(p.name(), new NabScorer(p).score(files, corpus.windowCount()).normalized());
    }

    Result official = run(List.of(tool.toString(), results.toString(), corpusDir.toString()), dir);
    assertEquals(0, official.exit, official.out);
    Matcher m = LAST_LINE.matcher(official.out);
    assertTrue(m.find(), official.out);
    // The official script prints one decimal.
    assertEquals(Double.parseDouble(m.group(1)), java.get("standard"), 0.051, official.out);
    assertEquals(Double.parseDouble(m.group(2)), java.get("reward_low_FP_rate"), 0.051);
    assertEquals(Double.parseDouble(m.group(3)), java.get("reward_low_FN_rate"), 0.051);
  }

  /**
   * Writes one data file and its result file. Samples are 5 minutes apart, with a gap of {@code
   * gapHours} hours every 500 rows; windows (10% of the file, split evenly, as NAB labels them) are
   * spread over the whole file, the first inside the probationary period; scores are noise
   * quantised to two decimals (many ties), raised near and inside windows, with false alarms.
   */
  private static void writeFile(
      Path corpus,
      Path results,
      String rel,
      int rows,
      int windows,
      int gapHours,
      Random rnd,
      Map<String, List<NabFile.Window>> labels)
      throws IOException {
    LocalDateTime[] ts = new LocalDateTime[rows];
    LocalDateTime t = LocalDateTime.of(2015, 3, 1, 0, 0);
    for (int i = 0; i < rows; i++) {
      ts[i] = t;
      t = t.plusMinutes(i % 500 == 499 ? 60L * gapHours : 5);
    }
    List<int[]> spans = new ArrayList<>();
    int width = windows == 0 ? 0 : Math.max(2, rows / 10 / windows);
    for (int w = 0; w < windows; w++) {
      int start = (int) ((w + 0.3) * rows / windows) - width / 2;
      spans.add(new int[] {start, start + width - 1});
    }
    List<NabFile.Window> ws = new ArrayList<>();
    spans.forEach(s -> ws.add(new NabFile.Window(ts[s[0]], ts[s[1]])));
    labels.put(rel, ws);
    StringBuilder data = new StringBuilder("timestamp,value\n");
    StringBuilder res = new StringBuilder("timestamp,value,anomaly_score,label\n");
    for (int i = 0; i < rows; i++) {
      double score = Math.round(rnd.nextDouble() * 60) / 100.0;
      int label = 0;
      for (int[] s : spans) {
        if (i >= s[0] && i <= s[1]) {
          label = 1;
          score = Math.max(score, Math.round((0.4 + 0.6 * rnd.nextDouble()) * 100) / 100.0);
        }
      }
      if (rnd.nextInt(400) == 0) {
        score = Math.round((0.6 + 0.4 * rnd.nextDouble()) * 100) / 100.0;
      }
      String time = NabCorpus.format(ts[i]);
      double value = Math.round(rnd.nextGaussian() * 1000) / 10.0;
      data.append(time).append(',').append(value).append('\n');
      res.append(time).append(',').append(value).append(',').append(score).append(',');
      res.append(label).append('\n');
    }
    write(corpus.resolve("data").resolve(rel), data.toString());
    int slash = rel.indexOf('/');
    write(
        results
            .resolve(rel.substring(0, slash))
            .resolve(NabEvaluation.DETECTOR + "_" + rel.substring(slash + 1)),
        res.toString());
  }

  private static void writeLabels(Path corpus, Map<String, List<NabFile.Window>> labels)
      throws IOException {
    StringBuilder json = new StringBuilder("{\n");
    int k = 0;
    for (Map.Entry<String, List<NabFile.Window>> e : labels.entrySet()) {
      json.append("  \"").append(e.getKey()).append("\": [");
      for (int i = 0; i < e.getValue().size(); i++) {
        NabFile.Window w = e.getValue().get(i);
        json.append(i == 0 ? "" : ", ");
        json.append("[\"").append(NabCorpus.format(w.start())).append(".000000\", \"");
        json.append(NabCorpus.format(w.end())).append(".000000\"]");
      }
      json.append(++k < labels.size() ? "],\n" : "]\n");
    }
    write(corpus.resolve("labels/combined_windows.json"), json.append("}\n").toString());
  }

  private static void write(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  private record Result(int exit, String out) {}

  private static Result run(List<String> cmd, Path dir) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + cmd);
    }
    return new Result(p.exitValue(), out);
  }

  private static final String PROFILES =
      "{\"standard\": {\"CostMatrix\": {\"tpWeight\": 1.0, \"fnWeight\": 1.0, \"fpWeight\": 0.11,"
          + " \"tnWeight\": 1.0}},"
          + " \"reward_low_FP_rate\": {\"CostMatrix\": {\"tpWeight\": 1.0, \"fnWeight\": 1.0,"
          + " \"fpWeight\": 0.22, \"tnWeight\": 1.0}},"
          + " \"reward_low_FN_rate\": {\"CostMatrix\": {\"tpWeight\": 1.0, \"fnWeight\": 2.0,"
          + " \"fpWeight\": 0.11, \"tnWeight\": 1.0}}}";
}
