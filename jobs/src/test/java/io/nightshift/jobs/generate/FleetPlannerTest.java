package io.nightshift.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The plan (no Spark): determinism, the mix of disk trends, families, cascades, degradations. */
class FleetPlannerTest {

  private static final GeneratorOptions SAMPLE =
      new GeneratorOptions("/tmp/x", 24, 28, LocalDate.parse("2026-06-30"), 7, 5, 0.3);

  private static final FleetPlan PLAN = FleetPlanner.plan(SAMPLE);

  @Test
  void sameOptionsGiveTheSamePlan() {
    assertEquals(PLAN, FleetPlanner.plan(SAMPLE));
    FleetPlan other =
        FleetPlanner.plan(
            new GeneratorOptions("/tmp/x", 24, 28, LocalDate.parse("2026-06-30"), 8, 5, 0.3));
    assertNotEquals(PLAN.incidents(), other.incidents());
  }

  @Test
  void aboutAThirdOfDisksGrowAndSomeSaturateWithin90Days() {
    long growing = PLAN.hosts().stream().filter(h -> h.disk().last().growthPerDay() > 0).count();
    assertEquals(8, growing, "24 hosts: a third grow (incl. the disk-full host)");
    long we = SAMPLE.windowEnd();
    long soon =
        PLAN.hosts().stream()
            .map(h -> h.disk().last().crossing(100))
            .filter(c -> c != null && c > we + 7 * 86_400L && c <= we + 90 * 86_400L)
            .count();
    assertTrue(soon >= 2, "hosts crossing 100% 7-90 days after the window: " + soon);
    Set<String> kinds = PLAN.hosts().stream().map(h -> h.disk().kind()).collect(Collectors.toSet());
    assertEquals(Set.of("flat", "soon", "slow", "reset", "sawtooth"), kinds);
  }

  @Test
  void everyFamilyRecursWithItsPlantedPrecursorAndDistinctImpact() {
    assertEquals(5, PLAN.families().size());
    Map<String, Integer> counts = new HashMap<>();
    for (FleetPlan.Incident i : PLAN.incidents()) {
      if (!i.familyId().isEmpty()) {
        counts.merge(i.familyId(), 1, Integer::sum);
        assertNotEquals("none", i.precursorKind(), i.incidentId());
        assertTrue(i.precursorStart() <= i.openedAt(), i.incidentId());
      }
    }
    PLAN.families().forEach(f -> assertTrue(counts.getOrDefault(f.familyId(), 0) >= 2, f.label()));
    Set<Integer> ranks = new HashSet<>();
    PLAN.families().forEach(f -> ranks.add(f.impactRank()));
    assertEquals(Set.of(1, 2, 3, 4, 5), ranks);
    assertTrue(PLAN.incidents().stream().anyMatch(i -> i.resolvedAt() == null), "one still open");
    assertTrue(PLAN.incidents().stream().anyMatch(i -> i.familyId().isEmpty()), "one-offs");
  }

  @Test
  void changePrecursorsAreDeploysOfTheSameServiceHoursBefore() {
    Map<String, FleetPlan.Change> changes =
        PLAN.changes().stream().collect(Collectors.toMap(FleetPlan.Change::changeId, c -> c));
    List<FleetPlan.Incident> viaChange =
        PLAN.incidents().stream().filter(i -> i.precursorKind().equals("change")).toList();
    assertTrue(viaChange.size() >= 3);
    for (FleetPlan.Incident i : viaChange) {
      FleetPlan.Change c = changes.get(i.precursor());
      assertEquals(i.service(), c.service());
      long lead = i.openedAt() - c.ts();
      assertTrue(lead >= 40 * 60 && lead <= 180 * 60, "lead " + lead);
    }
    long bad = PLAN.changes().stream().filter(c -> !c.status().equals("success")).count();
    double share = bad / (double) PLAN.changes().size();
    assertTrue(share > 0.03 && share < 0.2, "failed/rolled back share " + share);
  }

  @Test
  void cascadesHitDependentsFiveToTwentyMinutesAfterTheCause() {
    assertTrue(PLAN.cascades().size() >= 5);
    Map<String, FleetPlan.Anomaly> byId =
        PLAN.anomalies().stream().collect(Collectors.toMap(FleetPlan.Anomaly::anomalyId, a -> a));
    for (FleetPlan.Cascade c : PLAN.cascades()) {
      FleetPlan.Anomaly cause = byId.get(c.causeAnomalyId());
      assertTrue(cause.isCause());
      List<FleetPlan.Anomaly> effects =
          PLAN.anomalies().stream()
              .filter(a -> c.cascadeId().equals(a.cascadeId()) && !a.isCause())
              .toList();
      assertTrue(!effects.isEmpty(), c.cascadeId());
      for (FleetPlan.Anomaly a : effects) {
        long lag = a.start() - cause.start();
        assertTrue(lag >= 5 * 60 && lag <= 20 * 60, "lag " + lag);
        assertTrue(
            Topology.DEPENDS_ON.getOrDefault(a.service(), List.of()).contains(cause.service()),
            a.service() + " depends on " + cause.service());
      }
    }
  }

  @Test
  void degradationsStart12To48HoursBeforeTheirIncident() {
    Map<String, FleetPlan.Incident> inc =
        PLAN.incidents().stream().collect(Collectors.toMap(FleetPlan.Incident::incidentId, i -> i));
    assertTrue(PLAN.degradations().size() >= 4);
    for (FleetPlan.Degradation d : PLAN.degradations()) {
      FleetPlan.Incident i = inc.get(d.incidentId());
      double hours = (i.openedAt() - d.start()) / 3600.0;
      if (d.start() > SAMPLE.windowStart()) {
        assertTrue(hours >= 12 && hours <= 48, "lead " + hours + " h");
      }
      assertEquals(i.entity(), d.entity());
    }
  }

  @Test
  void rejectsAResolutionThatDoesNotDivideTheDay() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new GeneratorOptions("/tmp/x", 4, 2, LocalDate.parse("2026-06-30"), 1, 7, 0.3));
    assertTrue(e.getMessage().startsWith("--resolution-minutes must divide 1440"));
  }
}
