package io.nightshift.jobs.stages.situations;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.HourlyMetrics;
import io.nightshift.jobs.stages.RunContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The services a night's window knows: every {@code service} its metrics and logs name (a log line
 * naming one of them is a mention). A few dozen names, so they are gathered on the driver once and
 * handed to the mention search as a local table, from the night's summaries rather than its raw
 * rows: the metrics' services from the shared hourly roll-up, whose hours each name one service
 * (the smallest and largest of the hour are equal; an hour naming two or more sends it back to the
 * points, so the set is always exact), and the logs' from their shape counts when the night keeps
 * them (every live line is counted with its service). Both come from one query (one aggregation
 * over the roll-up and the logs' rows together).
 */
public final class KnownServices {
  /** One column, {@code service}. */
  public static final StructType SCHEMA =
      new StructType().add(Cols.SERVICE, DataTypes.StringType, false);

  private KnownServices() {}

  /**
   * The window's services, those of its metrics and its logs, as one local table ({@link #SCHEMA}).
   */
  public static Dataset<Row> of(RunContext ctx) {
    return table(
        of(
            ctx.hourlyMetrics(),
            ctx.inputs().metrics(),
            ctx.inputs().logShapes().orElseGet(() -> ctx.inputs().logs())));
  }

  /**
   * The services the metrics and the logs name, gathered in one query over the hourly roll-up and
   * the logs (or their shape counts), grouped by service (a few dozen rows); the metrics' from
   * their points when an hour names two.
   */
  static Set<String> of(Dataset<Row> hourly, Dataset<Row> metrics, Dataset<Row> logs) {
    Column none = lit(null).cast(DataTypes.StringType);
    Dataset<Row> both =
        hourly
            .select(
                col(HourlyMetrics.SERVICE_MIN).as("_metrics"),
                none.as("_logs"),
                mixed().as("_mixed"))
            .unionByName(
                logs.select(
                    none.as("_metrics"),
                    col(Cols.SERVICE).cast(DataTypes.StringType).as("_logs"),
                    lit(null).cast(DataTypes.BooleanType).as("_mixed")));
    Set<String> fromMetrics = new TreeSet<>();
    Set<String> names = new TreeSet<>();
    boolean mixed = false;
    for (Row r :
        both.groupBy(col("_metrics"), col("_logs")).agg(max(col("_mixed"))).collectAsList()) {
      mixed |= !r.isNullAt(2) && r.getBoolean(2);
      addPresent(fromMetrics, r, 0);
      addPresent(names, r, 1);
    }
    names.addAll(mixed ? distinct(metrics) : fromMetrics);
    return names;
  }

  private static void addPresent(Set<String> names, Row r, int i) {
    if (!r.isNullAt(i)) {
      names.add(r.getString(i));
    }
  }

  /** True for an hour of the roll-up that names two or more services, else null. */
  private static Column mixed() {
    return when(col(HourlyMetrics.SERVICE_MIN).notEqual(col(HourlyMetrics.SERVICE_MAX)), lit(true));
  }

  /** The services the window's metrics name, as one local table ({@link #SCHEMA}). */
  public static Dataset<Row> ofMetrics(RunContext ctx) {
    return table(namesOfMetrics(ctx));
  }

  /** The services the window's metrics name. */
  public static Set<String> namesOfMetrics(RunContext ctx) {
    return ofMetrics(ctx.hourlyMetrics(), ctx.inputs().metrics());
  }

  private static Dataset<Row> table(Set<String> names) {
    List<Row> rows = new ArrayList<>();
    names.forEach(n -> rows.add(RowFactory.create(n)));
    return SparkSession.active().createDataFrame(rows, SCHEMA);
  }

  /**
   * The services the metrics name: from their hourly roll-up when no hour names two, else from the
   * points.
   */
  static Set<String> ofMetrics(Dataset<Row> hourly, Dataset<Row> metrics) {
    Row r =
        hourly
            .agg(
                max(mixed()).as("_mixed"),
                collect_set(col(HourlyMetrics.SERVICE_MIN)).as("_services"))
            .first();
    if (!r.isNullAt(0) && r.getBoolean(0)) {
      return distinct(metrics);
    }
    return new TreeSet<>(r.<String>getList(1));
  }

  /** The distinct non-null {@code service} values of a table (a few dozen). */
  static Set<String> distinct(Dataset<Row> table) {
    Set<String> out = new TreeSet<>();
    for (Row r :
        table
            .where(col(Cols.SERVICE).isNotNull())
            .select(Cols.SERVICE)
            .distinct()
            .collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }
}
