package io.nightshift.models.logs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogPreprocessorTest {
  private final LogPreprocessor pre = LogPreprocessor.defaults();

  private String masked(String line) {
    return String.join(" ", pre.tokens(line));
  }

  @Test
  void masksIpsPortsNumbersAndBlockIds() {
    assertEquals(
        "BLOCK* NameSystem.addStoredBlock: blockMap updated: <*> is added to <*> size <*>",
        masked(
            "BLOCK* NameSystem.addStoredBlock: blockMap updated: 10.251.73.220:50010 is added to"
                + " blk_7128370237687728475 size 67108864"));
  }

  @Test
  void masksUuidsHexAndPaths() {
    assertEquals(
        "[<*>] GET <*> done",
        masked("[req-38101a0b-2096-447d-96ea-a692162415ae] GET /v2/servers/detail done"));
    assertEquals("pointer <*> freed", masked("pointer 0x7f3a2b freed"));
    assertEquals("session <*> closed", masked("session deadbeef0042 closed"));
    assertEquals("opened <*>", masked("opened https://example.com/a?b=1"));
  }

  @Test
  void joinsUnitsToTheirVariableAndDropsABracketedRestatement() {
    assertEquals(
        "proxy.example.org:<*> close, <*>\u00a0bytes sent, <*>\u00a0bytes received, lifetime"
            + " <*>\u00a0sec",
        masked(
            "proxy.example.org:5070 close, 1190 bytes (1.16 KB) sent, 403 bytes received, lifetime <1 sec"));
    assertEquals(
        masked("lifetime 00:01 now").split(" ").length,
        masked("lifetime <1 sec now").split(" ").length);
    assertEquals("took <*> to finish", masked("took 12ms to finish"));
  }

  @Test
  void masksMonthAndWeekdayNamesNextToDateParts() {
    assertEquals(
        "connection from <*> (gw.example.org) at <*>",
        masked("connection from 10.1.2.3 (gw.example.org) at Sun Jul 10 02:48:42 2005"));
    assertEquals("next run <*> as planned", masked("next run Jul  9 23:00:01 as planned"));
    assertEquals("May I come in", masked("May I come in"));
  }

  @Test
  void joinsAdjacentVariablesIntoOneListToken() {
    String[] two = pre.tokens("REPORT : 1 2 done");
    String[] four = pre.tokens("REPORT : 1 2 3 4 done");
    assertEquals(two.length, four.length);
    assertEquals("REPORT : <*>\u00a0<*>\u00a0<*>\u00a0<*> done", String.join(" ", four));
    assertTrue(LogPreprocessor.isVariable(four[2]));
  }

  @Test
  void keepsTheFullStopThatEndsASentence() {
    assertEquals(
        "Server listening on <*> port <*>.", masked("Server listening on 0.0.0.0 port 22."));
    assertEquals(
        "bound to <*> -- renewal in <*>\u00a0seconds.",
        masked("bound to 10.0.0.4 -- renewal in 1800 seconds."));
  }

  @Test
  void keepsWordsThatMerelyEndInADigit() {
    assertEquals(
        "open through proxy <*> SOCKS5", masked("open through proxy 10.0.0.1:1080 SOCKS5"));
    assertEquals("flush2DB result success", masked("flush2DB result success"));
  }

  @Test
  void keepsConstantPrefixOfKeyValueTokens() {
    assertEquals("onExtend:<*> <*>\u00a0<*>\u00a0<*>", masked("onExtend:1514038530000 14 0 4"));
    assertEquals("totalSteps=<*>", masked("totalSteps=1514038440000##7007##548365"));
  }

  @Test
  void collapsesListsOfIdsIntoOneVariable() {
    String[] one = pre.tokens("ask 10.0.0.1:50010 to delete blk_1");
    String[] three = pre.tokens("ask 10.0.0.1:50010 to delete blk_1 blk_2 blk_-3");
    assertEquals(one.length, three.length);
    assertEquals("<*>", one[4]);
    assertEquals("<*>\u00a0<*>\u00a0<*>", three[4]);
    assertEquals(
        0,
        new TemplateMatcher(List.<String[]>of(three)).match(one),
        "a list template matches a line with a list of another length");
  }

  @Test
  void disabledRulesLeaveTheirValues() {
    LogPreprocessor none = new LogPreprocessor(List.of(), false, false);
    assertArrayEquals(
        new String[] {"took", "12", "ms", "on", "10.0.0.1"}, none.tokens("took 12 ms on 10.0.0.1"));
    LogPreprocessor onlyIp =
        new LogPreprocessor(LogPreprocessor.rulesNamed(List.of("ip")), false, false);
    assertArrayEquals(
        new String[] {"took", "12", "ms", "on", "<*>"}, onlyIp.tokens("took 12 ms on 10.0.0.1"));
  }

  @Test
  void appliesCustomRegexRules() {
    List<MaskingRule> rules =
        new ArrayList<>(LogPreprocessor.rulesNamed(MaskingRule.DEFAULT_RULES));
    rules.add(new MaskingRule("user", "user [a-z]+", ""));
    LogPreprocessor custom = new LogPreprocessor(rules, true, true);
    assertEquals(
        String.join(" ", custom.tokens("login by user alice")),
        String.join(" ", custom.tokens("login by user bob")));
  }

  @Test
  void blankMessageHasNoTokens() {
    assertEquals(0, pre.tokens("   ").length);
    assertEquals(0, pre.tokens(null).length);
  }

  @Test
  void unknownRuleNameFailsNamingTheKnownRules() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MaskingRule.builtIn("ipv9"));
    assertTrue(e.getMessage().startsWith("unknown masking rule 'ipv9'"), e.getMessage());
  }
}
