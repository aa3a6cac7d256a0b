package io.nightshift.jobs.generate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Date and time formatting shared by the generator (all UTC). */
public final class Dates {
  private Dates() {}

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  /** The dt partition value (yyyy-MM-dd) of an epoch second. */
  public static String dt(long epochSecond) {
    return DAY.format(Instant.ofEpochSecond(epochSecond));
  }

  /** ISO-8601 UTC with seconds, e.g. 2026-06-30T02:10:00Z; empty for null. */
  public static String iso(Long epochSecond) {
    return epochSecond == null ? "" : ISO.format(Instant.ofEpochSecond(epochSecond));
  }
}
