package io.nightshift.jobs.eval.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.cli.Main;
import io.nightshift.jobs.config.LogSettings;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.testkit.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grouping and parsing accuracy floors on the Loghub 2k sets (one shared configuration) and the
 * eval CLI.
 */
@Tag("slow")
class LoghubEvaluationTest {
  /** Measured GA minus a small margin (docs/logs.md has the figures). */
  private static final Map<String, Double> FLOORS =
      Map.of(
          "Apache", 0.99,
          "HDFS", 0.99,
          "Hadoop", 0.95,
          "HealthApp", 0.98,
          "OpenStack", 0.93,
          "Proxifier", 0.98,
          "Spark", 0.98,
          "Zookeeper", 0.97);

  /** Measured PA (template text exactly right, canonical form) minus a small margin. */
  private static final Map<String, Double> PA_FLOORS =
      Map.of(
          "Apache", 0.99,
          "HDFS", 0.99,
          "Hadoop", 0.95,
          "HealthApp", 0.97,
          "OpenStack", 0.42,
          "Proxifier", 0.01,
          "Spark", 0.87,
          "Zookeeper", 0.98);

  @Test
  void groupingAccuracyStaysAboveItsFloorOnEveryDataSet(@TempDir Path out) {
    Path data = SharedData.require("loghub-2k");
    LogSettings s = NightshiftConfig.load().logs();
    LoghubEvaluation eval = new LoghubEvaluation(s.minerSettings());
    double sum = 0;
    double paSum = 0;
    for (Map.Entry<String, Double> e : FLOORS.entrySet()) {
      LoghubEvaluation.Outcome o =
          eval.run(data, e.getKey(), LogFormat.parse(s.format(e.getKey()).orElseThrow()), out);
      assertEquals(2000, o.lines());
      assertEquals(0, o.unparsed(), "every line fits the preset of " + e.getKey());
      double ga = o.ga().orElseThrow();
      assertTrue(ga >= e.getValue(), e.getKey() + " GA " + ga + " below floor " + e.getValue());
      double pa = o.pa().orElseThrow();
      double paFloor = PA_FLOORS.get(e.getKey());
      assertTrue(pa >= paFloor, e.getKey() + " PA " + pa + " below floor " + paFloor);
      sum += ga;
      paSum += pa;
    }
    double mean = sum / FLOORS.size();
    assertTrue(mean >= 0.97, "mean GA " + mean);
    assertTrue(paSum / FLOORS.size() >= 0.77, "mean PA " + paSum / FLOORS.size());
  }

  /**
   * The hand-written syslog corpus ({@code src/test/resources/eval/syslog}, written from public
   * syslog conventions by {@code make_syslog_corpus.py}, never tuned on Loghub data): free text
   * with dates, times, PIDs, paths, host and user names inside. Floors are the measured figures
   * minus a small margin.
   */
  @Test
  void holdsOnHandWrittenSyslogMessages(@TempDir Path out) throws Exception {
    Path data = Path.of(getClass().getResource("/eval/syslog").toURI());
    LoghubEvaluation.Outcome o =
        new LoghubEvaluation(NightshiftConfig.load().logs().minerSettings())
            .run(data, "Syslog", LogFormat.parse(SYSLOG_FORMAT), out);
    assertEquals(0, o.unparsed());
    assertTrue(o.ga().orElseThrow() >= 0.90, "syslog GA " + o.ga());
    assertTrue(o.pa().orElseThrow() >= 0.90, "syslog PA " + o.pa());
  }

  /** RFC 3164 line: {@code Jul 10 02:48:42 host program[pid]: message}. */
  static final String SYSLOG_FORMAT =
      "<Month> <Day> <Time> <Host> <Component>\\[<Pid>\\]: <Content>";

