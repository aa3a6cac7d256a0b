package io.nightshift.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a table as CSV (RFC 4180, UTF-8, header row) beside a report page for spreadsheets. Rows
 * are converted to text in Spark (nested values as JSON) and streamed to the driver a partition at
 * a time, never collected whole; at most {@code maxRows} are written. The same pass can keep the
 * first rows, typed, for the page that shows them. Cells that a spreadsheet would run as a formula
 * are prefixed with an apostrophe.
 */
final class CsvExport {
  private CsvExport() {}

  /**
   * What a CSV write saw: the data rows it wrote and the first of them as the table's own rows.
   *
   * @param rows data rows written (every row of the table when fewer than the CSV's limit)
   * @param first the first rows in the CSV's order, with the table's columns and types
   * @param complete whether the CSV holds every row of the table, so {@code rows} is its count
   */
  record Written(long rows, List<Row> first, boolean complete) {}

  /** Writes {@code rows} in their order as {@code name}; returns the data rows written. */
  static long write(SiteFiles files, String name, Dataset<Row> rows, int maxRows) {
    return write(files, name, rows, rows.columns().length, maxRows, 0).rows();
  }

  /**
   * Writes the first {@code csvColumns} columns of {@code rows} in their order as {@code name}, and
   * keeps the first {@code keep} rows (every column) from the same pass, so a page that shows the
   * head of the table it exports runs one query, not two.
   */
  static Written write(
      SiteFiles files, String name, Dataset<Row> rows, int csvColumns, int maxRows, int keep) {
    StructType schema = rows.schema();
    int width = keep > 0 ? schema.fields().length : 0;
    List<Column> cols = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      cols.add(col("`" + schema.fields()[i].name() + "`"));
    }
    String[] headers = Arrays.copyOf(rows.columns(), csvColumns);
    for (int i = 0; i < csvColumns; i++) {
      StructField f = schema.fields()[i];
      boolean nested =
          f.dataType() instanceof ArrayType
              || f.dataType() instanceof StructType
              || f.dataType() instanceof MapType;
      Column c = col("`" + f.name() + "`");
      cols.add((nested ? to_json(c) : c.cast("string")).as("csv_" + i + "_"));
    }
    Dataset<Row> both = rows.select(cols.toArray(Column[]::new)).limit(maxRows);
    List<Row> first = new ArrayList<>();
    long n = 0;
    try (FSDataOutputStream out = files.open(name);
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
      line(w, headers);
      Iterator<Row> it = both.toLocalIterator();
      String[] vals = new String[csvColumns];
      while (it.hasNext()) {
        Row r = it.next();
        for (int i = 0; i < vals.length; i++) {
          vals[i] = r.isNullAt(width + i) ? "" : r.getString(width + i);
        }
        line(w, vals);
        if (first.size() < keep) {
          Object[] v = new Object[width];
          for (int i = 0; i < width; i++) {
            v[i] = r.get(i);
          }
          first.add(new GenericRowWithSchema(v, schema));
        }
        n++;
      }
      w.flush();
      files.sized(name, out.getPos());
    } catch (IOException e) {
      throw new UncheckedIOException("writing report file " + name, e);
    }
    return new Written(n, first, n < maxRows);
  }

  /** Writes a small table built on the driver (e.g. from the manifest). */
  static void writeRows(
      SiteFiles files, String name, List<String> headers, List<List<Object>> rows) {
    try (FSDataOutputStream out = files.open(name);
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
      line(w, headers.toArray(String[]::new));
      for (List<Object> r : rows) {
        line(w, r.stream().map(v -> v == null ? "" : String.valueOf(v)).toArray(String[]::new));
      }
      w.flush();
      files.sized(name, out.getPos());
    } catch (IOException e) {
      throw new UncheckedIOException("writing report file " + name, e);
    }
  }

  private static void line(Writer w, String[] values) throws IOException {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        w.write(',');
      }
      w.write(field(values[i]));
    }
    w.write("\r\n");
  }

  /** One CSV field, quoted when needed, neutralised when it would start a formula. */
  static String field(String v) {
    if (v == null || v.isEmpty()) {
      return "";
    }
    String s = v;
    char c0 = s.charAt(0);
    if ((c0 == '=' || c0 == '+' || c0 == '-' || c0 == '@' || c0 == '\t' || c0 == '\r')
        && !looksNumeric(s)) {
      s = "'" + s;
    }
    if (s.indexOf(',') >= 0
        || s.indexOf('"') >= 0
        || s.indexOf('\n') >= 0
        || s.indexOf('\r') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  private static boolean looksNumeric(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
