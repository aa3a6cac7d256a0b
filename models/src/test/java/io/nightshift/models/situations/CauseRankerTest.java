package io.nightshift.models.situations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.models.situations.Signal.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cause ranking and situation description on a toy cascade (plain Java). */
class CauseRankerTest {
  private static final long MIN = 60;

  private static Signal sig(
      String id, String entity, String service, String metric, long s, long e) {
    return Signal.of(id, Source.METRIC, entity, service, metric, s * MIN, e * MIN, 0.7);
  }

  private static Signal timeouts(String id, String entity, String service, String peer, long s) {
    return new Signal(
        id,
        Source.MENTION,
        entity,
        service,
        "mentions",
        s * MIN,
        (s + 20) * MIN,
        1,
        peer,
        List.of());
  }

  /** payments-db slows at 02:10; checkout (2 hosts) and web follow and log timeouts for it. */
  private static List<Signal> cascade() {
    long t = 130; // 02:10
    return List.of(
        sig("db", "host-17", "payments-db", "latency_ms", t, t + 40),
        sig("co1-lat", "host-2", "checkout", "latency_ms", t + 8, t + 45),
        sig("co1-err", "host-2", "checkout", "error_rate", t + 8, t + 45),
        sig("co2-err", "host-9", "checkout", "error_rate", t + 10, t + 45),
        sig("web-err", "host-8", "web", "error_rate", t + 12, t + 50),
        timeouts("m1", "host-2", "checkout", "payments-db", t + 8),
        timeouts("m2", "host-8", "web", "checkout", t + 12));
  }

  @Test
  void ranksTheStartingDependencyFirst() {
    List<Cause> causes = new CauseRanker(Relatedness.none()).rank(cascade(), 3);
    assertEquals("db", causes.get(0).ref());
    assertEquals(1, causes.get(0).rank());
    assertTrue(causes.get(0).why().startsWith("earliest signal (02:10 UTC); checkout wait(s) for"));
    assertEquals(3, causes.size());
  }

  @Test
  void precedenceBeatsADetectionDelay() {
    // The database anomaly was detected 6 minutes after checkout's; checkout's logs still name it.
    List<Signal> late =
        List.of(
            sig("db", "host-17", "payments-db", "latency_ms", 16, 50),
            sig("co", "host-2", "checkout", "error_rate", 10, 50),
            timeouts("m1", "host-2", "checkout", "payments-db", 10));
    assertEquals("db", new CauseRanker(Relatedness.none()).rank(late, 2).get(0).ref());
    // Learned or given dependencies act the same way without the log lines.
    Relatedness map = new Relatedness(List.<String[]>of(new String[] {"checkout", "payments-db"}));
    List<Signal> noLogs = late.subList(0, 2);
    assertEquals("db", new CauseRanker(map).rank(noLogs, 2).get(0).ref());
    assertEquals("co", new CauseRanker(Relatedness.none()).rank(noLogs, 2).get(0).ref());
  }

  @Test
  void aDeployOfTheStartingServiceComesFirstButNotOneOfADownstreamService() {
    Signal.Change searchDeploy = new Signal.Change("CHG-1", "search", 60 * MIN, "success");
    Signal.Change webDeploy = new Signal.Change("CHG-2", "web", 70 * MIN, "failed");
    List<Signal> s =
        List.of(
            new Signal(
                "search-lat",
                Source.METRIC,
                "host-3",
                "search",
                "latency_ms",
                100 * MIN,
                160 * MIN,
                0.9,
                null,
                List.of(searchDeploy)),
            new Signal(
                "web-lat",
                Source.METRIC,
                "host-8",
                "web",
                "latency_ms",
                115 * MIN,
                160 * MIN,
                0.7,
                null,
                List.of(webDeploy)),
            timeouts("m", "host-8", "web", "search", 115));
    List<Cause> causes = new CauseRanker(Relatedness.none()).rank(s, 4);
    assertEquals("CHG-1", causes.get(0).ref());
    assertEquals("change", causes.get(0).kind());
    assertEquals("change CHG-1 to search 40 min before the first signal", causes.get(0).why());
    assertEquals("search-lat", causes.get(1).ref());
    assertTrue(
        causes.indexOf(causes.stream().filter(c -> c.ref().equals("CHG-2")).findFirst().get()) > 1);
  }

  @Test
  void describesTheSituation() {
    SituationRules rules = new SituationRules(10 * MIN, 30 * MIN, 0, 0.6, 2, 30 * MIN, 3);
    List<Situation> out = new SituationAssembler(rules, Relatedness.none()).assemble(cascade());
    assertEquals(1, out.size());
    Situation s = out.get(0);
    assertEquals(List.of("checkout", "payments-db", "web"), s.services());
    assertEquals(4, s.entities().size());
    assertEquals(
        "checkout:error_rate,checkout:latency_ms,payments-db:latency_ms,web:error_rate",
        s.signature());
    assertEquals(
        "payments-db latency_ms on host-17 at 02:10, then checkout, web (7 signals on 4 entities)",
        s.headline());
    assertTrue(s.severity() > s.maxScore());
    assertTrue(s.passesMinimums());
  }

  @Test
  void aLoneShortSpikeIsNotReported() {
    SituationRules rules = new SituationRules(10 * MIN, 30 * MIN, 0, 0.6, 2, 30 * MIN, 3);
    Situation s =
        new SituationAssembler(rules, Relatedness.none())
            .describe(List.of(sig("x", "host-1", "web", "cpu_used_pct", 0, 5)));
    assertFalse(s.passesMinimums());
    Situation longOne =
        new SituationAssembler(rules, Relatedness.none())
            .describe(List.of(sig("y", "host-1", "web", "cpu_used_pct", 0, 45)));
    assertTrue(longOne.passesMinimums());
  }
}
