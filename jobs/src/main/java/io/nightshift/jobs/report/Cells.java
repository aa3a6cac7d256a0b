package io.nightshift.jobs.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * Turns values read from the output tables into short text for people: numbers to three significant
 * figures, times in UTC to the minute, arrays joined, structs as {@code name: value}. The text is
 * plain (the templates escape it).
 */
public final class Cells {
  /** Shown for a missing value. */
  public static final String MISSING = "–";

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Cells() {}

  /** Any value from a Spark row as text. */
  public static String text(Object v) {
    if (v == null) {
      return MISSING;
    }
    if (v instanceof Double d) {
      return number(d);
    }
    if (v instanceof Float f) {
      return number(f.doubleValue());
    }
    if (v instanceof BigDecimal d) {
      return number(d.doubleValue());
    }
    if (v instanceof Timestamp t) {
      return MINUTE.format(t.toInstant());
    }
    if (v instanceof Instant i) {
      return MINUTE.format(i);
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (v instanceof LocalDate d) {
      return d.toString();
    }
    if (v instanceof Row r) {
      return struct(r);
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      return text(scala.jdk.javaapi.CollectionConverters.asJava(m));
    }
    if (v instanceof scala.collection.Iterable<?> it) {
      return text(scala.jdk.javaapi.CollectionConverters.asJava(it));
    }
    if (v instanceof Map<?, ?> m) {
      List<String> parts = new ArrayList<>();
      m.forEach((k, x) -> parts.add(text(k) + ": " + text(x)));
      return String.join(", ", parts);
    }
    if (v instanceof Iterable<?> it) {
      List<String> parts = new ArrayList<>();
      it.forEach(x -> parts.add(text(x)));
      return String.join(", ", parts);
    }
    return v.toString();
  }

  /** A number to about three significant figures, integers without decimals. */
  public static String number(double v) {
    if (Double.isNaN(v)) {
      return MISSING;
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "-∞";
    }
    double a = Math.abs(v);
    if (v == Math.rint(v) && a < 1e12) {
      return String.format(Locale.ROOT, "%d", (long) v);
    }
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 0.01) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.2g", v);
  }

  /**
   * A count or amount with thousands separators ({@code 12,345}); below 1,000 as {@link #number}.
   * Non-numbers as {@link #text}.
   */
  public static String count(Object v) {
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      return text(v);
    }
    double d = n.doubleValue();
    return Math.abs(d) < 1000 ? number(d) : String.format(Locale.ROOT, "%,.0f", d);
  }

  /**
   * A measured value to three significant figures at any magnitude ({@code 0.0514}, {@code 2.70},
   * {@code 367}), so a value and the band around it stay apart where {@link #number}'s two decimals
   * would show an error-rate band as "0.07 to 0.07". Non-numbers as {@link #text}.
   */
  public static String reading(Object v) {
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      return text(v);
    }
    double d = n.doubleValue();
    if (d == 0 || Math.abs(d) >= 1) {
      return number(d);
    }
    return new BigDecimal(d).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }

  /**
   * A score in [0, 1] always to two decimals ({@code 1.00}, {@code 0.93}), so a column of scores
   * reads alike whether a score is exactly 1 or just below it. Non-numbers as {@link #text}.
   */
  public static String score(Object v) {
    if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
      return String.format(Locale.ROOT, "%.2f", n.doubleValue());
    }
    return text(v);
  }

  /** A share in [0, 1] as a percentage. */
  public static String percent(Object v) {
    if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
      return number(n.doubleValue() * 100) + "%";
    }
    return text(v);
  }

  /** Whether the value is numeric (tables right-align numbers). */
  public static boolean numeric(Object v) {
    return v instanceof Number;
  }

  private static String struct(Row r) {
    if (r.schema() == null) {
      return r.toString();
    }
    List<String> parts = new ArrayList<>();
    StructField[] fields = r.schema().fields();
    for (int i = 0; i < fields.length; i++) {
      parts.add(fields[i].name() + ": " + text(r.get(i)));
    }
    return String.join(", ", parts);
  }
}
