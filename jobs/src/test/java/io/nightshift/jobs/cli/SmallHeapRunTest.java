package io.nightshift.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.cluster.ChildJvm;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.testkit.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory safety: the whole nightly run in a child JVM with a 512 MB heap and {@code
 * spark.driver.maxResultSize=16m}, so a stage that collected an unbounded number of rows to the
 * driver would fail this test. Input: the last 7 days of the bundled sample fleet ({@code
 * data-samples/fleet}, about 290,000 metric rows and 60,000 log lines) when it exists, else a
 * generated lake of 200,000 metric rows and 50,000 log lines.
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class SmallHeapRunTest {

  @Test
  void theNightlyRunCompletesWithA512MbDriverHeap(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Path sample = ChildJvm.repoDir().resolve("data-samples/fleet");
    Path in;
    LocalDate runDate;
    if (Files.isDirectory(sample.resolve("metrics"))) {
      in = sample;
      runDate = lastPartition(sample.resolve("metrics"));
    } else {
      in = dir.resolve("in");
      runDate = LocalDate.parse("2026-06-30");
      generate(spark, in);
    }
    Path out = dir.resolve("out");
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--run-date",
                runDate.toString(),
                "--input",
                in.toString(),
                "--output",
                out.toString(),
                "-Dnightshift.input.lookbackDays=7"));
    List<String> cmd =
        ChildJvm.javaCommand(
            "512m",
            List.of("-Dspark.driver.maxResultSize=16m"),
            Main.class.getName(),
            args.toArray(String[]::new));
    try (ChildJvm run = ChildJvm.start("small-heap run", cmd, dir.resolve("run.log"), Map.of())) {
      int code = run.waitFor(Duration.ofMinutes(12));
      assertEquals(0, code, run.tail());
      assertTrue(run.output().contains("success"), run.tail());
    }
    assertTrue(Files.exists(out.resolve("runs/" + runDate + "/_SUCCESS")));
  }

  private static LocalDate lastPartition(Path table) throws IOException {
    try (Stream<Path> s = Files.list(table)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("dt="))
          .map(n -> LocalDate.parse(n.substring(3)))
          .max(LocalDate::compareTo)
          .orElseThrow();
    }
  }

  private static void generate(SparkSession spark, Path in) {
    Fixtures.smallLake(spark, in);
    Fixtures.write(
        in,
        InputTable.METRICS,
        spark
            .range(0, 200_000)
            .select(
                expr("timestamp'2026-06-24 00:00:00' + make_interval(0, 0, 0, 0, 0, 0, id * 3)")
                    .as("ts"),
                concat(lit("host-"), col("id").mod(200)).as("entity"),
                lit("cpu_used_pct").as("metric"),
                expr("50 + 40 * sin(id / 1000.0)").as("value"),
                concat(lit("svc-"), col("id").mod(10)).as("service"),
                lit(100.0).as("capacity")));
    Fixtures.write(
        in,
        InputTable.LOGS,
        spark
            .range(0, 50_000)
            .select(
                expr("timestamp'2026-06-24 00:00:00' + make_interval(0, 0, 0, 0, 0, 0, id * 12)")
                    .as("ts"),
                concat(lit("host-"), col("id").mod(200)).as("entity"),
                concat(lit("svc-"), col("id").mod(10)).as("service"),
                expr("if(id % 50 = 0, 'ERROR', 'INFO')").as("level"),
                concat(
                        lit("GET /api/item/"),
                        col("id"),
                        lit(" 200 in "),
                        col("id").mod(90),
                        lit(" ms"))
                    .as("message")));
  }
}
