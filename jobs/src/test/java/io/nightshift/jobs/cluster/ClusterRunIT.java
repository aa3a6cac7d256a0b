package io.nightshift.jobs.cluster;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar on a real Spark standalone cluster (a master and two 1-core workers on
 * 127.0.0.1, from Maven's Spark jars), submitted with {@code SparkSubmit}: one executor is killed
 * with SIGKILL mid-run, the job still completes, and its outputs are identical to those of a local
 * run of the same jar (embedded mode, as the launcher runs it, same config). Runs after {@code
 * package} (integration-test phase of {@code mvn verify}), using the real shaded jar and the
 * launcher's classpath file.
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
@Timeout(value = 25, unit = TimeUnit.MINUTES)
class ClusterRunIT {
  private static final LocalDate RUN = LocalDate.parse("2026-06-30");

  @Test
  void theNightlyJobSurvivesALostExecutorAndMatchesTheLocalRun(
      SparkSession spark, @TempDir Path dir) throws Exception {
    assumeTrue(
        Boolean.getBoolean("nightshift.it.phase"),
        "runs in the integration-test phase of mvn verify, after the jar is packaged");
    Path repo = ChildJvm.repoDir();
    Path appJar = repo.resolve("jobs/target/nightshift-jobs.jar");
    Path classpath = repo.resolve("jobs/target/local-classpath.txt");
    assertTrue(
        Files.exists(appJar) && Files.exists(classpath),
        "needs the packaged jar and classpath file (runs in `mvn verify` after `package`)");

    Path in = dir.resolve("input lake"); // a path with a space, on the cluster too
    lake(spark, in);
    Path localOut = dir.resolve("out local");
    List<String> runArgs =
        List.of(
            "run",
            "--run-date",
            RUN.toString(),
            "--input",
            in.toString(),
            "-Dnightshift.input.lookbackDays=7",
            "--output");
    // the local run exactly as the ./nightshift launcher does it: the same jar, embedded local mode
    List<String> launcher = new ArrayList<>();
    launcher.add(ChildJvm.java());
    launcher.add("-Xmx1g");
    launcher.addAll(ChildJvm.SPARK_OPENS);
    launcher.add("-Dlog4j2.configurationFile=" + repo.resolve("conf/log4j2.properties"));
    launcher.add("-cp");
    launcher.add(appJar + ":" + Files.readString(classpath).trim());
    launcher.add("io.nightshift.jobs.cli.Main");
    launcher.addAll(runArgs);
    launcher.add(localOut.toString());
    try (ChildJvm run = ChildJvm.start("local run", launcher, dir.resolve("local.log"), Map.of())) {
      assertEquals(0, run.waitFor(Duration.ofMinutes(10)), run.tail());
    }

    Path clusterOut = dir.resolve("out cluster");
    try (StandaloneCluster cluster = StandaloneCluster.prepare(dir, classpath)) {
      cluster.start(2, Duration.ofSeconds(120));
      ChildJvm driver =
          cluster.submit(
              "driver",
              appJar,
              "io.nightshift.jobs.cli.Main",
              "768m",
              Map.of(
                  "spark.executor.memory", "512m",
                  "spark.cores.max", "2",
                  "spark.ui.enabled", "false",
                  "spark.driver.host", "127.0.0.1",
                  "spark.driver.bindAddress", "127.0.0.1",
                  "spark.task.maxFailures", "4"),
              withLast(runArgs, clusterOut.toString()),
              repo.resolve("conf/log4j2.properties"));

      driver.await("two executors", () -> cluster.executors().size() >= 2, Duration.ofSeconds(150));
      driver.await(
          "the run reading its input",
          () -> driver.output().contains("input metrics:"),
          Duration.ofSeconds(150));
      ProcessHandle victim = cluster.executors().get(0);
      victim.destroyForcibly(); // SIGKILL one executor while the run is working
      victim.onExit().get(20, TimeUnit.SECONDS);

      int code = driver.waitFor(Duration.ofMinutes(10));
      String log = driver.output();
      assertEquals(0, code, "the driver's exit code; log:\n" + driver.tail());
      assertTrue(log.contains("lost"), "the driver saw the executor go:\n" + driver.tail());
      assertTrue(log.contains("nightshift run 2026-06-30: success"), driver.tail());
    }

    assertTrue(Files.exists(clusterOut.resolve("runs/2026-06-30/_SUCCESS")));
    Map<String, List<String>> local = outputs(spark, localOut);
    Map<String, List<String>> onCluster = outputs(spark, clusterOut);
    assertFalse(local.isEmpty());
    assertEquals(local.keySet(), onCluster.keySet());
    for (String table : local.keySet()) {
      assertEquals(local.get(table), onCluster.get(table), "table " + table);
    }
    JsonNode lm = manifest(localOut);
    JsonNode cm = manifest(clusterOut);
    assertEquals(lm.get("inputs"), cm.get("inputs"));
    assertEquals(lm.get("outputs").size(), cm.get("outputs").size());
  }

  private static List<String> withLast(List<String> a, String b) {
    List<String> out = new ArrayList<>(a);
    out.add(b);
    return out;
  }

  /** The small lake plus a few thousand metric rows over the week, so there is work to lose. */
  private static void lake(SparkSession spark, Path in) {
    Fixtures.smallLake(spark, in);
    Dataset<Row> more =
        spark
            .range(0, 6000)
            .select(
                expr("timestamp'2026-06-24 00:00:00' + make_interval(0, 0, 0, 0, 0, id, 0)")
                    .as("ts"),
                concat(lit("h"), col("id").mod(20)).as("entity"),
                lit("cpu_used_pct").as("metric"),
                col("id").mod(97).cast("double").as("value"),
                lit("web").as("service"),
                lit(100.0).as("capacity"));
    Fixtures.write(in, InputTable.METRICS, more);
  }

  private static JsonNode manifest(Path out) throws Exception {
    return new ObjectMapper().readTree(out.resolve("runs/2026-06-30/manifest.json").toFile());
  }

  /**
   * Every output table's rows as sorted text, doubles to 9 significant digits (a cluster may sum in
   * a different order than local mode).
   */
  static Map<String, List<String>> outputs(SparkSession spark, Path out) throws Exception {
    Map<String, List<String>> m = new TreeMap<>();
    try (var tables = Files.list(out)) {
      for (Path t : tables.toList()) {
        Path part = t.resolve("run_date=" + RUN);
        if (t.getFileName().toString().startsWith("_") || !Files.isDirectory(part)) {
          continue;
        }
        List<String> rows = new ArrayList<>();
        for (Row r : spark.read().parquet(part.toString()).collectAsList()) {
          StringBuilder b = new StringBuilder();
          for (int i = 0; i < r.length(); i++) {
            Object v = r.get(i);
            b.append(v instanceof Double d ? String.format("%.9g", d) : String.valueOf(v));
            b.append('|');
          }
          rows.add(b.toString());
        }
        rows.sort(null);
        m.put(t.getFileName().toString(), rows);
      }
    }
    return m;
  }
}
