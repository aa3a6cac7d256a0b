package io.nightshift.jobs.eval.risk;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.validate.BadInputException;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Incidents from a ground-truth folder ({@code <truth>/incidents.csv} with a header), mapped to
 * incident_id, entity, service, opened_at (and precursor_start where the truth has it). Accepted
 * names: opened_at (or start, started_at, ts) for the opening time; incident_id (or id); entity (or
 * host); service.
 */
public final class TruthIncidents {
  /** The truth's column for when an incident's planted precursor began (generated fleets). */
  public static final String PRECURSOR_START = "precursor_start";

  private TruthIncidents() {}

  /** Reads the truth incidents. */
  public static Dataset<Row> read(SparkSession spark, String truthDir) {
    String path = truthDir.replaceAll("/+$", "") + "/incidents.csv";
    if (!new File(path).isFile() && !path.contains("://")) {
      throw new BadInputException("truth incidents not found: " + path);
    }
    Dataset<Row> raw = spark.read().option("header", "true").csv(path);
    List<String> cols = List.of(raw.columns());
    String opened =
        pick(cols, "opened_at", "start", "started_at", "ts")
            .orElseThrow(
                () ->
                    new BadInputException(
                        path
                            + ": no opening-time column (opened_at, start, started_at, ts); columns are "
                            + cols));
    String entity =
        pick(cols, "entity", "host")
            .orElseThrow(
                () -> new BadInputException(path + ": no entity column; columns are " + cols));
    Column id =
        pick(cols, "incident_id", "id")
            .map(c -> col(c))
            .orElse(monotonically_increasing_id().cast("string"));
    Column service = pick(cols, "service").map(c -> col(c)).orElse(lit(null).cast("string"));
    List<Column> out =
        new ArrayList<>(
            List.of(
                id.cast("string").alias(Cols.INCIDENT_ID),
                col(entity).alias(Cols.ENTITY),
                service.alias(Cols.SERVICE),
                col(opened).cast("timestamp").alias(Cols.OPENED_AT)));
    if (cols.contains(PRECURSOR_START)) {
      out.add(col(PRECURSOR_START).cast("timestamp").alias(PRECURSOR_START));
    }
    return raw.select(out.toArray(Column[]::new));
  }

  /**
   * Entity, opening time and precursor start of the truth incidents whose precursor start is known,
   * or empty when the truth has no {@value #PRECURSOR_START} column (real incident logs do not).
   */
  public static Optional<Dataset<Row>> precursorStarts(SparkSession spark, String truthDir) {
    Dataset<Row> truth = read(spark, truthDir);
    if (!List.of(truth.columns()).contains(PRECURSOR_START)) {
      return Optional.empty();
    }
    return Optional.of(
        truth
            .filter(col(PRECURSOR_START).isNotNull())
            .select(Cols.ENTITY, Cols.OPENED_AT, PRECURSOR_START));
  }

  private static Optional<String> pick(List<String> cols, String... names) {
    for (String n : names) {
      if (cols.contains(n)) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }
}
