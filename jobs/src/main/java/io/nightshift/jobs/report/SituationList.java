package io.nightshift.jobs.report;

import static org.apache.spark.sql.functions.col;

import io.nightshift.jobs.schema.SituationsTable;
import io.nightshift.jobs.stages.RunContext;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The night's situations in the order the pages list them: reported first, then worst first, then
 * by start and id. The head of that order (at most a page's rows) and the number reported are read
 * once, on first use, for both the morning summary and the anomalies page; the summary's reported
 * situations are the head's first rows. Callers check the table's columns ({@link #table}) first.
 */
final class SituationList {
  private final Dataset<Row> table;
  private final int rows;
  private List<Row> head;
  private long reported;

  private SituationList(Dataset<Row> table, int rows) {
    this.table = table;
    this.rows = rows;
  }

  /** The night's situations table, if the run wrote one; {@code rows} bounds the head read. */
  static Optional<SituationList> of(RunContext ctx, int rows) {
    return ctx.table(SituationsTable.NAME).map(t -> new SituationList(t, rows));
  }

  /** The table as written. */
  Dataset<Row> table() {
    return table;
  }

  /** The first rows in page order: reported first, then by severity (highest first), start, id. */
  List<Row> head() {
    if (head == null) {
      head =
          table
              .orderBy(
                  col(SituationsTable.REPORTED).desc(),
                  col(SituationsTable.SEVERITY).desc_nulls_last(),
                  col(SituationsTable.START),
                  col(SituationsTable.SITUATION_ID))
              .limit(rows)
              .collectAsList();
      // a head shorter than its bound is the whole table
      reported =
          head.size() < rows
              ? head.stream().filter(SituationList::isReported).count()
              : table.where(col(SituationsTable.REPORTED)).count();
    }
    return head;
  }

  /** How many situations are reported. */
  long reported() {
    head();
    return reported;
  }

  /** The first {@code n} reported situations, worst first. */
  List<Row> reportedHead(int n) {
    if (n > rows) {
      return SummaryReport.reportedWorstFirst(table).limit(n).collectAsList();
    }
    return head().stream().filter(SituationList::isReported).limit(n).toList();
  }

  private static boolean isReported(Row r) {
    return Boolean.TRUE.equals(r.getAs(SituationsTable.REPORTED));
  }
}
