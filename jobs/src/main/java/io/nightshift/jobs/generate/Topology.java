package io.nightshift.jobs.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated shop's services, their dependency map and how hosts are spread over them. Fixed
 * (not random), so every seed describes the same architecture; the first eight hosts cover the
 * services in an order that keeps small fleets interesting (a database and its dependent service
 * first).
 */
public final class Topology {
  private Topology() {}

  /** A service and its static traits. */
  public record Service(
      String name, boolean database, double latencyBaseMs, double connPool, String[] logMix) {}

  /** Services, in the order small fleets receive their first host. */
  public static final List<Service> SERVICES =
      List.of(
          new Service(
              "payments-db", true, 6, 200, new String[] {"T16", "T13", "T04", "T24", "T11"}),
          new Service(
              "checkout", false, 45, 200, new String[] {"T01", "T02", "T04", "T17", "T11", "T19"}),
          new Service("search", false, 60, 100, new String[] {"T23", "T01", "T09", "T11", "T04"}),
          new Service(
              "inventory-db", true, 8, 150, new String[] {"T16", "T13", "T04", "T24", "T12"}),
          new Service("cart", false, 30, 100, new String[] {"T01", "T02", "T18", "T11", "T21"}),
          new Service("cache", false, 2, 500, new String[] {"T18", "T09", "T11", "T04"}),
          new Service("auth", false, 25, 100, new String[] {"T06", "T21", "T11", "T01", "T10"}),
          new Service("web", false, 90, 300, new String[] {"T01", "T02", "T10", "T06", "T11"}));

  /** Service -> services it calls (a dependency's trouble shows up in its dependents). */
  public static final Map<String, List<String>> DEPENDS_ON = dependencies();

  /** After the first eight hosts, further hosts cycle through this weighted list. */
  private static final String[] EXTRA_CYCLE = {
    "checkout",
    "web",
    "search",
    "cart",
    "web",
    "checkout",
    "auth",
    "search",
    "payments-db",
    "web",
    "cart",
    "inventory-db",
    "checkout",
    "cache",
    "search",
    "web"
  };

  private static Map<String, List<String>> dependencies() {
    Map<String, List<String>> d = new LinkedHashMap<>();
    d.put("web", List.of("checkout", "search", "auth"));
    d.put("checkout", List.of("payments-db", "cart", "auth"));
    d.put("cart", List.of("cache"));
    d.put("search", List.of("inventory-db"));
    return d;
  }

  /** The service of host number {@code i} (0-based). */
  public static String serviceOfHost(int i) {
    if (i < SERVICES.size()) {
      return SERVICES.get(i).name();
    }
    return EXTRA_CYCLE[(i - SERVICES.size()) % EXTRA_CYCLE.length];
  }

  /** A service's traits by name. */
  public static Service service(String name) {
    for (Service s : SERVICES) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown service " + name);
  }

  /** Services that directly depend on {@code service}. */
  public static List<String> dependents(String service) {
    List<String> out = new ArrayList<>();
    DEPENDS_ON.forEach(
        (s, deps) -> {
          if (deps.contains(service)) {
            out.add(s);
          }
        });
    return out;
  }

  /** The entity name of host number {@code i} (0-based) in a fleet of {@code n}: host-001. */
  public static String hostName(int i, int n) {
    int width = Math.max(3, String.valueOf(n).length());
    return "host-" + String.format("%0" + width + "d", i + 1);
  }
}
