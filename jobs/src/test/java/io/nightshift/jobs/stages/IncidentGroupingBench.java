package io.nightshift.jobs.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.nightshift.jobs.schema.InputTable;
import io.nightshift.models.incidents.IncidentFamilyGrouper;
import io.nightshift.models.incidents.IncidentFamilyModel;
import io.nightshift.testkit.SparkExtension;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scale measurement, not a CI test (skipped unless {@code -Dnightshift.bench.incidents=N}):
 * generates N synthetic incidents (1000 services, 6 recurring problems each, 10% one-offs, 5%
 * without title), writes them to Parquet, then times family grouping (fit + transform + write of
 * incident_families) and the figures of the recurring families, and reports pairwise precision and
 * recall from the contingency table (no pair enumeration). Run:
 *
 * <pre>
 * mvn -B -o verify -pl jobs -am -Dtest=IncidentGroupingBench -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dnightshift.bench.incidents=1000000 -Dnightshift.bench.dir=/tmp/incidents/bench
 * </pre>
 */
@ExtendWith(SparkExtension.class)
class IncidentGroupingBench {

  @Test
  void groupsManyIncidents(SparkSession spark) throws Exception {
    String n = System.getProperty("nightshift.bench.incidents");
    Assumptions.assumeTrue(n != null && !n.isBlank(), "SKIPPED: set -Dnightshift.bench.incidents");
    long total = Long.parseLong(n);
    String dir = System.getProperty("nightshift.bench.dir", "/tmp/nightshift-incident-bench");
    Instant start = Instant.parse("2026-06-01T00:00:00Z");
    SyntheticIncidents gen = new SyntheticIncidents(1000, 6, 0.1, 0.05, start, 30, 7);
    StructType schema = InputTable.INCIDENTS.schema().add("truth", DataTypes.StringType);
    long t0 = System.nanoTime();
    spark
        .range(total)
        .repartition(8)
        .map(
            (MapFunction<Long, Row>)
                i -> {
                  Row r = gen.incident(i);
                  Object[] v = new Object[r.size() + 1];
                  for (int k = 0; k < r.size(); k++) {
                    v[k] = r.get(k);
                  }
                  v[r.size()] = gen.truthFamily(i);
                  return RowFactory.create(v);
                },
            Encoders.row(schema))
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(dir + "/incidents");
    long t1 = System.nanoTime();
    Dataset<Row> incidents = spark.read().parquet(dir + "/incidents");
    IncidentFamilyModel model = new IncidentFamilyGrouper().fit(incidents);
    model.write().overwrite().save(dir + "/model");
    model
        .transform(incidents)
        .select(
            "incident_id",
            "truth",
            "family_id",
            "family_label",
            "service",
            "entity",
            "category",
            "severity",
            "opened_at",
            "detected_at",
            "resolved_at")
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(dir + "/incident_families");
    long t2 = System.nanoTime();
    Dataset<Row> assigned = spark.read().parquet(dir + "/incident_families");
    new io.nightshift.models.incidents.FamilyFigures(
            start,
            start.plusSeconds(30 * 86400L),
            Map.of("SEV1", 8.0, "SEV2", 4.0, "SEV3", 2.0, "SEV4", 1.0),
            1.0,
            24)
        .compute(assigned, null)
        .where(col("incident_count").geq(2))
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(dir + "/recurring_incidents");
    long t3 = System.nanoTime();
    Row cells =
        assigned
            .groupBy("truth", "family_id")
            .agg(count(lit(1)).as("c"))
            .agg(sum(expr("c * (c - 1) / 2")).as("tp"))
            .first();
    double tp = ((Number) cells.get(0)).doubleValue();
    double actual = pairs(assigned, "truth");
    double predicted = pairs(assigned, "family_id");
    long templates = model.templates().count();
    long families = assigned.select("family_id").distinct().count();
    System.out.printf(
        "bench: %d incidents generated+written in %.1f s; grouping (fit + transform + write) %.1f s;"
            + " figures %.1f s; %d distinct templates, %d families; pairwise precision %.4f recall %.4f%n",
        total,
        (t1 - t0) / 1e9,
        (t2 - t1) / 1e9,
        (t3 - t2) / 1e9,
        templates,
        families,
        tp / predicted,
        tp / actual);
  }

  private static double pairs(Dataset<Row> d, String key) {
    return ((Number)
            d.groupBy(key)
                .agg(count(lit(1)).as("c"))
                .agg(sum(expr("c * (c - 1) / 2")))
                .first()
                .get(0))
        .doubleValue();
  }
}
