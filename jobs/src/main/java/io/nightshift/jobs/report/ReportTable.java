package io.nightshift.jobs.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Row;

/**
 * An HTML table as the templates see it: headers, rows of cells, and whether it was cut short (the
 * CSV beside the page then has every row).
 *
 * @param headers column headings
 * @param rows the rows shown
 * @param total rows the table has in full (may exceed the rows shown)
 * @param csv file name of the CSV with every row, or null
 */
public record ReportTable(List<String> headers, List<Line> rows, long total, String csv) {

  /** One row. */
  public record Line(List<Cell> cells) {}

  /**
   * One cell: text (escaped by the template), or an inline SVG chart written by this package.
   *
   * @param text plain text
   * @param svg an SVG element or null
   * @param cls CSS class ("num" right-aligns numbers)
   */
  public record Cell(String text, String svg, String cls) {
    /** A text cell. */
    public static Cell of(Object value) {
      return new Cell(Cells.text(value), null, Cells.numeric(value) ? "num" : "");
    }

    /** A score or severity in [0, 1]: always two decimals, as every page shows scores. */
    public static Cell score(Object value) {
      return new Cell(Cells.score(value), null, Cells.numeric(value) ? "num" : "");
    }

    /** A chart cell. */
    public static Cell chart(String svg) {
      return new Cell("", svg, "chart-cell");
    }
  }

  /** Whether rows were left off. */
  public boolean truncated() {
    return total > rows.size();
  }

  /** Whether the table has no rows. */
  public boolean empty() {
    return rows.isEmpty();
  }

  /** Rows shown. */
  public int shown() {
    return rows.size();
  }

  /**
   * Builds a table from collected rows. {@code columns} maps each heading to how its cell is made
   * from a row, in order.
   */
  public static ReportTable of(
      List<Row> rows, Map<String, Function<Row, Cell>> columns, long total, String csv) {
    List<Line> lines = new ArrayList<>(rows.size());
    for (Row r : rows) {
      List<Cell> cells = new ArrayList<>(columns.size());
      for (Function<Row, Cell> f : columns.values()) {
        cells.add(f.apply(r));
      }
      lines.add(new Line(cells));
    }
    return new ReportTable(List.copyOf(columns.keySet()), lines, total, csv);
  }

  /** Builds a table showing the given columns of the rows as they are. */
  public static ReportTable plain(
      List<Row> rows, List<String> columnNames, long total, String csv) {
    return plain(rows, columnNames, List.of(), total, csv);
  }

  /** As {@link #plain(List, List, long, String)}, the columns in {@code scores} shown as scores. */
  public static ReportTable plain(
      List<Row> rows, List<String> columnNames, List<String> scores, long total, String csv) {
    Map<String, Function<Row, Cell>> cols = new LinkedHashMap<>();
    for (String c : columnNames) {
      Function<Object, Cell> cell = scores.contains(c) ? Cell::score : Cell::of;
      cols.put(
          heading(c), r -> cell.apply(r.isNullAt(r.fieldIndex(c)) ? null : r.get(r.fieldIndex(c))));
    }
    return of(rows, cols, total, csv);
  }

  /** A readable heading for a column name: {@code mttr_mean_min} becomes "mttr mean min". */
  public static String heading(String column) {
    return column.replace('_', ' ');
  }

  /** A table of plain text rows. */
  public static ReportTable text(List<String> headers, List<List<Object>> rows, String csv) {
    List<Line> lines = new ArrayList<>();
    for (List<Object> r : rows) {
      lines.add(new Line(r.stream().map(Cell::of).toList()));
    }
    return new ReportTable(List.copyOf(headers), lines, lines.size(), csv);
  }

  /** Convenience for a row of values. */
  static List<Object> values(Object... v) {
    return Arrays.asList(v);
  }
}
