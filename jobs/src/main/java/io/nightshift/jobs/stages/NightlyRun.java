package io.nightshift.jobs.stages;

import io.nightshift.jobs.Versions;
import io.nightshift.jobs.config.BadConfigException;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.InputTables;
import io.nightshift.jobs.io.ModelStore;
import io.nightshift.jobs.io.OutputLayout;
import io.nightshift.jobs.io.OutputWriter;
import io.nightshift.jobs.io.RunFiles;
import io.nightshift.jobs.io.RunManifest;
import io.nightshift.jobs.io.TableReader;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.OutputTable;
import io.nightshift.jobs.schema.QuarantineTable;
import io.nightshift.jobs.validate.InputLoader;
import io.nightshift.jobs.validate.Validation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly job for one run date, as one straight line: read the window, validate (quarantine),
 * run the stages in dependency order (each writes its table), write reports, the manifest and,
 * last, {@code _SUCCESS}. Holds the run lock for the date while it works.
 */
public final class NightlyRun {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyRun.class);

  /** The quarantine output table. */
  public static final String QUARANTINE = QuarantineTable.NAME;

  private final SparkSession spark;
  private final NightshiftConfig config;
  private LocalDate runDate;
  private List<NightlyStage> stages = NightlyPipeline.stages();
  private List<RunListener> listeners = List.of();
  private Map<String, StructType> outputSchemas = OutputTable.schemas();
  private boolean full;

  public NightlyRun(SparkSession spark, NightshiftConfig config) {
    this.spark = Objects.requireNonNull(spark);
    this.config = Objects.requireNonNull(config);
  }

  /** The night to compute (required). */
  public NightlyRun runDate(LocalDate date) {
    this.runDate = Objects.requireNonNull(date);
    return this;
  }

  /** Replaces the stage list (tests, benchmarks). */
  public NightlyRun stages(List<NightlyStage> stages) {
    this.stages = List.copyOf(stages);
    return this;
  }

  /** Steps run after the stages and before the manifest, e.g. reports. */
  public NightlyRun listeners(List<RunListener> listeners) {
    this.listeners = List.copyOf(listeners);
    return this;
  }

  /**
   * The tables the run may write and their schemas (default: every declared {@link OutputTable});
   * the writer refuses any other table or shape. Tests with stages of their own add theirs here.
   */
  public NightlyRun outputSchemas(Map<String, StructType> schemas) {
    this.outputSchemas = Map.copyOf(schemas);
    return this;
  }

  /**
   * Recomputes every input day instead of reusing the validated days kept by earlier nights (and
   * keeps them again): the answer is the same, only slower. For a changed contract or a suspicion.
   */
  public NightlyRun full(boolean full) {
    this.full = full;
    return this;
  }

  /** What a finished run produced. */
  public record Result(
      LocalDate runDate,
      String manifestPath,
      Map<String, String> outputs,
      Map<String, Long> rows,
      double seconds) {}

  /** Called after the stages with the run's outputs, e.g. to write reports. */
  public interface RunListener {
    /** Returns entries to record in the manifest under the listener's name. */
    Map<String, Object> afterStages(RunContext ctx, RunManifest manifest);

    String name();
  }

  /**
   * The stages to run: all but those named in {@code nightshift.stages.skip}, whose names must be
   * stages of this run.
   */
  private List<NightlyStage> selectStages() {
    List<String> skip = config.stages().skip();
    List<String> known = stages.stream().map(NightlyStage::name).toList();
    for (String name : skip) {
      if (!known.contains(name)) {
        throw new BadConfigException(
            "config key 'nightshift.stages.skip': unknown stage '"
                + name
                + "'; the stages are "
                + String.join(", ", known));
      }
    }
    List<NightlyStage> out = new ArrayList<>();
    for (NightlyStage s : stages) {
      if (skip.contains(s.name())) {
        LOG.info("run {}: stage {} skipped (nightshift.stages.skip)", runDate, s.name());
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** The stages whose needed inputs are present; the others go to {@code skipped}, with why. */
  private List<NightlyStage> withTheirInputs(
      List<NightlyStage> candidates, InputTables inputs, Map<String, String> skipped) {
    List<NightlyStage> out = new ArrayList<>();
    for (NightlyStage s : candidates) {
      List<String> absent =
          Arrays.stream(InputTable.values())
              .filter(t -> s.needs().contains(t) && !inputs.has(t))
              .map(t -> "'" + t.tableName() + "'")
              .toList();
      if (absent.isEmpty()) {
        out.add(s);
      } else {
        String why = "no input table " + String.join(" or ", absent);
        LOG.info("run {}: stage {} skipped ({})", runDate, s.name(), why);
        skipped.put(s.name(), why);
      }
    }
    return out;
  }

  /** Runs the night. */
  public Result execute() {
    if (runDate == null) {
      throw new IllegalStateException("runDate is required");
    }
    long t0 = System.nanoTime();
    Instant startedAt = Instant.now();
    List<NightlyStage> running = selectStages();
    String out = config.output().path();
    RunFiles files = new RunFiles(out, runDate, spark.sparkContext().hadoopConfiguration());
    files.lock(Duration.ofMinutes(config.output().lockStaleMinutes()));
    ProgressListener progress = new ProgressListener(runDate.toString(), Duration.ofSeconds(30));
    spark.sparkContext().addSparkListener(progress);
    try {
      files.clearSuccess();
      OutputWriter writer = new OutputWriter(spark, out, runDate, outputSchemas);
      List<String> restored = writer.recover();
      int steps = running.size() + 2;
      LOG.info(
          "run {}: step 1/{} read and validate {} days from {}",
          runDate,
          steps,
          config.input().lookbackDays(),
          config.input().path());
      InputLoader loader = new InputLoader(spark, config).keepingDays(new OutputLayout(out), full);
      InputLoader.Loaded loaded = loader.load(runDate);
      RunManifest manifest =
          new RunManifest(
              runDate, startedAt, loaded.tables().windowStart(), loaded.tables().windowEnd());
      Map<String, String> versions = new LinkedHashMap<>();
      versions.put("nightshift", Versions.nightshift());
      versions.put("spark", Versions.spark());
      versions.put("java", System.getProperty("java.version"));
      manifest.put("versions", versions);
      if (!restored.isEmpty()) {
        manifest.put("restored_after_interrupted_commit", restored);
      }
      recordInputs(manifest, loaded);

      Map<String, Long> rows = new LinkedHashMap<>();
      rows.put(QUARANTINE, writer.stage(QUARANTINE, loaded.quarantine()));

      RunContext ctx =
          new RunContext(
              spark,
              config,
              runDate,
              loaded.tables(),
              new ModelStore(out, spark.sparkContext().hadoopConfiguration(), runDate));
      int i = 1;
      Map<String, String> skipped = new LinkedHashMap<>();
      config.stages().skip().forEach(n -> skipped.put(n, "nightshift.stages.skip"));
      running = withTheirInputs(running, loaded.tables(), skipped);
      steps = running.size() + 2;
      if (!skipped.isEmpty()) {
        List<Map<String, String>> list = new ArrayList<>();
        skipped.forEach(
            (n, why) -> {
              Map<String, String> entry = new LinkedHashMap<>();
              entry.put("stage", n);
              entry.put("reason", why);
              list.add(entry);
            });
        manifest.put("skipped_stages", list);
      }
      for (NightlyStage stage : running) {
        i++;
        LOG.info("run {}: step {}/{} stage {} ...", runDate, i, steps, stage.name());
        progress.step(stage.name());
        spark
            .sparkContext()
            .setJobGroup("stage:" + stage.name(), "nightshift " + stage.name(), false);
        long s0 = System.nanoTime();
        List<String> tables = new ArrayList<>();
        for (Map.Entry<String, Dataset<Row>> e : inDeclaredOrder(stage.compute(ctx))) {
          if (rows.containsKey(e.getKey())) {
            throw new IllegalStateException(
                "stage " + stage.name() + " writes table " + e.getKey() + " a second time");
          }
          rows.put(e.getKey(), writer.stage(e.getKey(), e.getValue()));
          ctx.registerWritten(e.getKey(), writer.readStaged(e.getKey()));
          tables.add(e.getKey());
        }
        ctx.releaseStageCaches();
        double secs = (System.nanoTime() - s0) / 1e9;
        manifest.stage(stage.name(), secs, tables);
        LOG.info(
            "run {}: stage {} done in {} s, staged {}",
            runDate,
            stage.name(),
            String.format("%.1f", secs),
            tables);
      }
      spark.sparkContext().clearJobGroup();
      ctx.models().decisions().forEach(manifest::model);
      LOG.info("run {}: step {}/{} reports and commit", runDate, steps, steps);
      progress.step("reports");
      for (RunListener l : listeners) {
        long s0 = System.nanoTime();
        manifest.put(l.name(), l.afterStages(ctx, manifest));
        manifest.stage(l.name(), (System.nanoTime() - s0) / 1e9, List.of());
      }
      ctx.releaseRunCaches();
      loaded.release();
      writer.commit();
      Map<String, String> outputs = new LinkedHashMap<>();
      for (String t : rows.keySet()) {
        outputs.put(t, writer.partitionPath(t));
        manifest.output(t, writer.partitionPath(t), rows.get(t));
      }
      manifest.put("config", RunManifest.parse(config.effectiveJson()));
      double seconds = (System.nanoTime() - t0) / 1e9;
      manifest.put("seconds", Math.round(seconds * 10) / 10.0);
      manifest.finish("success");
      files.writeManifest(manifest.toJson());
      files.markSuccess();
      LOG.info("run {}: success in {} s", runDate, String.format("%.1f", seconds));
      return new Result(runDate, files.manifestPath(), outputs, rows, seconds);
    } finally {
      spark.sparkContext().removeSparkListener(progress);
      files.unlock();
    }
  }

  /**
   * A stage's tables in the order they are declared ({@link OutputTable}), then any others by name:
   * stages hand their tables over in maps without an order ({@code Map.of} iterates in an order
   * that changes from JVM to JVM), and the staging order shows in the manifest and the log.
   */
  static List<Map.Entry<String, Dataset<Row>>> inDeclaredOrder(Map<String, Dataset<Row>> tables) {
    List<String> declared =
        Arrays.stream(OutputTable.values()).map(OutputTable::tableName).toList();
    Comparator<String> order =
        Comparator.<String>comparingInt(
                t -> declared.contains(t) ? declared.indexOf(t) : declared.size())
            .thenComparing(Comparator.naturalOrder());
    List<Map.Entry<String, Dataset<Row>>> out = new ArrayList<>(tables.entrySet());
    out.sort(Map.Entry.comparingByKey(order));
    return out;
  }

  private void recordInputs(RunManifest manifest, InputLoader.Loaded loaded) {
    List<String> warnings = new ArrayList<>();
    for (InputTable t : InputTable.values()) {
      TableReader.RawTable r = loaded.raw().get(t);
      Validation.Outcome o = loaded.outcomes().get(t);
      manifest.input(
          t.tableName(),
          r.root(),
          r.present(),
          r.partitions().size(),
          InputLoader.emptyPartitions(r),
          r.corruptFiles(),
          r.rowsInFiles(),
          o == null ? 0 : o.read(),
          o == null ? 0 : o.acceptedCount(),
          o == null ? Map.of() : o.quarantinedByReason());
      InputLoader.Days days = loaded.days().get(t);
      if (days != null) {
        manifest.inputDays(t.tableName(), days.reused(), days.recomputed());
      }
      if (r.present() && r.partitions().stream().noneMatch(p -> p.date().equals(runDate))) {
        warnings.add("input " + t.tableName() + " has no partition for the run date " + runDate);
      }
      if (!r.corruptFiles().isEmpty()) {
        warnings.add(
            "input " + t.tableName() + ": skipped " + r.corruptFiles().size() + " corrupt file(s)");
      }
    }
    warnings.forEach(w -> LOG.warn("run {}: {}", runDate, w));
    manifest.put("warnings", warnings);
  }
}
