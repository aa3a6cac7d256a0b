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
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a table as CSV (RFC 4180, UTF-8, header row) beside a report page for spreadsheets. Rows
 * are converted to text in Spark (nested values as JSON) and streamed to the driver a partition at
 * a time, never collected whole; at most {@code maxRows} are written. Cells that a spreadsheet
 * would run as a formula are prefixed with an apostrophe.
 */
final class CsvExport {
  private CsvExport() {}

  /** Writes {@code rows} in their order as {@code name}; returns the data rows written. */
  static long write(SiteFiles files, String name, Dataset<Row> rows, int maxRows) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : rows.schema().fields()) {
      boolean nested =
          f.dataType() instanceof ArrayType
              || f.dataType() instanceof StructType
              || f.dataType() instanceof MapType;
      Column c = col("`" + f.name() + "`");
      cols.add((nested ? to_json(c) : c.cast("string")).as(f.name()));
    }
    Dataset<Row> text = rows.select(cols.toArray(Column[]::new)).limit(maxRows);
    long n = 0;
    try (FSDataOutputStream out = files.open(name);
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
      line(w, rows.columns());
      Iterator<Row> it = text.toLocalIterator();
      String[] vals = new String[rows.columns().length];
      while (it.hasNext()) {
        Row r = it.next();
        for (int i = 0; i < vals.length; i++) {
          vals[i] = r.isNullAt(i) ? "" : r.getString(i);
        }
        line(w, vals);
        n++;
      }
      w.flush();
      files.sized(name, out.getPos());
    } catch (IOException e) {
      throw new UncheckedIOException("writing report file " + name, e);
    }
    return n;
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
