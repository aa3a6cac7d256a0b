package io.nightshift.jobs.schema;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.nightshift.jobs.config.LogSettings;
import io.nightshift.models.logs.LineShapes;
import io.nightshift.models.logs.LogPreprocessor;
import io.nightshift.models.logs.MaskingRule;
import java.io.Serializable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The validated log lines counted by shape: one row per entity, service, bucket of time, level and
 * masked line ({@code shape}, {@link LineShapes}). A line's template depends on its shape alone, so
 * every log table a night writes (template counts, signals, first and last seen, warning hours)
 * follows from these counts and the dictionary, without the lines. Buckets are {@link
 * Spec#bucketMinutes} long and start on multiples of it since the epoch, so they nest in both the
 * signal windows and the hours, and never cross midnight.
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
    LogPreprocessor pre = spec.preprocessor();
    UserDefinedFunction shape =
        udf((UDF1<String, String>) m -> m == null ? null : LineShapes.of(pre, m), StringType);
    return lines.withColumn(SHAPE, shape.apply(col(Cols.MESSAGE)));
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
