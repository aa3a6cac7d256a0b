package io.nightshift.models.situations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.models.situations.Signal.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Grouping on hand-built timelines (plain Java, no Spark). */
class SituationGrouperTest {
  private static final long MIN = 60;
  private static final Relatedness CHECKOUT_NEEDS_DB =
      new Relatedness(List.<String[]>of(new String[] {"checkout", "payments-db"}));

  static Signal metric(String id, String entity, String service, long startMin, long endMin) {
    return Signal.of(
        id, Source.METRIC, entity, service, "latency_ms", startMin * MIN, endMin * MIN, 0.8);
  }

  private static Set<Set<String>> ids(List<List<Signal>> groups) {
    Set<Set<String>> out = new java.util.HashSet<>();
    for (List<Signal> g : groups) {
      Set<String> s = new TreeSet<>();
      g.forEach(x -> s.add(x.id()));
      out.add(s);
    }
    return out;
  }

  @Test
  void groupsOverlappingSignalsOfOneEntity() {
    List<List<Signal>> groups =
        new SituationGrouper(0, Relatedness.none())
            .group(
                List.of(
                    metric("a", "host-1", "web", 0, 30),
                    metric("b", "host-1", "web", 20, 40),
                    metric("c", "host-1", "web", 35, 50)));
    assertEquals(Set.of(Set.of("a", "b", "c")), ids(groups));
  }

  @Test
  void joinsAGapOnlyWithinTheTolerance() {
    List<Signal> timeline =
        List.of(metric("a", "host-1", "web", 0, 10), metric("b", "host-1", "web", 25, 30));
    assertEquals(
        Set.of(Set.of("a", "b")),
        ids(new SituationGrouper(15 * MIN, Relatedness.none()).group(timeline)));
    assertEquals(
        Set.of(Set.of("a"), Set.of("b")),
        ids(new SituationGrouper(14 * MIN, Relatedness.none()).group(timeline)));
  }

  @Test
  void keepsUnrelatedSimultaneousSignalsApart() {
    List<Signal> timeline =
        List.of(
            metric("db", "host-17", "payments-db", 0, 40),
            metric("co", "host-2", "checkout", 5, 45),
            metric("search", "host-3", "search", 0, 40),
            metric("cache", "host-6", "cache", 10, 20));
    assertEquals(
        Set.of(Set.of("db", "co"), Set.of("search"), Set.of("cache")),
        ids(new SituationGrouper(10 * MIN, CHECKOUT_NEEDS_DB).group(timeline)));
    assertEquals(
        4,
        new SituationGrouper(10 * MIN, Relatedness.none()).group(timeline).size(),
        "without a dependency map different services on different hosts stay apart");
  }

  @Test
  void logLinesNamingAServiceRelateIt() {
    Signal db = metric("db", "host-17", "payments-db", 0, 40);
    Signal co = metric("co", "host-2", "checkout", 5, 45);
    Signal timeouts =
        new Signal(
            "t",
            Source.MENTION,
            "host-2",
            "checkout",
            "mentions",
            6 * MIN,
            40 * MIN,
            1,
            "payments-db",
            List.of());
    assertEquals(
        Set.of(Set.of("db", "co", "t")),
        ids(new SituationGrouper(0, Relatedness.none()).group(List.of(db, co, timeouts))));
  }

  @Test
  void chainsThroughALongSignal() {
    List<Signal> timeline =
        List.of(
            metric("long", "host-1", "web", 0, 300),
            metric("early", "host-1", "web", 10, 15),
            metric("late", "host-1", "web", 280, 290));
    assertEquals(
        Set.of(Set.of("long", "early", "late")),
        ids(new SituationGrouper(0, Relatedness.none()).group(timeline)));
  }

  @Test
  void comparesOnlyOpenSignals() {
    // 10,000 short signals on one host, one every 10 minutes: each overlaps none of the others.
    List<Signal> many = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      many.add(metric("s" + i, "host-1", "web", i * 10L, i * 10L + 5));
    }
    long t0 = System.nanoTime();
    List<List<Signal>> groups = new SituationGrouper(MIN, Relatedness.none()).group(many);
    assertEquals(10_000, groups.size());
    assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "sweep should be fast");
  }

  @Test
  void linksOtherEntitiesOnlyWhenTheyStartCloseTogether() {
    // A five-hour level shift on the database, and a checkout latency surge three hours into it.
    List<Signal> timeline =
        List.of(
            metric("db-shift", "host-17", "payments-db", 0, 300),
            metric("co-late", "host-2", "checkout", 180, 200),
            metric("co-early", "host-9", "checkout", 10, 30));
    assertEquals(
        Set.of(Set.of("db-shift", "co-early"), Set.of("co-late")),
        ids(new SituationGrouper(10 * MIN, 30 * MIN, 0, CHECKOUT_NEEDS_DB).group(timeline)));
  }

  @Test
  void linksTheStartAndEndOfALevelShiftOfOneSeries() {
    List<Signal> timeline =
        List.of(
            metric("up", "host-1", "web", 0, 100),
            metric("down", "host-1", "web", 400, 500),
            metric("other-metric", "host-1", "web", 0, 5));
    List<Signal> withOther = new ArrayList<>(timeline.subList(0, 2));
    withOther.add(
        Signal.of(
            "cpu", Source.METRIC, "host-1", "web", "cpu_used_pct", 300 * MIN, 310 * MIN, 0.9));
    assertEquals(
        Set.of(Set.of("up", "down", "other-metric")),
        ids(
            new SituationGrouper(10 * MIN, 30 * MIN, 360 * MIN, Relatedness.none())
                .group(timeline)));
    assertEquals(
        Set.of(Set.of("up", "other-metric"), Set.of("down")),
        ids(new SituationGrouper(10 * MIN, 30 * MIN, 0, Relatedness.none()).group(timeline)));
    assertEquals(
        Set.of(Set.of("up", "down"), Set.of("cpu")),
        ids(
            new SituationGrouper(10 * MIN, 30 * MIN, 360 * MIN, Relatedness.none())
                .group(withOther)),
        "another metric 200 minutes after the shift is not linked by the series gap");
  }

  @Test
  void rejectsNegativeTolerance() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new SituationGrouper(-1, Relatedness.none()));
    assertTrue(e.getMessage().startsWith("toleranceSeconds must be >= 0"));
  }
}
