package io.nightshift.jobs.stages.kpis;

import static org.apache.spark.sql.functions.spark_partition_id;

import io.nightshift.jobs.schema.Cols;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A window's incidents, changes and families as {@link LocalKpis} reads them, collected once; times
 * in microseconds since the epoch, as Spark keeps them.
 *
 * @param changes null without a change table
 * @param recurring per incident id, how many rows of {@code incident_families} put it in a family
 *     of two or more; null without that table
 */
public record KpiInputs(
    List<KpiInputs.Incident> incidents,
    List<KpiInputs.Change> changes,
    Map<String, Long> recurring) {
  /**
   * One incident: what the KPIs read of it, and the Spark partition it was read from (means add up
   * partition by partition, as Spark's {@code avg} does, so they come out bit for bit the same).
   */
  public record Incident(
      String id,
      String service,
      String severity,
      Long opened,
      Long detected,
      Long resolved,
      int partition) {}

  /** One change: what the KPIs read of it. */
  public record Change(String id, String service, Long ts, String status) {}

  /**
   * Collects the window's incidents, changes and families (one Spark job each), or empty when there
   * are more than {@code maxIncidents} incidents, family rows or changes.
   */
  public static Optional<KpiInputs> collect(
      Dataset<Row> incidents,
      Optional<Dataset<Row>> changes,
      Optional<Dataset<Row>> families,
      int maxIncidents) {
    int limit = maxIncidents == Integer.MAX_VALUE ? maxIncidents : maxIncidents + 1;
    List<Row> inc =
        incidents
            .select(
                Cols.INCIDENT_ID,
                Cols.SERVICE,
                Cols.SEVERITY,
                Cols.OPENED_AT,
                Cols.DETECTED_AT,
                Cols.RESOLVED_AT)
            .withColumn("_partition", spark_partition_id())
            .coalesce(1)
            .limit(limit)
            .collectAsList();
    if (inc.size() > maxIncidents) {
      return Optional.empty();
    }
    Optional<List<Row>> fam =
        families.map(
            f -> f.select("incident_id", "family_id").coalesce(1).limit(limit).collectAsList());
    if (fam.isPresent() && fam.get().size() > maxIncidents) {
      return Optional.empty();
    }
    List<Incident> incidentList = new ArrayList<>(inc.size());
    for (Row r : inc) {
      incidentList.add(
          new Incident(
              r.getString(0),
              r.getString(1),
              r.getString(2),
              micros(r.get(3)),
              micros(r.get(4)),
              micros(r.get(5)),
              r.getInt(6)));
    }
    Optional<List<Change>> changeList = changes.map(c -> changes(c, limit));
    if (changeList.isPresent() && changeList.get().size() > maxIncidents) {
      return Optional.empty();
    }
    return Optional.of(
        new KpiInputs(
            incidentList, changeList.orElse(null), fam.map(KpiInputs::recurring).orElse(null)));
  }

  private static List<Change> changes(Dataset<Row> changes, int limit) {
    List<Change> out = new ArrayList<>();
    for (Row r :
        changes
            .select(Cols.CHANGE_ID, Cols.SERVICE, Cols.TS, Cols.STATUS)
            .limit(limit)
            .collectAsList()) {
      out.add(new Change(r.getString(0), r.getString(1), micros(r.get(2)), r.getString(3)));
    }
    return out;
  }

  /** Per incident id, its rows in families of two or more (the Spark path's join). */
  static Map<String, Long> recurring(List<Row> families) {
    Map<String, Long> size = new HashMap<>();
    for (Row r : families) {
      if (!r.isNullAt(1)) {
        size.merge(r.getString(1), 1L, Long::sum);
      }
    }
    Map<String, Long> out = new HashMap<>();
    for (Row r : families) {
      if (!r.isNullAt(0) && !r.isNullAt(1) && size.get(r.getString(1)) >= 2) {
        out.merge(r.getString(0), 1L, Long::sum);
      }
    }
    return out;
  }

  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  private static Long micros(Object v) {
    if (v == null) {
      return null;
    }
    return micros(v instanceof Timestamp t ? t.toInstant() : (Instant) v);
  }
}
