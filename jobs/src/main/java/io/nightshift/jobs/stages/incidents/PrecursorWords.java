package io.nightshift.jobs.stages.incidents;

import io.nightshift.jobs.schema.RecurringIncidentsTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code description} of one precursor of {@code recurring_incidents}, in words a problem
 * manager reads without a glossary: what the signal was (the log template's text with an example
 * line, the metric and what it did, the change's service and outcomes), then how often it came
 * before the family's incidents against how often it is seen at any time, e.g. {@code a change to
 * search (3 changes: 2 failed, 1 success) in the 3 h before 4 of 5 incidents (80%), against 9% of
 * all 3-hour windows (8.9x)}. Plain Java, applied per precursor by {@link DescribedPrecursors}.
 */
public final class PrecursorWords {
  /** Detail of a metric anomaly event whose peak was above its expected level. */
  public static final String ABOVE = "above";

  /** Detail of a metric anomaly event whose peak was below its expected level. */
  public static final String BELOW = "below";

  private static final int MAX_TEXT = 160;

  private PrecursorWords() {}

  /** One precursor's figures and what is known of its item. */
  public record Item(
      String kind,
      String name,
      double support,
      double lift,
      long incidents,
      int hours,
      long familySize,
      List<String> services,
      List<Detail> details,
      String template,
      String example) {}

  /** How many of the matched events had a detail (a change's status, an anomaly's direction). */
  public record Detail(long events, String detail) {}

  /**
   * The description of an item.
   *
   * @param saturationRatio the share of capacity at which a saturation event starts (e.g. 0.9)
   */
  public static String describe(Item p, double saturationRatio) {
    return what(p, saturationRatio) + " " + when(p);
  }

  /** What the signal was, without its figures. */
  static String what(Item p, double saturationRatio) {
    String on = on(p.services());
    String kind = p.kind() == null ? "" : p.kind();
    switch (kind) {
      case RecurringIncidentsTable.KIND_METRIC_ANOMALY:
        return "anomaly in " + p.name() + on + directions(p.details());
      case RecurringIncidentsTable.KIND_METRIC_SATURATION:
        return p.name()
            + " of the incident's host at or above "
            + number(saturationRatio * 100)
            + "% of its capacity";
      case RecurringIncidentsTable.KIND_LOG_TEMPLATE:
        if (p.template() == null || p.template().isBlank()) {
          return "a WARN/ERROR log template" + on + " (its text is not in the template dictionary)";
        }
        String text = "WARN/ERROR log \"" + clip(p.template()) + "\"" + on;
        if (p.example() != null
            && !p.example().isBlank()
            && !p.example().strip().equals(p.template().strip())) {
          text += " (e.g. \"" + clip(p.example()) + "\")";
        }
        return text;
      case RecurringIncidentsTable.KIND_CHANGE:
        return "a change to" + (on.isEmpty() ? " the service" : on.substring(3)) + outcomes(p);
      default:
        return (kind.isEmpty() ? "" : kind.replace('_', ' ') + " ") + p.name() + on;
    }
  }

  /** How often it preceded the family's incidents, and how often it is seen at any time. */
  static String when(Item p) {
    double baseline = p.lift() > 0 ? p.support() / p.lift() : Double.NaN;
    return "in the "
        + p.hours()
        + " h before "
        + p.incidents()
        + " of "
        + p.familySize()
        + " incidents ("
        + percent(p.support())
        + "), against "
        + percent(baseline)
        + " of all "
        + p.hours()
        + "-hour windows ("
        + number(p.lift())
        + "x)";
  }

  private static String on(List<String> services) {
    if (services == null || services.isEmpty()) {
      return "";
    }
    if (services.size() <= 3) {
      return " on " + String.join(", ", services);
    }
    return " on "
        + services.size()
        + " services ("
        + String.join(", ", services.subList(0, 3))
        + ", ...)";
  }

  private static String directions(List<Detail> details) {
    List<String> parts = new ArrayList<>();
    for (Detail d : details) {
      if (ABOVE.equals(d.detail())) {
        parts.add("above its expected band in " + events(d.events(), "event"));
      } else if (BELOW.equals(d.detail())) {
        parts.add("below its expected band in " + events(d.events(), "event"));
      }
    }
    return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
  }

  private static String outcomes(Item p) {
    long total = p.details().stream().mapToLong(Detail::events).sum();
    if (total == 0) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (Detail d : p.details()) {
      parts.add(d.events() + " " + d.detail().replace('_', ' '));
    }
    return " (" + events(total, "change") + ": " + String.join(", ", parts) + ")";
  }

  private static String events(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String clip(String s) {
    String t = s.strip().replaceAll("\\s+", " ");
    return t.length() <= MAX_TEXT ? t : t.substring(0, MAX_TEXT - 1) + "…";
  }

  static String percent(double share) {
    if (!Double.isFinite(share)) {
      return "an unknown share";
    }
    double pct = share * 100;
    if (pct >= 10 || pct == Math.rint(pct)) {
      return String.format(Locale.ROOT, "%.0f%%", pct);
    }
    return String.format(Locale.ROOT, pct >= 1 ? "%.1f%%" : "%.2g%%", pct);
  }

  static String number(double v) {
    if (!Double.isFinite(v)) {
      return "?";
    }
    if (v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.0f" : "%.1f", v);
  }
}
