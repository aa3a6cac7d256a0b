package io.nightshift.models.situations;

import java.io.Serializable;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether two signals that overlap in time belong to one situation: the same entity, the
 * same service, a signal naming the other's service in its log lines, or services that depend on
 * each other according to the dependency map (given by an inventory or learned from history).
 */
public final class Relatedness implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Set<String> dependsOn;

  /**
   * @param dependencies directed edges {@code {service, dependsOn}}; an edge relates both ways
   */
  public Relatedness(Iterable<String[]> dependencies) {
    Set<String> d = new HashSet<>();
    for (String[] e : dependencies) {
      d.add(key(e[0], e[1]));
    }
    this.dependsOn = d;
  }

  /** No dependency map: only entity, service and log mentions relate signals. */
  public static Relatedness none() {
    return new Relatedness(Set.of());
  }

  /** Whether {@code service} depends on {@code dependency} in the map. */
  public boolean dependsOn(String service, String dependency) {
    return service != null
        && dependency != null
        && !service.equals(dependency)
        && dependsOn.contains(key(service, dependency));
  }

  /** Why two signals are related, or null when they are not. */
  public String why(Signal a, Signal b) {
    if (a.entity() != null && a.entity().equals(b.entity())) {
      return "same entity";
    }
    if (a.service() != null && a.service().equals(b.service())) {
      return "same service";
    }
    if (names(a, b) || names(b, a)) {
      return "log mentions";
    }
    if (dependsOn(a.service(), b.service()) || dependsOn(b.service(), a.service())) {
      return "dependency";
    }
    return null;
  }

  /** Whether two signals are related (see {@link #why}). */
  public boolean related(Signal a, Signal b) {
    return why(a, b) != null;
  }

  private static boolean names(Signal a, Signal b) {
    return a.peerService() != null && Objects.equals(a.peerService(), b.service());
  }

  private static String key(String service, String dependency) {
    return service + "\u0000" + dependency;
  }
}
