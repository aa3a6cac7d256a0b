package io.nightshift.jobs.report;

import static io.nightshift.jobs.schema.CapacityForecastTable.CONFIDENCE_NOTE;
import static io.nightshift.jobs.schema.CapacityForecastTable.CROSSING_AT;
import static io.nightshift.jobs.schema.CapacityForecastTable.CURRENT_UTILISATION_PCT;
import static io.nightshift.jobs.schema.CapacityForecastTable.DAYS_P10;
import static io.nightshift.jobs.schema.CapacityForecastTable.DAYS_P50;
import static io.nightshift.jobs.schema.CapacityForecastTable.DAYS_P90;
import static io.nightshift.jobs.schema.CapacityForecastTable.ENTITY;
import static io.nightshift.jobs.schema.CapacityForecastTable.FORECAST_ORIGIN;
import static io.nightshift.jobs.schema.CapacityForecastTable.FULL_AT;
import static io.nightshift.jobs.schema.CapacityForecastTable.RESOURCE;
import static io.nightshift.jobs.schema.CapacityForecastTable.SKILL;
import static io.nightshift.jobs.schema.CapacityForecastTable.THRESHOLD_PCT;

import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;

/**
 * A capacity_forecast row in words a planner can act on: what crosses which threshold when, the
 * p10-p90 range (the same quantiles the chart's band draws), when it is full, and how good the
 * forecast was in its own backtest.
 */
final class CapacityWords {
  private static final long DAY = 86_400;

  private CapacityWords() {}

  /**
   * The summary's first line: the soonest confident crossing with its range and skill, or that no
   * resource is predicted to saturate; then how many more may, and how many low-confidence
   * forecasts are listed apart.
   */
  static String headline(Row first, long saturating, long may, long low, long resources) {
    StringBuilder b = new StringBuilder();
    if (first != null) {
      b.append("Act first: ").append(crossing(first)).append('.');
      String skill = first.getAs(SKILL);
      if (skill != null) {
        b.append(" Its forecast ").append(skill).append('.');
      }
      if (saturating > 1) {
        b.append(' ')
            .append(saturating - 1)
            .append(" more resource")
            .append(saturating == 2 ? " is" : "s are")
            .append(" predicted to saturate.");
      }
    } else {
      b.append("No resource is predicted to saturate by a confident forecast (")
          .append(resources)
          .append(" resources forecast).");
    }
    if (may > 0) {
      b.append(' ')
          .append(may)
          .append(may == 1 ? " more may" : " more may")
          .append(" saturate on the pessimistic (p90) path.");
    }
    if (low > 0) {
      b.append(' ')
          .append(low)
          .append(low == 1 ? " low-confidence forecast is" : " low-confidence forecasts are")
          .append(" listed apart, not counted.");
    }
    return b.toString();
  }

  /** "disk_used_pct on host-004 reaches 85% on 2026-07-05 12:00 UTC (in 4.5 days; ...)". */
  static String crossing(Row r) {
    String what = r.getAs(RESOURCE) + " on " + r.getAs(ENTITY);
    Double days = r.getAs(DAYS_P50);
    String thr = Cells.number(r.<Double>getAs(THRESHOLD_PCT)) + "%";
    if (days != null && days == 0) {
      return what
          + " is at "
          + Cells.number(r.<Double>getAs(CURRENT_UTILISATION_PCT))
          + "% of capacity, at or above its "
          + thr
          + " threshold now"
          + full(r);
    }
    if (days == null) {
      Instant p90 = after(r, DAYS_P90);
      return what
          + " may reach "
          + thr
          + " of capacity: only the pessimistic (p90) path does, on "
          + Cells.text(p90)
          + " UTC (in "
          + Cells.number(r.<Double>getAs(DAYS_P90))
          + " days)";
    }
    return what
        + " reaches "
        + thr
        + " of capacity on "
        + Cells.text(r.<Timestamp>getAs(CROSSING_AT))
        + " UTC (median, in "
        + Cells.number(days)
        + " days; p10-p90 range "
        + range(r)
        + ")"
        + full(r);
  }

  /** The p90 (earliest) to p10 (latest) crossing times, the quantiles of the chart's band. */
  static String range(Row r) {
    Instant early = after(r, DAYS_P90);
    Instant late = after(r, DAYS_P10);
    return (early == null ? "–" : Cells.text(early))
        + " to "
        + (late == null ? "beyond the horizon" : Cells.text(late));
  }

  /** Days from the p90 crossing (earliest) to the p10 crossing (latest). */
  static String dayRange(Row r) {
    Double early = r.getAs(DAYS_P90);
    Double late = r.getAs(DAYS_P10);
    return (early == null ? "–" : Cells.number(early))
        + " to "
        + (late == null ? "beyond horizon" : Cells.number(late));
  }

  /** The median crossing, or the p90 path's, marked so. */
  static String anyCrossing(Row r) {
    Timestamp median = r.getAs(CROSSING_AT);
    if (median != null) {
      return Cells.text(median) + " (median)";
    }
    Instant p90 = after(r, DAYS_P90);
    return p90 == null ? Cells.MISSING : Cells.text(p90) + " (p90 path only)";
  }

  /** Why a forecast is low confidence. */
  static String why(Row r) {
    String note = r.getAs(CONFIDENCE_NOTE);
    return note == null ? Cells.MISSING : note;
  }

  private static String full(Row r) {
    Timestamp fullAt = r.getAs(FULL_AT);
    if (fullAt == null) {
      return "; not full within the horizon";
    }
    return "; full (100%) on " + Cells.text(fullAt) + " UTC";
  }

  /** The time {@code daysColumn} days after the row's forecast origin; null if either is null. */
  static Instant after(Row r, String daysColumn) {
    Double days = r.getAs(daysColumn);
    Timestamp origin = r.getAs(FORECAST_ORIGIN);
    if (days == null || origin == null) {
      return null;
    }
    return origin.toInstant().plusSeconds(Math.round(days * DAY));
  }
}
