package io.nightshift.jobs.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.nightshift.jobs.io.OutputLayout;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.collection.Iterable;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Two output roots hold the same tables for a night: same schema, same rows, floating-point values
 * within 1e-9 relative (a sum over rows in another order may differ in its last bits).
 */
final class OutputEquality {
  private static final double RELATIVE = 1e-9;

  private OutputEquality() {}

  /** Asserts every named table of the night is equal in both roots. */
  static void assertSameTables(
      SparkSession spark, Path a, Path b, LocalDate night, Set<String> tables) {
    for (String t : new TreeSet<>(tables)) {
      Dataset<Row> x = read(spark, a, t, night);
      Dataset<Row> y = read(spark, b, t, night);
      assertEquals(x.schema(), y.schema(), t + ": schema");
      boolean hasMaps = x.schema().simpleString().contains("map<");
      if (!hasMaps && x.exceptAll(y).isEmpty() && y.exceptAll(x).isEmpty()) {
        continue;
      }
      List<Row> rx = sorted(x.collectAsList());
      List<Row> ry = sorted(y.collectAsList());
      assertEquals(rx.size(), ry.size(), t + ": rows");
      for (int i = 0; i < rx.size(); i++) {
        if (!close(rx.get(i), ry.get(i))) {
          fail(t + ": row differs\n  " + rx.get(i) + "\n  " + ry.get(i));
        }
      }
    }
  }

  private static Dataset<Row> read(SparkSession spark, Path root, String table, LocalDate night) {
    return spark.read().parquet(new OutputLayout(root.toString()).partition(table, night));
  }

  private static List<Row> sorted(List<Row> rows) {
    List<Row> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(OutputEquality::key));
    return out;
  }

  /** A row as text with numbers rounded, so rows equal within the tolerance sort together. */
  private static String key(Object v) {
    if (v instanceof scala.collection.Map<?, ?> m) {
      return key(sortedList(m));
    }
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%.6g", d);
    }
    if (v instanceof Row r) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < r.length(); i++) {
        b.append(key(r.get(i))).append('|');
      }
      return b.append(']').toString();
    }
    if (v instanceof Iterable<?> s) {
      StringBuilder b = new StringBuilder("(");
      for (Object o : CollectionConverters.asJava(s)) {
        b.append(key(o)).append(',');
      }
      return b.append(')').toString();
    }
    return String.valueOf(v);
  }

  private static boolean close(Object a, Object b) {
    if (a instanceof scala.collection.Map<?, ?> x && b instanceof scala.collection.Map<?, ?> y) {
      return close(sortedList(x), sortedList(y));
    }
    if (a instanceof Double x && b instanceof Double y) {
      return x.equals(y) || Math.abs(x - y) <= RELATIVE * Math.max(Math.abs(x), Math.abs(y));
    }
    if (a instanceof Row x && b instanceof Row y) {
      if (x.length() != y.length()) {
        return false;
      }
      for (int i = 0; i < x.length(); i++) {
        if (!close(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Iterable<?> x && b instanceof Iterable<?> y) {
      List<Object> lx = list(x);
      List<Object> ly = list(y);
      if (lx.size() != ly.size()) {
        return false;
      }
      for (int i = 0; i < lx.size(); i++) {
        if (!close(lx.get(i), ly.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a == null ? b == null : a.equals(b);
  }

  private static List<Object> list(Iterable<?> s) {
    List<Object> out = new ArrayList<>();
    for (Object o : CollectionConverters.asJava(s)) {
      out.add(o);
    }
    return out;
  }

  /** A map's entries as a list of [key, value] pairs in key order (equal maps, equal lists). */
  private static scala.collection.Iterable<Object> sortedList(scala.collection.Map<?, ?> m) {
    java.util.TreeMap<String, Object[]> byKey = new java.util.TreeMap<>();
    CollectionConverters.asJava(m)
        .forEach((k, v) -> byKey.put(String.valueOf(k), new Object[] {k, v}));
    List<Object> out = new ArrayList<>();
    byKey.values().forEach(kv -> out.add(org.apache.spark.sql.RowFactory.create(kv)));
    return CollectionConverters.asScala(out);
  }
}
