package io.nightshift.jobs.schema;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.upper;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The validated log lines of level WARN or worse ({@link LogLevels#warnOrWorse}), whole: what the
 * situations read to find lines naming another service (a mention names a service by a word of the
 * message, which the shape counts mask). About a sixth of the lines on the sample fleet, so a night
 * with kept state reads each day's warnings instead of its lines (see {@code ValidatedDays}).
 */
public final class LogWarnings {
  /** Schema of the lines: the logs' own columns but {@code dt}. */
  public static final StructType SCHEMA =
      new StructType()
          .add(Cols.TS, DataTypes.TimestampType, true)
          .add(Cols.ENTITY, DataTypes.StringType, true)
          .add(Cols.SERVICE, DataTypes.StringType, true)
          .add(Cols.LEVEL, DataTypes.StringType, true)
          .add(Cols.MESSAGE, DataTypes.StringType, true);

  private LogWarnings() {}

  /** The WARN-or-worse lines of validated logs ({@code ts, entity, service, level, message}). */
  public static Dataset<Row> of(Dataset<Row> lines) {
    return lines
        .where(upper(col(Cols.LEVEL)).isin(LogLevels.warnOrWorse()))
        .select(
            col(Cols.TS), col(Cols.ENTITY), col(Cols.SERVICE), col(Cols.LEVEL), col(Cols.MESSAGE));
  }
}
