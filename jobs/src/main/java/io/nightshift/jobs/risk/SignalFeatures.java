package io.nightshift.jobs.risk;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_date;

import io.nightshift.jobs.schema.Cols;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Features from an optional signal table written by another stage (anomalies, log_signals, ...),
 * read generically so that it keeps working as those tables evolve: rows per entity and day of
 * their time column ({@code sig__<table>__rows}) and the day's maximum of each numeric column
 * ({@code sig__<table>__max_<column>}). A table without an entity column or a time column (a
 * timestamp or date among {@link #TIME_COLUMNS}) cannot be placed on the entity-day grid and adds
 * nothing; an absent table adds nothing. Nothing is faked.
 */
public final class SignalFeatures {
  /** Time columns tried, in order. */
  public static final List<String> TIME_COLUMNS =
      List.of("ts", "hour", "window_start", "start", "start_ts", "detected_at", "day", "date");

  private static final Set<String> SKIP =
      Set.of(Cols.RUN_DATE, Cols.DT, "capacity", "lower", "upper");

  private SignalFeatures() {}

  /** A signal's per-entity-day table and its feature names. */
  public record Result(Dataset<Row> table, List<String> features) {}

  /** The table's time column: the first of {@link #TIME_COLUMNS} it has, if a timestamp or date. */
  public static Optional<String> timeColumn(Dataset<Row> table) {
    List<String> cols = List.of(table.columns());
    Optional<String> time = TIME_COLUMNS.stream().filter(cols::contains).findFirst();
    if (time.isEmpty()) {
      return time;
    }
    DataType tt = table.schema().apply(time.get()).dataType();
    return tt.equals(DataTypes.TimestampType) || tt.equals(DataTypes.DateType)
        ? time
        : Optional.empty();
  }

  /** Builds the features of one signal table, if it can be placed on the grid. */
  public static Optional<Result> build(String name, Dataset<Row> table, Instant end) {
    return build(name, table, Instant.EPOCH, end);
  }

  /** The same, for the days from {@code from} only (rows before it are not read). */
  public static Optional<Result> build(String name, Dataset<Row> table, Instant from, Instant end) {
    List<String> cols = List.of(table.columns());
    Optional<String> time = timeColumn(table);
    if (!cols.contains(Cols.ENTITY) || time.isEmpty()) {
      return Optional.empty();
    }
    String prefix = "sig__" + name.replaceAll("[^A-Za-z0-9_]", "_") + "__";
    List<String> features = new ArrayList<>();
    List<Column> aggs = new ArrayList<>();
    features.add(prefix + "rows");
    for (StructField f : table.schema().fields()) {
      if (f.dataType() instanceof NumericType && !SKIP.contains(f.name())) {
        String feature = prefix + "max_" + f.name().replaceAll("[^A-Za-z0-9_]", "_");
        aggs.add(max(col(f.name()).cast("double")).alias(feature));
        features.add(feature);
      }
    }
    Dataset<Row> t =
        table
            .filter(col(time.get()).cast("timestamp").lt(lit(Timestamp.from(end))))
            .filter(col(time.get()).cast("timestamp").geq(lit(Timestamp.from(from))))
            .withColumn(RiskFeatures.DAY, to_date(col(time.get())))
            .groupBy(col(Cols.ENTITY), col(RiskFeatures.DAY))
            .agg(count("*").cast("double").alias(prefix + "rows"), aggs.toArray(new Column[0]));
    return Optional.of(new Result(t, features));
  }
}
