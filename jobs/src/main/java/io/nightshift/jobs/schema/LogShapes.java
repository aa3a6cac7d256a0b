package io.nightshift.jobs.schema;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.upper;

import io.nightshift.jobs.config.LogSettings;
import io.nightshift.models.logs.LogPreprocessor;
import io.nightshift.models.logs.MaskingRule;
import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The validated log lines counted by shape: one row per entity, service, bucket of time, level and
 * masked line ({@code shape}: the preprocessor's tokens joined by single spaces). A line's template
 * depends on its shape alone, so every log table a night writes (template counts, signals, first
 * and last seen, warning hours) follows from these counts and the dictionary, without the lines.
 * Buckets are {@link Spec#bucketMinutes} long and start on multiples of it since the epoch, so they
 * nest in both the signal windows and the hours, and never cross midnight.
 *
 * <p>A night with kept state reads each day's counts instead of its lines (see {@code
 * ValidatedDays}); a day's counts are a function of its live lines and the {@link Spec}.
 */
public final class LogShapes {
  public static final String BUCKET = "bucket";
  public static final String LEVEL = "level";
  public static final String SHAPE = "shape";
  public static final String LINES = "lines";

  /** Schema of the counts. */
  public static final StructType SCHEMA =
      new StructType()
          .add(Cols.ENTITY, DataTypes.StringType, true)
          .add(Cols.SERVICE, DataTypes.StringType, true)
          .add(BUCKET, DataTypes.TimestampType, true)
          .add(LEVEL, DataTypes.StringType, true)
          .add(SHAPE, DataTypes.StringType, true)
          .add(LINES, DataTypes.LongType, false);

  private LogShapes() {}

  /**
   * What the counts depend on besides the lines: how lines are masked and tokenised, and the bucket
   * length ({@code gcd(windowMinutes, 60)}, so buckets nest in windows and hours).
   */
  public record Spec(LogPreprocessor preprocessor, int bucketMinutes) implements Serializable {
    public static Spec of(LogSettings s) {
      return new Spec(s.minerSettings().preprocessor(), gcd(s.windowMinutes(), 60));
    }

    /** The settings as one string, for a kept day's fingerprint. */
    public String key() {
      StringBuilder b = new StringBuilder("bucket=").append(bucketMinutes).append(";rules=");
      for (MaskingRule r : preprocessor.rules()) {
        b.append(r.name()).append(':').append(r.regex()).append(',');
      }
      return b.append(";pre=").append(preprocessor.flags()).toString();
    }
  }

  /** Counts validated log lines ({@code ts, entity, service, level, message}) by shape. */
  public static Dataset<Row> of(Dataset<Row> lines, Spec spec) {
    long seconds = spec.bucketMinutes() * 60L;
    Dataset<Row> keyed =
        lines.select(
            col(Cols.ENTITY),
            col(Cols.SERVICE),
            timestamp_seconds(floor(unix_timestamp(col(Cols.TS)).divide(seconds)).multiply(seconds))
                .as(BUCKET),
            upper(col(Cols.LEVEL)).as(LEVEL),
            col(Cols.MESSAGE));
    return withShape(keyed, spec)
        .groupBy(col(Cols.ENTITY), col(Cols.SERVICE), col(BUCKET), col(LEVEL), col(SHAPE))
        .agg(count(lit(1)).as(LINES));
  }

  /** The lines with their {@link #SHAPE} added (null for a null message). */
  public static Dataset<Row> withShape(Dataset<Row> lines, Spec spec) {
    StructType out = lines.schema().add(SHAPE, DataTypes.StringType, true);
    LogPreprocessor pre = spec.preprocessor();
    int message = lines.schema().fieldIndex(Cols.MESSAGE);
    int width = lines.schema().size();
    MapPartitionsFunction<Row, Row> toShapes = rows -> new Shaping(rows, pre, message, width);
    return lines.mapPartitions(toShapes, Encoders.row(out));
  }

  /** A line's shape: its tokens joined by single spaces (tokens hold no white space). */
  public static String shape(String[] tokens) {
    return String.join(" ", tokens);
  }

  /** The tokens of a shape. */
  public static String[] tokens(String shape) {
    return shape.isEmpty() ? new String[0] : shape.split(" ");
  }

  private static final class Shaping implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final LogPreprocessor pre;
    private final int message;
    private final int width;

    Shaping(Iterator<Row> rows, LogPreprocessor pre, int message, int width) {
      this.rows = rows;
      this.pre = pre;
      this.message = message;
      this.width = width;
    }

    @Override
    public boolean hasNext() {
      return rows.hasNext();
    }

    @Override
    public Row next() {
      Row r = rows.next();
      Object[] v = new Object[width + 1];
      for (int i = 0; i < width; i++) {
        v[i] = r.get(i);
      }
      v[width] = r.isNullAt(message) ? null : shape(pre.tokens(r.getString(message)));
      return RowFactory.create(v);
    }
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
