package io.nightshift.jobs.imports;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.InputTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes imported rows as one input table of the contract: the declared columns in their types,
 * day-partitioned Parquet ({@code <out>/<table>/dt=YYYY-MM-DD/}, each day replaced, other days
 * kept). Rows that cannot enter the contract (a required column null, a time that did not parse)
 * are refused with a reason, counted, and kept as JSON under {@code <out>/_refused/<table>/} for a
 * look.
 */
public final class ImportWriter {
  /** The column an importer sets to refuse a row for its own reason (null: not refused). */
  public static final String REFUSED = "_refused";

  private ImportWriter() {}

  /** What was written. */
  public record Written(
      InputTable table,
      String path,
      long rows,
      long days,
      String firstDay,
      String lastDay,
      Map<String, Long> refused) {

    /** A line for the console. */
    public String describe() {
      String span =
          rows == 0 ? "" : " in " + days + " day partitions, " + firstDay + " .. " + lastDay;
      return String.format(
          "  %-10s %,d rows%s -> %s%n  %-10s refused %,d %s",
          table.tableName(),
          rows,
          span,
          path,
          "",
          refused.values().stream().mapToLong(Long::longValue).sum(),
          refused.isEmpty() ? "" : refused);
    }
  }

  /**
   * Writes {@code rows} (canonical column names; absent optional columns become null; an optional
   * {@link #REFUSED} reason column) as {@code table} under {@code outRoot}.
   */
  public static Written write(InputTable table, Dataset<Row> rows, String outRoot) {
    List<String> have = List.of(rows.columns());
    List<Column> cols = new ArrayList<>();
    Column reason = have.contains(REFUSED) ? col(REFUSED) : lit(null).cast("string");
    for (io.nightshift.jobs.schema.Column c : table.columns()) {
      Column v = (have.contains(c.name()) ? col(c.name()) : lit(null)).cast(c.type());
      cols.add(v.as(c.name()));
      if (c.required()) {
        reason = when(reason.isNull().and(v.isNull()), lit("null_" + c.name())).otherwise(reason);
      }
    }
    cols.add(reason.as(REFUSED));
    Dataset<Row> all =
        rows.select(cols.toArray(Column[]::new))
            .withColumn(Cols.DT, date_format(col(table.eventTimeColumn()), "yyyy-MM-dd"))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Long> refused = new TreeMap<>();
      for (Row r : all.groupBy(REFUSED).count().collectAsList()) {
        if (!r.isNullAt(0)) {
          refused.put(r.getString(0), r.getLong(1));
        }
      }
      Dataset<Row> accepted = all.filter(col(REFUSED).isNull()).drop(REFUSED);
      Row span =
          accepted
              .agg(count(lit(1)), count_distinct(col(Cols.DT)), min(Cols.DT), max(Cols.DT))
              .first();
      String root = outRoot.replaceAll("/+$", "");
      String path = root + "/" + table.tableName();
      accepted
          .sortWithinPartitions(Cols.DT)
          .write()
          .mode(SaveMode.Overwrite)
          .option("partitionOverwriteMode", "dynamic")
          .partitionBy(Cols.DT)
          .parquet(path);
      if (!refused.isEmpty()) {
        all.filter(col(REFUSED).isNotNull())
            .drop(Cols.DT)
            .coalesce(1)
            .write()
            .mode(SaveMode.Overwrite)
            .json(root + "/_refused/" + table.tableName());
      }
      return new Written(
          table,
          path,
          span.getLong(0),
          span.getLong(1),
          span.getString(2),
          span.getString(3),
          Map.copyOf(refused));
    } finally {
      all.unpersist();
    }
  }
}
