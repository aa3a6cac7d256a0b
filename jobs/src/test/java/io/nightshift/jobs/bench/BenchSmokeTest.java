package io.nightshift.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.jobs.cli.BenchCommand;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The benchmark harness at a tiny scale, as CI runs it: it generates a fleet, times the bare scan
 * and the nightly job, and writes {@code bench.json} with the keys other tools read. A smoke test:
 * no timing is asserted.
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class BenchSmokeTest {

  @Test
  void writesBenchJsonWithEveryStageAtATinyScale(SparkSession spark, @TempDir Path out)
      throws Exception {
    Benchmark.Result r =
        new Benchmark(spark, o -> NightshiftConfig.load(null, o))
            .scale(0.01)
            .days(3)
            .out(out)
            .execute();

    assertEquals(out.resolve("bench.json"), r.json());
    JsonNode j = new ObjectMapper().readTree(Files.readString(r.json()));
    assertEquals(0.01, j.get("scale").asDouble(), 1e-12);
    assertTrue(j.get("scan_seconds").asDouble() > 0, "scan_seconds");
    assertTrue(j.get("job_seconds").asDouble() > 0, "job_seconds");
    assertTrue(j.get("series_scan_seconds").asDouble() > 0, "series_scan_seconds");
    assertTrue(j.get("series_scan_vs_scan").asDouble() > 0, "series_scan_vs_scan");
    assertTrue(j.get("job_codegen_classes").asLong() > 0, "Spark compiled generated code");
    assertTrue(j.get("job_jit_compile_seconds").asDouble() >= 0, "job_jit_compile_seconds");
    assertTrue(j.get("job_gc_seconds").asDouble() >= 0, "job_gc_seconds");
    assertTrue(j.get("peak_driver_heap_bytes").asLong() > 0, "peak_driver_heap_bytes");
    assertTrue(j.get("steady_job_seconds").asDouble() > 0, "steady_job_seconds");
    assertTrue(j.get("steady_job_vs_scan").asDouble() > 0, "steady_job_vs_scan");
    assertEquals("2026-06-29", j.get("job_run_date").asText(), "the cold night");
    assertEquals("2026-06-30", j.get("steady_run_date").asText(), "the steady night");
    assertTrue(j.get("steady_stages").size() > 0, "steady_stages");
    assertTrue(Files.exists(out.resolve("run/runs/2026-06-29/_SUCCESS")), "the cold night ran");
    Set<String> names = new HashSet<>();
    for (JsonNode s : j.get("stages")) {
      names.add(s.get("name").asText());
      assertTrue(s.has("seconds") && s.has("rows_in") && s.has("rows_out"), s.toString());
    }
    assertTrue(
        names.containsAll(
            Set.of(
                "anomalies",
                "log_signal",
                "capacity_forecast",
                "recurring_incident",
                "situation",
                "risk",
                "kpis")),
        names.toString());
    assertTrue(r.table().contains("x scan"), r.table());
    assertTrue(Files.exists(out.resolve("run/runs/2026-06-30/_SUCCESS")), "the job's own run");

    Path svg = out.resolve("scaling.svg");
    int code =
        new CommandLine(new BenchCommand()).execute("--plot", svg.toString(), out.toString());
    assertEquals(0, code, "bench --plot exit code");
    String chart = Files.readString(svg);
    assertTrue(chart.startsWith("<svg") && chart.contains("S=0.01: "), chart);
  }

  @Test
  void aWarmBenchTimesTheSecondNightWithTheUsersSettings(SparkSession spark, @TempDir Path out)
      throws Exception {
    Benchmark.Result r =
        new Benchmark(
                spark,
                o -> {
                  java.util.Map<String, Object> all = new java.util.HashMap<>(o);
                  // the anomalies alone: what is tested is that the settings reach the timed run
                  all.put(
                      "nightshift.stages.skip",
                      java.util.List.of(
                          "log_signal",
                          "capacity_forecast",
                          "recurring_incident",
                          "situation",
                          "risk",
                          "kpis"));
                  return NightshiftConfig.load(null, all);
                })
            .warm(true)
            .steady(false)
            .scale(0.01)
            .days(3)
            .out(out)
            .execute();

    JsonNode j = new ObjectMapper().readTree(Files.readString(r.json()));
    assertTrue(j.get("warm").asBoolean(), "warm");
    assertTrue(r.table().startsWith("scale 0.01 (warm night)"), r.table());
    assertTrue(Files.exists(out.resolve("run/runs/2026-06-28/_SUCCESS")), "the untimed night");
    assertTrue(Files.exists(out.resolve("run/runs/2026-06-29/_SUCCESS")), "the timed first night");
    assertTrue(Files.notExists(out.resolve("run/runs/2026-06-30")), "no steady night asked");
    Set<String> names = new HashSet<>();
    j.get("stages").forEach(s -> names.add(s.get("name").asText()));
    assertTrue(names.contains("anomalies"), names.toString());
    assertTrue(
        !names.contains("situation") && !names.contains("risk"),
        "the user's settings reach the timed run: " + names);
  }

  @Test
  void repeatMeasuresFreshNightsOneAfterAnotherInTheSameJvm(SparkSession spark, @TempDir Path out)
      throws Exception {
    // One stage keeps the two nights short; what is tested is the repetition.
    Path conf = out.resolve("skip.conf");
    Files.writeString(
        conf,
        "nightshift.stages.skip = [log_signal, capacity_forecast, recurring_incident, situation,"
            + " risk, kpis]\n");
    Path bench = out.resolve("bench");
    int code =
        new CommandLine(new BenchCommand())
            .execute(
                "--scale",
                "0.01",
                "--days",
                "3",
                "--repeat",
                "2",
                "--no-steady",
                "--config",
                conf.toString(),
                "--out",
                bench.toString());

    assertEquals(0, code, "bench --repeat exit code");
    for (String rep : new String[] {"rep-1", "rep-2"}) {
      Path dir = bench.resolve(rep);
      JsonNode j = new ObjectMapper().readTree(Files.readString(dir.resolve("bench.json")));
      assertTrue(j.get("job_seconds").asDouble() > 0, rep + " job_seconds");
      assertTrue(Files.exists(dir.resolve("run/runs/2026-06-29/_SUCCESS")), rep + " night ran");
    }
    assertTrue(Files.isDirectory(bench.resolve("fleet-s0.01")), "one fleet, shared");
  }
}