  @Test
  void parsingAccuracyComparesTemplatesInOneCanonicalForm() {
    assertEquals(
        ParsingAccuracy.canonical("PacketResponder <*> for block blk_<*> terminating"),
        ParsingAccuracy.canonical("PacketResponder  <*> for block <*> terminating"));
    assertEquals(
        ParsingAccuracy.canonical("time: <*>.<*> at <*>:<*>"),
        ParsingAccuracy.canonical("time: <*> at <*>"));
    assertEquals("open <*> port <*>", ParsingAccuracy.canonical("open /var/log/messages port 22"));
    assertEquals(
        0.5,
        ParsingAccuracy.of(
            List.of("user <*> logged in", "user <*> <*>"),
            List.of("user <*> logged in", "user <*> logged out")));
  }

  @Test
  void minesContentOnlyLinesWithoutGroundTruth(@TempDir Path data, @TempDir Path out)
      throws Exception {
    Path ds = Files.createDirectories(data.resolve("HDFS"));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      lines.add(
          i % 2 == 0
              ? "Receiving block blk_"
                  + (i * 7919L)
                  + " src: /10.0.0."
                  + (i % 250)
                  + ":50010 dest: /10.0.1.1:50010"
              : "PacketResponder " + (i % 3) + " for block blk_-" + i + " terminating, \"quoted\"");
    }
    Files.writeString(ds.resolve("HDFS_2k.log"), String.join("\r\n", lines) + "\r\n");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    int code;
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      code =
          Main.execute(
              "eval",
              "logs",
              "--data",
              data.toString(),
              "--out",
              out.toString(),
              "--format",
              "<Content>");
    } finally {
      System.setOut(old);
    }
    assertEquals(0, code, buf.toString(StandardCharsets.UTF_8));
    List<List<String>> rows =
        LoghubCsv.parse(Files.readString(out.resolve("HDFS_2k.log_structured.csv")));
    assertEquals(List.of("LineId", "Content", "EventId", "EventTemplate"), rows.get(0));
    assertEquals(2001, rows.size());
    assertEquals(lines.get(1), rows.get(2).get(1));
    assertEquals("PacketResponder <*> for block <*> terminating, \"quoted\"", rows.get(2).get(3));
    assertEquals(2, rows.stream().skip(1).map(r -> r.get(2)).distinct().count());
  }

  @Test
  void failsClearlyForAnUnknownDataSetWithoutFormat(@TempDir Path data, @TempDir Path out)
      throws Exception {
    Path ds = Files.createDirectories(data.resolve("MyApp"));
    Files.writeString(ds.resolve("MyApp_2k.log"), "hello 1\r\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = Main.execute("eval", "logs", "--data", data.toString(), "--out", out.toString());
    } finally {
      System.setErr(old);
    }
    assertEquals(2, code);
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .contains("no line format for data set 'MyApp': pass --format"),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void formatSplitsHeaderFromContent() {
    LogFormat f =
        LogFormat.parse("<Date> <Time> - <Level>  \\[<Node>:<Component>@<Id>\\] - <Content>");
    assertEquals(
        "Notification time out: 3200",
        f.content(
                "2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification time out: 3200")
            .orElseThrow());
    LogFormat plain = LogFormat.parse("[<Time>] <Program> - <Content>");
    assertEquals("a - b", plain.content("[10.30 16:49:06] chrome.exe - a - b").orElseThrow());
    assertTrue(plain.content("no brackets").isEmpty());
  }

  @Test
  void groupingAccuracyCountsOnlyExactGroups() {
    assertEquals(1.0, GroupingAccuracy.of(List.of("a", "a", "b"), List.of("x", "x", "y")));
    assertEquals(
        1.0 / 3, GroupingAccuracy.of(List.of("a", "b", "b"), List.of("x", "y", "z")), 1e-9);
  }

  @Test
  void csvQuotesFieldsWithCommasAndQuotes() {
    assertEquals("\"a, \"\"b\"\"\"", LoghubCsv.quote("a, \"b\""));
    assertEquals(List.of(List.of("1", "a, \"b\"", "")), LoghubCsv.parse("1,\"a, \"\"b\"\"\",\r\n"));
  }
}
