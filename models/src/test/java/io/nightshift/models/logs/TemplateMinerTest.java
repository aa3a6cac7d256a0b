package io.nightshift.models.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TemplateMinerTest {
  private final LogPreprocessor pre = LogPreprocessor.defaults();

  static List<String> sampleLog(long seed) {
    Random r = new Random(seed);
    List<String> lines = new ArrayList<>();
    String[] states = {"NEW", "RUNNING", "FAILED"};
    for (int i = 0; i < 60; i++) {
      lines.add(
          "Received block blk_"
              + r.nextInt(100000)
              + " of size "
              + r.nextInt(9999)
              + " from /10.0.0."
              + r.nextInt(250));
      lines.add(
          "PacketResponder "
              + r.nextInt(3)
              + " for block blk_"
              + r.nextInt(100000)
              + " terminating");
      int from = r.nextInt(2);
      lines.add(
          "task_"
              + r.nextInt(999)
              + " transitioned from "
              + states[from]
              + " to "
              + states[from + 1]);
      if (i % 3 == 0) {
        lines.add(
            "Connection to node"
                + r.nextInt(99)
                + ".example.com timed out after "
                + r.nextInt(60)
                + " sec");
      }
    }
    return lines;
  }

  private Set<String> templates(List<String> lines) {
    List<String[]> toks = new ArrayList<>();
    for (String l : lines) {
      toks.add(pre.tokens(l));
    }
    Set<String> out = new TreeSet<>();
    for (String[] t : MinerSettings.defaults().miner().mine(toks).templates()) {
      out.add(String.join(" ", t));
    }
    return out;
  }

  @Test
  void recoversTheTemplatesOfAGeneratedLog() {
    assertEquals(
        Set.of(
            "Received block <*> of size <*> from <*>",
            "PacketResponder <*> for block <*> terminating",
            "<*> transitioned from NEW to RUNNING",
            "<*> transitioned from RUNNING to FAILED",
            "Connection to <*> timed out after <*>\u00a0sec"),
        templates(sampleLog(1)));
  }

  @Test
  void splitsAClusterOnAPositionWithFewWordValues() {
    Set<String> t = templates(sampleLog(2));
    assertTrue(t.contains("<*> transitioned from NEW to RUNNING"), t.toString());
    assertTrue(t.contains("<*> transitioned from RUNNING to FAILED"), t.toString());
  }

  @Test
  void doesNotSplitWhenSplittingIsDisabled() {
    List<String[]> toks = new ArrayList<>();
    for (String l : sampleLog(3)) {
      toks.add(pre.tokens(l));
    }
    Set<String> out = new TreeSet<>();
    for (String[] t : new TemplateMiner(0, 1).mine(toks).templates()) {
      out.add(String.join(" ", t));
    }
    assertTrue(out.contains("<*> transitioned from <*> to <*>"), out.toString());
  }

  @Test
  void sameTemplatesWhateverTheOrderOfTheLines() {
    List<String> lines = sampleLog(4);
    List<String> shuffled = new ArrayList<>(lines);
    Collections.shuffle(shuffled, new Random(9));
    assertEquals(templates(lines), templates(shuffled));
  }

  @Test
  void weightedPartialTemplatesMergeIntoOne() {
    List<String[]> partials =
        List.of(
            "user <*> logged in from <*>".split(" "),
            "user admin logged in from <*>".split(" "),
            "disk <*> is full".split(" "));
    TemplateMiner.Result r = MinerSettings.defaults().miner().mine(partials, new long[] {40, 1, 7});
    assertEquals(2, r.templates().size());
    assertEquals(r.assignment()[0], r.assignment()[1]);
    assertNotEquals(r.assignment()[0], r.assignment()[2]);
    assertEquals(41, r.counts()[r.assignment()[0]]);
  }

  @Test
  void rootFrequencyIsTheMostSharedThenTheHighest() {
    assertEquals(10, TemplateMiner.rootFrequency(new long[] {10, 10, 3, -1}));
    assertEquals(10, TemplateMiner.rootFrequency(new long[] {10, 3, -1}));
    assertEquals(1, TemplateMiner.rootFrequency(new long[] {10, 1, 1, 1}));
  }

  @Test
  void keepsWhatDifferingTokensShareAroundTheVariable() {
    assertEquals("rhost=<*>", TemplateMiner.commonShape("rhost=a.example.org", "rhost=localhost"));
    assertEquals("(<*>)", TemplateMiner.commonShape("(root)", "(news)"));
    assertEquals("<*>.", TemplateMiner.commonShape("alice.", "bob."));
    assertEquals("<*>", TemplateMiner.commonShape("alice", "bob"));
    assertEquals("<*>", TemplateMiner.commonShape("<*>", "bob."));
    assertEquals("<*>", TemplateMiner.commonShape("<*>\u00a0KB", "<*>\u00a0B"));
    assertEquals(
        "session opened for user <*> by (uid=<*>)",
        String.join(
            " ",
            MinerSettings.defaults()
                .miner()
                .mine(
                    List.of(
                        pre.tokens("session opened for user root by (uid=0)"),
                        pre.tokens("session opened for user alice by (uid=1000)"),
                        pre.tokens("session opened for user bob by (uid=1001)"),
                        pre.tokens("session opened for user news by (uid=9)")))
                .templates()
                .get(0)));
  }
}
