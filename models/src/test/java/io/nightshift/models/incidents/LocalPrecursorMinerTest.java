package io.nightshift.models.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.models.incidents.LocalPrecursorMiner.Detail;
import io.nightshift.models.incidents.LocalPrecursorMiner.Event;
import io.nightshift.models.incidents.LocalPrecursorMiner.Incident;
import io.nightshift.models.incidents.LocalPrecursorMiner.Precursor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Precursor mining on the driver, by the definitions of {@link PrecursorMiner}. Plain Java. */
class LocalPrecursorMinerTest {
  private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
  private static final Instant END = Instant.parse("2026-06-11T00:00:00Z"); // 240 hours

  private static LocalPrecursorMiner miner(int... lookbacks) {
    return new LocalPrecursorMiner(START, END, lookbacks, 0.5, 2.0, 2, 5);
  }

  private static Instant at(String t) {
    return Instant.parse("2026-06-" + t + ":00Z");
  }

  private static final List<Incident> FAMILY =
      List.of(
          new Incident("i1", "F", "search", "h1", at("03T10:30")),
          new Incident("i2", "F", "search", "h2", at("07T20:30")));

  @Test
  void anEventInTheHoursBeforeEveryIncidentHasSupportOneAndLiftAgainstItsBaseline() {
    List<Event> events =
        List.of(
            new Event("search", null, at("03T09:10"), null, "change", "change", "failed"),
            new Event("search", null, at("07T19:50"), null, "change", "change", "success"),
            new Event("billing", null, at("07T19:50"), null, "change", "change", "failed"));
    Precursor p = miner(3).mine(FAMILY, events).get("F").get(0);
    // two distinct event hours on search; each is in 3 of the 238 windows of 3 hours
    double baseline = 6.0 / 238;
    assertEquals(1, p.rank());
    assertEquals(1.0, p.support(), 1e-12);
    assertEquals(1.0 / baseline, p.lift(), 1e-9);
    assertEquals(2, p.incidents());
    assertEquals(3, p.hours());
    assertEquals(List.of(new Detail(1, "failed"), new Detail(1, "success")), p.details());
  }

  @Test
  void eachItemKeepsTheLookBackWhereItsLiftIsHighest() {
    List<Event> events =
        List.of(
            new Event(
                "search", null, at("03T08:00"), at("03T08:10"), "metric_anomaly", "cpu", null),
            new Event(
                "search", null, at("07T18:00"), at("07T18:10"), "metric_anomaly", "cpu", null));
    Precursor p = miner(1, 3, 12).mine(FAMILY, events).get("F").get(0);
    assertEquals(3, p.hours(), "1 h does not reach back to the events; 12 h is more common");
    assertEquals(238.0 / 6, p.lift(), 1e-9);
  }

  @Test
  void anEventOfAnEntityPrecedesOnlyThatEntitysIncidents() {
    List<Event> events =
        List.of(
            new Event("search", "h1", at("03T09:00"), null, "metric_saturation", "disk", null),
            new Event("search", "h9", at("07T19:00"), null, "metric_saturation", "disk", null));
    Map<String, List<Precursor>> mined = miner(3).mine(FAMILY, events);
    assertTrue(mined.isEmpty(), "only one of the two incidents is on h1: " + mined);
  }

  @Test
  void eventsOutsideTheWindowAndBelowTheThresholdsGiveNothing() {
    List<Event> events =
        List.of(
            new Event("search", null, at("03T09:00"), null, "change", "change", null),
            new Event(
                "search", null, Instant.parse("2026-05-20T00:00:00Z"), null, "change", "x", null));
    assertTrue(
        miner(3).mine(FAMILY, events).isEmpty(), "one incident of two is below minIncidents");
  }
}
