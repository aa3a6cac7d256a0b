package io.nightshift.jobs.kernel;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Rich output for notebook cells: HTML, SVG charts and Spark tables. Under the {@code nightshift}
 * kernel each call adds an output to the running cell; anywhere else (a JShell test, a plain JVM)
 * it prints the plain-text form, so the same cell code runs in both.
 *
 * <pre>{@code
 * Display.table(night.table("risk_scores").get().orderBy(desc("probability")), 10);
 * Display.svg(TimeChart....render());
 * }</pre>
 */
public final class Display {
  /** Rows shown when a cell's value is a whole Dataset. */
  public static final int DEFAULT_ROWS = 20;

  private static Object stashed;

  private Display() {}

  /** Shows an HTML fragment. */
  public static void html(String html) {
    show(new DisplayData("[html]"), "text/html", html);
  }

  /** Shows an SVG image (a chart). */
  public static void svg(String svg) {
    show(new DisplayData("[chart]"), "image/svg+xml", svg);
  }

  /** Shows Markdown text. */
  public static void markdown(String md) {
    show(new DisplayData(md), "text/markdown", md);
  }

  /** Shows the first {@code n} rows of a Dataset as a table. */
  public static void table(Dataset<Row> rows, int n) {
    publish(tableData(rows, n));
  }

  /** What a cell's last value shows as: Datasets as tables, anything else as itself. */
  @SuppressWarnings("unchecked")
  static Object render(Object value) {
    if (value instanceof Dataset<?> d) {
      return tableData(((Dataset<Row>) d).toDF(), DEFAULT_ROWS);
    }
    return value;
  }

  private static DisplayData tableData(Dataset<Row> rows, int n) {
    List<Row> head = rows.limit(n).collectAsList();
    String[] columns = rows.columns();
    DisplayData d = new DisplayData(HtmlTable.text(columns, head));
    d.putHTML(HtmlTable.html(columns, head));
    return d;
  }

  private static void show(DisplayData d, String mime, String content) {
    d.putData(mime, content);
    publish(d);
  }

  private static void publish(DisplayData d) {
    BaseKernel kernel = BaseKernel.notebookKernel();
    if (kernel != null) {
      kernel.display(d);
    } else {
      System.out.println(
          d.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
    }
  }

  /** Keeps a cell's last value for the kernel (called from generated JShell code). */
  public static void stash(Object value) {
    stashed = value;
  }

  static void clearStash() {
    stashed = null;
  }

  static Object takeStash() {
    Object v = stashed;
    stashed = null;
    return v;
  }
}
