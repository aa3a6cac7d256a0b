package io.nightshift.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.generate.FleetGenerator;
import io.nightshift.jobs.generate.GeneratorOptions;
import io.nightshift.jobs.io.OutputLayout;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.stages.NightlyRun;
import io.nightshift.jobs.stages.RunListeners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark harness: generates (or reuses) a fleet at a scale factor, times a bare scan of its
 * inputs (every column read, in this JVM) and a series scan (the same, with each series brought
 * together in time order: the least any per-series night costs), then the full nightly job, and
 * reports each stage's wall time, rows in and out, rows per second per core, shuffle and spill
 * bytes (from Spark's own task metrics), and the driver's peak heap, with each stage and the whole
 * job as a multiple of the scan. It times two nights one after the other: a first (cold) night,
 * with nothing kept from earlier nights, then the next date's steady night, which finds the first
 * night's kept state (validated input days, models) as a scheduled job does. The fleet holds one
 * day more than the look-back window so both nights read a full window. {@code --warm} first runs
 * an untimed night before the cold one (its models kept, its validated days dropped).
 */
public final class Benchmark {
  /** Entities at scale 1. */
  public static final int ENTITIES_AT_SCALE_1 = 200;

  /** The seed of every benchmark fleet, so runs compare. */
  public static final long SEED = 42;

  /** The input tables each stage principally reads (its "rows in"). */
  static final Map<String, List<String>> STAGE_INPUTS =
      Map.of(
          "anomalies", List.of("metrics"),
          "capacity_forecast", List.of("metrics"),
          "log_signal", List.of("logs"),
          "recurring_incident", List.of("incidents", "changes"),
          "situation", List.of("logs", "incidents", "changes"),
          "risk", List.of("metrics", "incidents", "changes"),
          "kpis", List.of("incidents", "changes", "metrics"));

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final SparkSession spark;
  private final Function<Map<String, Object>, NightshiftConfig> configFor;
  private boolean warm;
  private boolean steady = true;
  private double scale = 1;
  private int days = 30;
  private LocalDate end = LocalDate.parse("2026-06-30");
  private Path out = Path.of("bench-out");
  private Path fleetRoot;
  private Consumer<String> progress = m -> {};

  /**
   * @param configFor builds the run's configuration from the bench's own keys (input, output and
   *     look-back); the CLI layers the user's {@code --config} and {@code -D} settings under them
   */
  public Benchmark(SparkSession spark, Function<Map<String, Object>, NightshiftConfig> configFor) {
    this.spark = spark;
    this.configFor = configFor;
  }

  /** Runs the night before the run date first, untimed, so the timed night is a warm one. */
  public Benchmark warm(boolean w) {
    this.warm = w;
    return this;
  }

  /** Times the next date's steady night after the first night (default); false: the first only. */
  public Benchmark steady(boolean s) {
    this.steady = s;
    return this;
  }

  public Benchmark scale(double s) {
    if (!(s > 0)) {
      throw new IllegalArgumentException("--scale must be > 0, was " + s);
    }
    this.scale = s;
    return this;
  }

  public Benchmark days(int d) {
    this.days = d;
    return this;
  }

  public Benchmark end(LocalDate e) {
    this.end = e;
    return this;
  }

  public Benchmark out(Path o) {
    this.out = o;
    return this;
  }

  public Benchmark fleetRoot(Path f) {
    this.fleetRoot = f;
    return this;
  }

  public Benchmark progress(Consumer<String> p) {
    this.progress = p;
    return this;
  }

  /** Where the results went, and the printable table. */
  public record Result(Path json, String table) {}

  /** Entities for a scale factor. */
  public static int entities(double scale) {
    return Math.max(2, (int) Math.round(ENTITIES_AT_SCALE_1 * scale));
  }

  public Result execute() throws IOException {
    Files.createDirectories(out);
    Path fleet =
        (fleetRoot == null ? out : fleetRoot)
            .resolve(String.format(Locale.ROOT, "fleet-s%s", fmt(scale)));
    int entities = entities(scale);
    ensureFleet(fleet, entities);
    int cores = spark.sparkContext().defaultParallelism();
    Path runOut = out.resolve("run");
    deleteTree(runOut);
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("nightshift.input.path", fleet.toString());
    o.put("nightshift.output.path", runOut.toString());
    o.put("nightshift.input.lookbackDays", days);
    NightshiftConfig cfg = configFor.apply(o);
    LocalDate cold = end.minusDays(1);
    if (warm) {
      // before the metrics listener is added: only the timed nights' stages are measured
      progress.accept("bench: warm-up night " + cold.minusDays(1) + " (untimed) ...");
      new NightlyRun(spark, cfg)
          .runDate(cold.minusDays(1))
          .listeners(RunListeners.defaults())
          .execute();
      // the timed first night reuses the warm-up's models, not its validated days
      deleteTree(Path.of(new OutputLayout(runOut.toString()).state("")));
    }
    LocalDate from = end.minusDays(days - 1L);
    progress.accept("bench: warm-up scan of " + fleet);
    BareScan.Result warmScan = BareScan.run(spark, fleet, from);
    progress.accept(
        String.format("bench: warm-up scan %.1f s; timed scan ...", warmScan.seconds()));
    BareScan.Result scan = BareScan.run(spark, fleet, from);
    progress.accept(String.format("bench: bare scan %.1f s, %d rows", scan.seconds(), scan.rows()));

    Timed first = timed(cfg, cold, "cold night (nothing kept)");
    Timed next = steady ? timed(cfg, end, "steady night (yesterday's state kept)") : null;
    // After the nights, so they are timed exactly as before this yardstick existed (and the
    // series scan, in a JVM the nights have warmed, is if anything a low estimate of its cost).
    BareScan.Result series = BareScan.seriesOrdered(spark, fleet, from);
    progress.accept(
        String.format(
            "bench: series scan %.1f s = %.2fx the bare scan",
            series.seconds(), series.seconds() / scan.seconds()));

    Map<String, Object> report = new LinkedHashMap<>();
    report.put("scale", scale);
    report.put("entities", entities);
    report.put("days", days);
    report.put("warm", warm);
    report.put("cores", cores);
    report.put("scan_seconds", round(scan.seconds()));
    report.put("scan_rows", scan.rows());
    report.put("scan_rows_by_table", scan.rowsByTable());
    report.put("series_scan_seconds", round(series.seconds()));
    report.put("series_scan_vs_scan", round(series.seconds() / scan.seconds()));
    report.put("job_run_date", cold.toString());
    report.put("job_seconds", round(first.seconds()));
    report.put("job_vs_scan", round(first.seconds() / scan.seconds()));
    report.put("job_jit_compile_seconds", round(first.jvm().jitSeconds()));
    report.put("job_codegen_compile_seconds", round(first.jvm().codegenSeconds()));
    report.put("job_codegen_classes", first.jvm().codegenClasses());
    report.put("job_gc_seconds", round(first.jvm().gcSeconds()));
    report.put("job_spark_jobs", first.metrics().jobs());
    report.put("peak_driver_heap_bytes", first.peakHeap());
    report.put("max_driver_heap_bytes", Runtime.getRuntime().maxMemory());
    report.put("stages", stages(first, scan.seconds(), cores));
    if (next != null) {
      report.put("steady_run_date", end.toString());
      report.put("steady_job_seconds", round(next.seconds()));
      report.put("steady_job_vs_scan", round(next.seconds() / scan.seconds()));
      report.put("steady_job_jit_compile_seconds", round(next.jvm().jitSeconds()));
      report.put("steady_job_codegen_classes", next.jvm().codegenClasses());
      report.put("steady_job_spark_jobs", next.metrics().jobs());
      report.put("steady_peak_driver_heap_bytes", next.peakHeap());
      report.put("steady_stages", stages(next, scan.seconds(), cores));
    }
    Path json = out.resolve("bench.json");
    JSON.writeValue(json.toFile(), report);
    return new Result(json, BenchTable.of(report));
  }

  /** One timed night: its seconds, JVM costs, peak heap, manifest and Spark task metrics. */
  private record Timed(
      double seconds,
      JvmCosts jvm,
      long peakHeap,
      JsonNode manifest,
      StageMetricsListener metrics) {}

  private Timed timed(NightshiftConfig cfg, LocalDate date, String what) throws IOException {
    StageMetricsListener metrics = new StageMetricsListener();
    spark.sparkContext().addSparkListener(metrics);
    try (HeapSampler heap = new HeapSampler()) {
      progress.accept("bench: " + what + " " + date + " ...");
      heap.reset();
      JvmCosts before = JvmCosts.now();
      long t0 = System.nanoTime();
      NightlyRun.Result r =
          new NightlyRun(spark, cfg).runDate(date).listeners(RunListeners.defaults()).execute();
      double seconds = (System.nanoTime() - t0) / 1e9;
      JvmCosts jvm = JvmCosts.now().since(before);
      progress.accept(String.format("bench: %s %.1f s", what, seconds));
      JsonNode manifest = JSON.readTree(Path.of(r.manifestPath().replace("file:", "")).toFile());
      return new Timed(seconds, jvm, heap.peakBytes(), manifest, metrics);
    } finally {
      spark.sparkContext().removeSparkListener(metrics);
    }
  }

  private List<Map<String, Object>> stages(Timed night, double scanSeconds, int cores) {
    JsonNode manifest = night.manifest();
    StageMetricsListener metrics = night.metrics();
    double jobSeconds = night.seconds();
    List<Map<String, Object>> out = new ArrayList<>();
    long totalRead = 0;
    Map<String, Long> accepted = new LinkedHashMap<>();
    for (InputTable t : InputTable.values()) {
      JsonNode i = manifest.get("inputs").get(t.tableName());
      long read = i == null ? 0 : i.get("read").asLong();
      totalRead += read;
      accepted.put(t.tableName(), i == null ? 0 : i.get("accepted").asLong());
    }
    double stageSum = 0;
    List<Map<String, Object>> named = new ArrayList<>();
    for (JsonNode s : manifest.get("stages")) {
      String name = s.get("name").asText();
      double secs = s.get("seconds").asDouble();
      stageSum += secs;
      long rowsOut = 0;
      for (JsonNode t : s.get("tables")) {
        rowsOut += manifest.get("outputs").get(t.asText()).get("rows").asLong();
      }
      long rowsIn = 0;
      for (String in : STAGE_INPUTS.getOrDefault(name, List.of())) {
        rowsIn += accepted.getOrDefault(in, 0L);
      }
      named.add(
          stage(name, secs, rowsIn, rowsOut, scanSeconds, cores, metrics.of("stage:" + name)));
    }
    StageMetricsListener.Totals v = metrics.sumOf("validate:");
    double validate = Math.max(0, jobSeconds - stageSum);
    long quarantined =
        manifest.get("outputs").has("quarantine")
            ? manifest.get("outputs").get("quarantine").get("rows").asLong()
            : 0;
    out.add(stage("read+validate", validate, totalRead, totalRead, scanSeconds, cores, v));
    out.get(0).put("rows_out", totalRead - quarantined);
    out.addAll(named);
    return out;
  }

  private static Map<String, Object> stage(
      String name,
      double secs,
      long rowsIn,
      long rowsOut,
      double scanSeconds,
      int cores,
      StageMetricsListener.Totals m) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", name);
    s.put("seconds", round(secs));
    s.put("rows_in", rowsIn);
    s.put("rows_out", rowsOut);
    s.put("rows_per_sec_per_core", secs > 0 ? Math.round(rowsIn / secs / cores) : 0);
    s.put("vs_scan", round(secs / scanSeconds));
    s.put("shuffle_bytes", m.shuffleWriteBytes);
    s.put("spill_bytes", m.memorySpilled + m.diskSpilled);
    s.put("spark_jobs", m.jobs);
    return s;
  }

  private void ensureFleet(Path fleet, int entities) throws IOException {
    String stamp =
        String.format(
            Locale.ROOT, "entities=%d days=%d end=%s seed=%d", entities, days + 1, end, SEED);
    Path marker = fleet.resolve("_BENCH_FLEET");
    if (Files.exists(marker) && Files.readString(marker).equals(stamp)) {
      progress.accept("bench: reusing fleet " + fleet + " (" + stamp + ")");
      return;
    }
    deleteTree(fleet);
    progress.accept("bench: generating fleet " + fleet + " (" + stamp + ") ...");
    long t0 = System.nanoTime();
    new FleetGenerator(spark)
        .options(
            new GeneratorOptions(
                fleet.toString(),
                entities,
                days + 1,
                end,
                SEED,
                GeneratorOptions.DEFAULT_RESOLUTION_MINUTES,
                GeneratorOptions.DEFAULT_LOG_RATE))
        .progress(m -> progress.accept("  generate: " + m))
        .execute();
    Files.writeString(marker, stamp);
    progress.accept(
        String.format("bench: fleet generated in %.1f s", (System.nanoTime() - t0) / 1e9));
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static String fmt(double s) {
    return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(f);
      }
    }
  }
}
