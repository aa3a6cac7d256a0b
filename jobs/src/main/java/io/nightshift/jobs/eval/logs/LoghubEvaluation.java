package io.nightshift.jobs.eval.logs;

import io.nightshift.models.logs.LogPreprocessor;
import io.nightshift.models.logs.MinerSettings;
import io.nightshift.models.logs.TemplateIds;
import io.nightshift.models.logs.TemplateMatcher;
import io.nightshift.models.logs.TemplateMiner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Mines one Loghub-style data set ({@code DIR/<DS>/<DS>_2k.log}): splits each line into header and
 * content with a {@link LogFormat}, mines templates from the contents, assigns every line to its
 * template, writes {@code <DS>_2k.log_structured.csv} ({@code
 * LineId,Content,EventId,EventTemplate}) and, when the ground truth is there, measures grouping
 * accuracy.
 */
public final class LoghubEvaluation {
  private final MinerSettings settings;

  public LoghubEvaluation(MinerSettings settings) {
    this.settings = settings;
  }

  /**
   * The outcome for one data set: grouping and parsing accuracy ({@link GroupingAccuracy}, {@link
   * ParsingAccuracy}), both empty without ground truth.
   */
  public record Outcome(
      String dataSet,
      int lines,
      int unparsed,
      int templates,
      OptionalDouble ga,
      OptionalDouble pa,
      double miningLinesPerSecond,
      double assignLinesPerSecond) {}

  /**
   * The content of every line of a data set (a line that does not fit the format is all content).
   */
  public List<String> contents(Path dataDir, String dataSet, LogFormat format) {
    Path log = dataDir.resolve(dataSet).resolve(dataSet + "_2k.log");
    if (!Files.isRegularFile(log)) {
      throw new IllegalArgumentException("no log file " + log);
    }
    List<String> contents = new ArrayList<>();
    for (String line : readLines(log)) {
      contents.add(format.content(line).orElse(line));
    }
    return contents;
  }

  /** Runs one data set and writes its structured CSV into {@code outDir}. */
  public Outcome run(Path dataDir, String dataSet, LogFormat format, Path outDir) {
    Path log = dataDir.resolve(dataSet).resolve(dataSet + "_2k.log");
    if (!Files.isRegularFile(log)) {
      throw new IllegalArgumentException("no log file " + log);
    }
    List<String> raw = readLines(log);
    List<String> contents = new ArrayList<>(raw.size());
    int unparsed = 0;
    for (String line : raw) {
      var c = format.content(line);
      if (c.isEmpty()) {
        unparsed++;
      }
      contents.add(c.orElse(line));
    }
    LogPreprocessor pre = settings.preprocessor();
    long t0 = System.nanoTime();
    List<String[]> tokens = new ArrayList<>(contents.size());
    for (String c : contents) {
      tokens.add(pre.tokens(c));
    }
    TemplateMiner.Result mined = settings.miner().mine(tokens);
    long t1 = System.nanoTime();
    TemplateMatcher matcher = new TemplateMatcher(mined.templates());
    int[] assigned = new int[contents.size()];
    for (int i = 0; i < contents.size(); i++) {
      int m = matcher.match(pre.tokens(contents.get(i)));
      assigned[i] = m >= 0 ? m : mined.assignment()[i];
    }
    long t2 = System.nanoTime();
    List<String> predicted = new ArrayList<>(contents.size());
    List<String> predictedTemplates = new ArrayList<>(contents.size());
    try {
      Files.createDirectories(outDir);
      try (Writer w = Files.newBufferedWriter(outDir.resolve(dataSet + "_2k.log_structured.csv"))) {
        LoghubCsv.writeRow(w, "LineId", "Content", "EventId", "EventTemplate");
        for (int i = 0; i < contents.size(); i++) {
          String template =
              String.join(" ", mined.templates().get(assigned[i]))
                  .replace(LogPreprocessor.UNIT_JOINER, ' ');
          String id = TemplateIds.of(template);
          predicted.add(id);
          predictedTemplates.add(template);
          LoghubCsv.writeRow(w, String.valueOf(i + 1), contents.get(i), id, template);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results for " + dataSet + " to " + outDir, e);
    }
    OptionalDouble ga = OptionalDouble.empty();
    OptionalDouble pa = OptionalDouble.empty();
    Path truthFile = dataDir.resolve(dataSet).resolve(dataSet + "_2k.log_structured.csv");
    if (Files.isRegularFile(truthFile)) {
      List<List<String>> rows = LoghubCsv.parse(readText(truthFile));
      ga =
          OptionalDouble.of(
              GroupingAccuracy.of(predicted, column(rows, "EventId", truthFile, contents.size())));
      pa =
          OptionalDouble.of(
              ParsingAccuracy.of(
                  predictedTemplates, column(rows, "EventTemplate", truthFile, contents.size())));
    }
    return new Outcome(
        dataSet,
        contents.size(),
        unparsed,
        mined.templates().size(),
        ga,
        pa,
        perSecond(contents.size(), t1 - t0),
        perSecond(contents.size(), t2 - t1));
  }

  private static List<String> column(
      List<List<String>> rows, String name, Path file, int expected) {
    int col = rows.isEmpty() ? -1 : rows.get(0).indexOf(name);
    if (col < 0) {
      throw new IllegalArgumentException("ground truth " + file + " has no " + name + " column");
    }
    List<String> out = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      out.add(rows.get(i).get(col));
    }
    if (out.size() != expected) {
      throw new IllegalArgumentException(
          "ground truth " + file + " has " + out.size() + " rows, the log has " + expected);
    }
    return out;
  }

  static double perSecond(int lines, long nanos) {
    return nanos <= 0 ? Double.NaN : lines / (nanos / 1e9);
  }

  /** Reads a text file's lines (CRLF or LF), replacing undecodable bytes. */
  static List<String> readLines(Path file) {
    List<String> out = new ArrayList<>();
    for (String l : readText(file).split("\r?\n", -1)) {
      out.add(l);
    }
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private static String readText(Path file) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
