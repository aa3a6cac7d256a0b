package io.nightshift.jobs.imports;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Collects the refusal rules of an import (text present but not convertible), as one reason column:
 * the first broken rule wins, null when the row is fine.
 */
final class Unparsable {
  private final List<Column> bad = new ArrayList<>();
  private final List<String> reasons = new ArrayList<>();

  /** Refuses a row whose {@code text} is present but whose {@code converted} value is null. */
  Unparsable check(String canonical, Column text, Column converted) {
    bad.add(text.isNotNull().and(converted.isNull()));
    reasons.add("unparsable_" + canonical);
    return this;
  }

  /** The reason column, for {@link ImportWriter#REFUSED}. */
  Column reason() {
    Column out = null;
    for (int i = 0; i < bad.size(); i++) {
      out =
          out == null
              ? when(bad.get(i), lit(reasons.get(i)))
              : out.when(bad.get(i), lit(reasons.get(i)));
    }
    return out == null ? lit(null).cast("string") : out;
  }
}
