package io.nightshift.jobs.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.config.ValidationSettings;
import io.nightshift.jobs.io.TableReader;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.Column;
import io.nightshift.jobs.schema.InputTable;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * Splits one raw input table into accepted rows and quarantined rows with a reason, losing nothing:
 * every row read is either accepted or quarantined, and the counts say so. Exact duplicates (all
 * canonical columns equal) keep their first copy (by source file) and quarantine the rest.
 */
public final class Validation {
  /** The column that holds a row's quarantine reason while classifying. */
  public static final String REASON = Cols.Q_REASON;

  private Validation() {}

  /** The outcome for one table. */
  public record Outcome(
      InputTable table,
      Dataset<Row> accepted,
      Dataset<Row> quarantined,
      long read,
      long acceptedCount,
      Map<String, Long> quarantinedByReason,
      Dataset<Row> classified) {

    public long quarantinedRows() {
      return quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Releases the cached classification. */
    public void release() {
      classified.unpersist();
    }
  }

  /** Classifies, caches and counts (one Spark job for the counts). */
  public static Outcome run(
      TableReader.RawTable raw, ValidationSettings v, Instant windowStart, Instant windowEnd) {
    InputTable t = raw.table();
    Dataset<Row> rows = RowRules.normalise(t, raw.rows(), v);
    Dataset<Row> ruled = rows.withColumn(REASON, RowRules.reason(t, v, windowStart, windowEnd));
    if (!t.seriesKey().isEmpty()) {
      // The one shuffle of the table: duplicates share their series, so partitioning by series
      // serves the duplicate check and leaves each series whole in one partition for later stages.
      ruled =
          ruled.repartition(
              t.seriesKey().stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new));
    }
    org.apache.spark.sql.Column[] keys =
        dedupKeys(t).stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new);
    Dataset<Row> classified =
        ruled
            .withColumn(
                "_copy",
                row_number()
                    .over(
                        Window.partitionBy(keys)
                            .orderBy(col(REASON).asc_nulls_first(), col(TableReader.SOURCE_FILE))))
            .withColumn(
                REASON,
                when(col(REASON).isNull().and(col("_copy").gt(1)), lit(Reasons.DUPLICATE))
                    .otherwise(col(REASON)))
            .drop("_copy")
            .persist(StorageLevel.MEMORY_AND_DISK());

    Map<String, Long> byReason = new TreeMap<>();
    long accepted = 0;
    for (Row r : classified.groupBy(col(REASON)).count().collectAsList()) {
      if (r.isNullAt(0)) {
        accepted = r.getLong(1);
      } else {
        byReason.put(r.getString(0), r.getLong(1));
      }
    }
    long read = accepted + byReason.values().stream().mapToLong(Long::longValue).sum();

    String[] canonical = t.columns().stream().map(Column::name).toArray(String[]::new);
    Dataset<Row> acceptedRows = classified.filter(col(REASON).isNull()).select(withDt(canonical));
    Dataset<Row> quarantined =
        classified
            .filter(col(REASON).isNotNull())
            .select(
                lit(t.tableName()).as(Cols.Q_TABLE),
                col(REASON),
                col(TableReader.SOURCE_FILE),
                to_json(
                        struct(
                            Arrays.stream(canonical)
                                .map(c -> col(c))
                                .toArray(org.apache.spark.sql.Column[]::new)))
                    .as(Cols.Q_ROW));
    return new Outcome(t, acceptedRows, quarantined, read, accepted, byReason, classified);
  }

  /**
   * Every canonical column (a duplicate equals its original in all of them), series key and event
   * time first: the sort that finds duplicates then also leaves each series in time order.
   */
  static List<String> dedupKeys(InputTable t) {
    Set<String> keys = new LinkedHashSet<>(t.seriesKey());
    keys.add(t.eventTimeColumn());
    t.columns().forEach(c -> keys.add(c.name()));
    return List.copyOf(keys);
  }

  private static org.apache.spark.sql.Column[] withDt(String[] canonical) {
    org.apache.spark.sql.Column[] out = new org.apache.spark.sql.Column[canonical.length + 1];
    for (int i = 0; i < canonical.length; i++) {
      out[i] = col(canonical[i]);
    }
    out[canonical.length] = col(Cols.DT);
    return out;
  }
}
