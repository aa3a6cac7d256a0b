package io.nightshift.models.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TemplateMatcherAndIdsTest {

  private static String[] t(String s) {
    return s.split(" ");
  }

  @Test
  void picksTheMostSpecificMatchingTemplate() {
    TemplateMatcher m =
        new TemplateMatcher(
            List.of(t("user <*> logged <*>"), t("user root logged <*>"), t("disk <*> full")));
    assertEquals(1, m.match(t("user root logged in")));
    assertEquals(0, m.match(t("user bob logged in")));
    assertEquals(2, m.match(t("disk sda full")));
  }

  @Test
  void returnsMinusOneWhenNothingMatches() {
    TemplateMatcher m = new TemplateMatcher(List.<String[]>of(t("disk <*> full")));
    assertEquals(-1, m.match(t("disk sda is full")));
    assertEquals(-1, m.match(t("cpu sda full")));
  }

  @Test
  void matchesTemplatesStartingWithAVariable() {
    TemplateMatcher m = new TemplateMatcher(List.<String[]>of(t("<*> transitioned to RUNNING")));
    assertEquals(0, m.match(t("task_1 transitioned to RUNNING")));
  }

  @Test
  void idDependsOnTheTemplateTextOnly() {
    assertEquals(TemplateIds.of("disk <*> full"), TemplateIds.of(t("disk <*> full")));
    assertNotEquals(TemplateIds.of("disk <*> full"), TemplateIds.of("disk <*> empty"));
    assertTrue(TemplateIds.of("x").matches("T[0-9a-f]{12}"));
  }

  @Test
  void idsAreStableAcrossRefitsOnDifferentSamples() {
    LogPreprocessor pre = LogPreprocessor.defaults();
    Set<String> a = ids(pre, TemplateMinerTest.sampleLog(11));
    List<String> other = TemplateMinerTest.sampleLog(12);
    Collections.shuffle(other, new Random(5));
    assertEquals(a, ids(pre, other));
  }

  private static Set<String> ids(LogPreprocessor pre, List<String> lines) {
    List<String[]> toks = new ArrayList<>();
    for (String l : lines) {
      toks.add(pre.tokens(l));
    }
    Set<String> out = new TreeSet<>();
    for (String[] tpl : MinerSettings.defaults().miner().mine(toks).templates()) {
      out.add(TemplateIds.of(tpl));
    }
    return out;
  }

  @Test
  void aTokenWithAVariableInsideMatchesTokensWithTheSameTextAroundIt() {
    TemplateMatcher m =
        new TemplateMatcher(
            List.of(
                new String[] {"(<*>)", "CMD", "(run-parts", "<*>)"},
                new String[] {"auth", "rhost=<*>", "user=<*>"}));
    assertEquals(0, m.match(new String[] {"(root)", "CMD", "(run-parts", "<*>)"}));
    assertEquals(1, m.match(new String[] {"auth", "rhost=gw.example.org", "user=bob"}));
    assertEquals(-1, m.match(new String[] {"auth", "lhost=gw.example.org", "user=bob"}));
    assertTrue(TemplateMatcher.fits("<*>:<*>:x", "a:b:c:x"));
    assertFalse(TemplateMatcher.fits("<*>:<*>:x", "a:b:c:y"));
  }
}
