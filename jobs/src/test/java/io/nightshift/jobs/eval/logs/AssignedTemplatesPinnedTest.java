package io.nightshift.jobs.eval.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nightshift.jobs.config.LogSettings;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.testkit.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Speed-only changes to the preprocessor, miner or matcher must not move any line: the template of
 * every line of these Loghub sets is pinned as assigned before the matcher/tokeniser speed-up
 * (files in {@code eval/logs-assigned}). A change meant to alter templates regenerates the files
 * and says so.
 */
class AssignedTemplatesPinnedTest {

  @ParameterizedTest
  @ValueSource(strings = {"Proxifier", "HealthApp", "Hadoop"})
  void everyLineKeepsItsPinnedTemplate(String dataSet, @TempDir Path out) throws IOException {
    Path data = SharedData.require("loghub-2k");
    LogSettings s = NightshiftConfig.load().logs();
    new LoghubEvaluation(s.minerSettings())
        .run(data, dataSet, LogFormat.parse(s.format(dataSet).orElseThrow()), out);
    List<List<String>> rows =
        LoghubCsv.parse(Files.readString(out.resolve(dataSet + "_2k.log_structured.csv")));
    int col = rows.get(0).indexOf("EventTemplate");
    List<String> pinned = pinned(dataSet);
    assertEquals(pinned.size(), rows.size() - 1);
    for (int i = 0; i < pinned.size(); i++) {
      assertEquals(pinned.get(i), rows.get(i + 1).get(col), dataSet + " line " + (i + 1));
    }
  }

  private static List<String> pinned(String dataSet) throws IOException {
    String name = "/eval/logs-assigned/" + dataSet + ".txt";
    try (InputStream in = AssignedTemplatesPinnedTest.class.getResourceAsStream(name)) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      List<String> templates = lines.subList(3, lines.size());
      List<String> perLine = new ArrayList<>();
      for (String id : lines.get(2).split(",")) {
        perLine.add(templates.get(Integer.parseInt(id)));
      }
      return perLine;
    }
  }
}
