package io.nightshift.jobs.eval.risk;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.validate.BadInputException;
import java.io.File;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Incidents from a ground-truth folder ({@code <truth>/incidents.csv} with a header), mapped to
 * incident_id, entity, service, opened_at. Accepted names: opened_at (or start, started_at, ts) for
 * the opening time; incident_id (or id); entity (or host); service.
 */
public final class TruthIncidents {
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
    return raw.select(
        id.cast("string").alias(Cols.INCIDENT_ID),
        col(entity).alias(Cols.ENTITY),
        service.alias(Cols.SERVICE),
        col(opened).cast("timestamp").alias(Cols.OPENED_AT));
  }

  /** The truth's column for when an incident's planted precursor began (generated fleets). */
  public static final String PRECURSOR_START = "precursor_start";

  /**
   * Entity, opening time and precursor start of the truth incidents whose precursor start is known,
   * or empty when the truth has no {@value #PRECURSOR_START} column (real incident logs do not).
   */
  public static Optional<Dataset<Row>> precursorStarts(SparkSession spark, String truthDir) {
    Dataset<Row> raw =
        spark
            .read()
            .option("header", "true")
            .csv(truthDir.replaceAll("/+$", "") + "/incidents.csv");
    if (!List.of(raw.columns()).contains(PRECURSOR_START)) {
      return Optional.empty();
    }
    String entity = List.of(raw.columns()).contains("entity") ? "entity" : "host";
    return Optional.of(
        raw.filter(col(PRECURSOR_START).isNotNull())
            .select(
                col(entity).alias(Cols.ENTITY),
                col(pick(List.of(raw.columns()), "opened_at", "start", "started_at", "ts").get())
                    .cast("timestamp")
                    .alias(Cols.OPENED_AT),
                col(PRECURSOR_START).cast("timestamp").alias(PRECURSOR_START)));
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
