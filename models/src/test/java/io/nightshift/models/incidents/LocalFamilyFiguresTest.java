package io.nightshift.models.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nightshift.models.incidents.LocalFamilyFigures.Change;
import io.nightshift.models.incidents.LocalFamilyFigures.Figures;
import io.nightshift.models.incidents.LocalFamilyFigures.Incident;
import io.nightshift.models.incidents.LocalFamilyFigures.RootCause;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The family figures on the driver, by the definitions of {@link FamilyFigures}. Plain Java. */
class LocalFamilyFiguresTest {
  private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
  private static final Instant END = Instant.parse("2026-06-03T00:00:00Z");
  private static final LocalFamilyFigures FIGURES =
      new LocalFamilyFigures(START, END, Map.of("SEV1", 8.0, "SEV4", 1.0), 2.0, 24);

  private static Incident incident(
      String id, String severity, String opened, String detected, String resolved, String cause) {
    return new Incident(
        id,
        "F1",
        "disk full",
        "search",
        "host-" + id,
        "disk",
        severity,
        Instant.parse(opened),
        detected == null ? null : Instant.parse(detected),
        resolved == null ? null : Instant.parse(resolved),
        cause);
  }

  @Test
  void impactWeighsMinutesOpenBySeverityAndClipsOpenIncidentsAtTheWindowEnd() {
    Figures f =
        FIGURES
            .compute(
                List.of(
                    incident(
                        "a", "SEV1", "2026-06-01T00:00:00Z", null, "2026-06-01T01:00:00Z", null),
                    incident("b", "SEV4", "2026-06-02T23:00:00Z", null, null, null),
                    incident(
                        "c", "SEV9", "2026-06-02T00:00:00Z", null, "2026-06-02T00:30:00Z", null)),
                null,
                false)
            .get(0);
    assertEquals(8 * 60 + 60 + 2 * 30, f.impact(), 1e-12, "SEV9 has the default weight 2");
    assertEquals(3, f.incidentCount());
    assertEquals(1, f.countFirstHalf(), "the midpoint belongs to the second half");
    assertEquals(2, f.countSecondHalf());
    assertEquals(1, f.trend());
    assertEquals(List.of("a", "b", "c"), f.incidentIds());
    assertEquals(Instant.parse("2026-06-02T23:00:00Z"), f.lastOccurrence());
    assertEquals(45.0, f.mttrMean(), 1e-12, "the open incident is left out of MTTR");
    assertNull(f.mttdMean(), "no incident has a detection time");
    assertNull(f.linkedChangeShare(), "no change table");
    assertEquals(List.of(), f.rootCauses(), "no root_cause column");
  }

  @Test
  void percentilesInterpolateLinearlyBetweenClosestRanksAsSparksPercentile() {
    List<Double> v = Arrays.asList(40.0, 10.0, 30.0, 20.0);
    assertEquals(25.0, LocalFamilyFigures.percentile(v, 0.5), 1e-12);
    assertEquals(0.3 * 30 + 0.7 * 40, LocalFamilyFigures.percentile(v, 0.9), 1e-12);
    assertEquals(7.0, LocalFamilyFigures.percentile(List.of(7.0), 0.9), 1e-12);
    assertNull(LocalFamilyFigures.percentile(List.of(), 0.5));
  }

  @Test
  void anIncidentOpenedWithinTheLinkedHoursAfterAChangeOnItsServiceIsLinked() {
    List<Incident> incidents =
        List.of(
            incident("a", "SEV1", "2026-06-01T10:00:00Z", null, null, null),
            incident("b", "SEV1", "2026-06-02T12:00:00Z", null, null, null),
            incident("c", "SEV1", "2026-06-02T20:00:00Z", null, null, null),
            incident("d", "SEV1", "2026-06-01T09:00:00Z", null, null, null));
    List<Change> changes =
        List.of(
            new Change("search", Instant.parse("2026-06-01T10:00:00Z")),
            new Change("search", Instant.parse("2026-06-01T12:00:01Z")),
            new Change("billing", Instant.parse("2026-06-02T19:00:00Z")));
    // a: a change at the same instant; b: 24 h minus 1 s after one; c: only another service's;
    // d: the changes after it do not count
    Figures f = FIGURES.compute(incidents, changes, false).get(0);
    assertEquals(2.0 / 4, f.linkedChangeShare(), 1e-12);
  }

  @Test
  void rootCausesAreRankedByIncidentsThenCauseWithTheUnrecordedLastAmongEquals() {
    List<Incident> incidents =
        List.of(
            incident("a", "SEV1", "2026-06-01T10:00:00Z", null, null, " full disk "),
            incident("b", "SEV1", "2026-06-01T11:00:00Z", null, null, "full disk"),
            incident("c", "SEV1", "2026-06-01T12:00:00Z", null, null, "   "),
            incident("d", "SEV1", "2026-06-01T13:00:00Z", null, null, "bad config"));
    Figures f = FIGURES.compute(incidents, null, true).get(0);
    assertEquals(
        List.of(
            new RootCause("full disk", 2, 0.5),
            new RootCause("bad config", 1, 0.25),
            new RootCause(null, 1, 0.25)),
        f.rootCauses());
  }
}
