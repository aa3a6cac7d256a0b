package io.nightshift.jobs.validate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.config.ValidationSettings;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.Column;
import io.nightshift.jobs.schema.InputTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The per-row checks of each input table, as one Spark expression: the first rule a row breaks
 * becomes its quarantine reason (null when it passes). Also normalises enumerations (severity upper
 * case and mapped through {@code severityAliases}, level upper case, change status lower case) so
 * later stages see one spelling, and ends an incident at {@code closed_at} when {@code resolved_at}
 * is null (tickets closed but never resolved would otherwise stay open for months).
 */
final class RowRules {
  /** Change statuses the contract knows. */
  static final List<String> CHANGE_STATUSES = List.of("success", "failed", "rolled_back");

  private RowRules() {}

  /** A rule: a condition that makes a row bad, and its reason. */
  private record Rule(org.apache.spark.sql.Column bad, String reason) {}

  static Dataset<Row> normalise(InputTable table, Dataset<Row> rows, ValidationSettings v) {
    return switch (table) {
      case INCIDENTS ->
          rows.withColumn(Cols.SEVERITY, severity(v.severityAliases()))
              .withColumn(Cols.RESOLVED_AT, coalesce(col(Cols.RESOLVED_AT), col(Cols.CLOSED_AT)));
      case LOGS -> rows.withColumn(Cols.LEVEL, upper(trim(col(Cols.LEVEL))));
      case CHANGES -> rows.withColumn(Cols.STATUS, lower(trim(col(Cols.STATUS))));
      default -> rows;
    };
  }

  /**
   * The severity trimmed, upper-cased and mapped through the aliases; a value with no alias is kept
   * as it is (the check then accepts or quarantines it, the row naming the value).
   */
  private static org.apache.spark.sql.Column severity(Map<String, String> aliases) {
    org.apache.spark.sql.Column s = upper(trim(col(Cols.SEVERITY)));
    org.apache.spark.sql.Column mapped = null;
    for (Map.Entry<String, String> e : aliases.entrySet()) {
      org.apache.spark.sql.Column is = s.equalTo(lit(e.getKey()));
      mapped = mapped == null ? when(is, lit(e.getValue())) : mapped.when(is, lit(e.getValue()));
    }
    return mapped == null ? s : mapped.otherwise(s);
  }

  /** The reason column: the first broken rule, or null. */
  static org.apache.spark.sql.Column reason(
      InputTable table, ValidationSettings v, Instant windowStart, Instant windowEnd) {
    return coalesce(dayReason(table, v), windowReason(table, v, windowStart, windowEnd));
  }

  /**
   * The rules that look at a row alone (required columns, values, enumerations): the same whatever
   * night reads the row, so a day partition's result can be kept between nights. The window rules
   * come after them ({@link #windowReason}): a row that breaks both is quarantined for this one.
   */
  static org.apache.spark.sql.Column dayReason(InputTable table, ValidationSettings v) {
    List<Rule> rules = new ArrayList<>();
    for (Column c : table.columns()) {
      if (c.required()) {
        rules.add(new Rule(col(c.name()).isNull(), Reasons.nullColumn(c.name())));
      }
    }
    switch (table) {
      case METRICS -> {
        org.apache.spark.sql.Column value = col(Cols.VALUE);
        rules.add(
            new Rule(
                isnan(value)
                    .or(value.equalTo(Double.POSITIVE_INFINITY))
                    .or(value.equalTo(Double.NEGATIVE_INFINITY)),
                Reasons.NON_FINITE_VALUE));
        org.apache.spark.sql.Column cap = col(Cols.CAPACITY);
        rules.add(
            new Rule(
                cap.isNotNull()
                    .and(isnan(cap).or(cap.leq(0)).or(cap.equalTo(Double.POSITIVE_INFINITY))),
                Reasons.BAD_CAPACITY));
      }
      case INCIDENTS -> {
        rules.add(
            new Rule(
                col(Cols.SEVERITY).isin(v.severities().toArray()).unary_$bang(),
                Reasons.UNKNOWN_SEVERITY));
        rules.add(
            new Rule(
                col(Cols.RESOLVED_AT)
                    .lt(col(Cols.OPENED_AT))
                    .or(col(Cols.DETECTED_AT).lt(col(Cols.OPENED_AT))),
                Reasons.NEGATIVE_DURATION));
      }
      case CHANGES ->
          rules.add(
              new Rule(
                  col(Cols.STATUS).isin(CHANGE_STATUSES.toArray()).unary_$bang(),
                  Reasons.UNKNOWN_STATUS));
      default -> {}
    }
    return firstBroken(rules);
  }

  /**
   * The window rules: stamped before the window, or after its end plus the allowed clock skew. Only
   * a row whose time lies outside its own day partition can break them while that day is in the
   * window.
   */
  static org.apache.spark.sql.Column windowReason(
      InputTable table, ValidationSettings v, Instant windowStart, Instant windowEnd) {
    Timestamp start = Timestamp.from(windowStart);
    Timestamp future = Timestamp.from(windowEnd.plusSeconds(60L * v.maxFutureSkewMinutes()));
    org.apache.spark.sql.Column ts = col(table.eventTimeColumn());
    List<Rule> rules = new ArrayList<>();
    rules.add(new Rule(ts.lt(lit(start)), Reasons.BEFORE_WINDOW));
    rules.add(new Rule(ts.geq(lit(future)), Reasons.IN_FUTURE));
    return firstBroken(rules);
  }

  private static org.apache.spark.sql.Column firstBroken(List<Rule> rules) {
    org.apache.spark.sql.Column expr = null;
    for (Rule r : rules) {
      org.apache.spark.sql.Column bad = r.bad().equalTo(true);
      expr = expr == null ? when(bad, lit(r.reason())) : expr.when(bad, lit(r.reason()));
    }
    return expr;
  }
}
