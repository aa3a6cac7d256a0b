package io.nightshift.jobs.validate;

/** Quarantine reasons, declared once; documented in the README. */
public final class Reasons {
  private Reasons() {}

  /** A required column is null: {@code null_<column>}. */
  public static String nullColumn(String column) {
    return "null_" + column;
  }

  public static final String NON_FINITE_VALUE = "non_finite_value";
  public static final String BAD_CAPACITY = "bad_capacity";
  public static final String BEFORE_WINDOW = "before_window";
  public static final String IN_FUTURE = "in_future";
  public static final String UNKNOWN_SEVERITY = "unknown_severity";
  public static final String UNKNOWN_STATUS = "unknown_status";
  public static final String NEGATIVE_DURATION = "negative_duration";
  public static final String DUPLICATE = "duplicate";
}
