package io.nightshift.jobs.kernel;

import java.util.List;
import org.apache.spark.sql.Row;

/** A few rows as an HTML table (escaped) and as aligned plain text, for notebook output. */
final class HtmlTable {
  private HtmlTable() {}

  static String html(String[] columns, List<Row> rows) {
    StringBuilder b = new StringBuilder("<table><thead><tr>");
    for (String c : columns) {
      b.append("<th>").append(escape(c)).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    for (Row r : rows) {
      b.append("<tr>");
      for (int i = 0; i < columns.length; i++) {
        b.append("<td>").append(escape(cell(r, i))).append("</td>");
      }
      b.append("</tr>");
    }
    return b.append("</tbody></table>").toString();
  }

  static String text(String[] columns, List<Row> rows) {
    StringBuilder b = new StringBuilder(String.join(" | ", columns)).append('\n');
    for (Row r : rows) {
      for (int i = 0; i < columns.length; i++) {
        b.append(i == 0 ? "" : " | ").append(cell(r, i));
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String cell(Row r, int i) {
    Object v = r.get(i);
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return d.isNaN() || d.isInfinite()
          ? d.toString()
          : new java.math.BigDecimal(d.toString()).stripTrailingZeros().toPlainString();
    }
    if (v instanceof scala.collection.Seq<?> seq) {
      return scala.jdk.javaapi.CollectionConverters.asJava(seq).toString();
    }
    return v.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
