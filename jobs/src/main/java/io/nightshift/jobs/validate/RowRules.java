package io.nightshift.jobs.validate;

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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The per-row checks of each input table, as one Spark expression: the first rule a row breaks
 * becomes its quarantine reason (null when it passes). Also normalises enumerations (severity and
 * level upper case, change status lower case) so later stages see one spelling.
 */
final class RowRules {
  /** Change statuses the contract knows. */
  static final List<String> CHANGE_STATUSES = List.of("success", "failed", "rolled_back");

  private RowRules() {}

  /** A rule: a condition that makes a row bad, and its reason. */
  private record Rule(org.apache.spark.sql.Column bad, String reason) {}

  static Dataset<Row> normalise(InputTable table, Dataset<Row> rows) {
    return switch (table) {
      case INCIDENTS -> rows.withColumn(Cols.SEVERITY, upper(trim(col(Cols.SEVERITY))));
      case LOGS -> rows.withColumn(Cols.LEVEL, upper(trim(col(Cols.LEVEL))));
      case CHANGES -> rows.withColumn(Cols.STATUS, lower(trim(col(Cols.STATUS))));
      default -> rows;
    };
  }

  /** The reason column: the first broken rule, or null. */
  static org.apache.spark.sql.Column reason(
      InputTable table, ValidationSettings v, Instant windowStart, Instant windowEnd) {
    List<Rule> rules = new ArrayList<>();
    for (Column c : table.columns()) {
      if (c.required()) {
        rules.add(new Rule(col(c.name()).isNull(), Reasons.nullColumn(c.name())));
      }
    }
    Timestamp start = Timestamp.from(windowStart);
    Timestamp future = Timestamp.from(windowEnd.plusSeconds(60L * v.maxFutureSkewMinutes()));
    org.apache.spark.sql.Column ts = col(table.eventTimeColumn());
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
    rules.add(new Rule(ts.lt(lit(start)), Reasons.BEFORE_WINDOW));
    rules.add(new Rule(ts.geq(lit(future)), Reasons.IN_FUTURE));

    org.apache.spark.sql.Column expr = null;
    for (Rule r : rules) {
      org.apache.spark.sql.Column bad = r.bad().equalTo(true);
      expr = expr == null ? when(bad, lit(r.reason())) : expr.when(bad, lit(r.reason()));
    }
    return expr;
  }
}
