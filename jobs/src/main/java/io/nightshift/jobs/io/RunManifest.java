package io.nightshift.jobs.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run manifest, {@code runs/<run-date>/manifest.json}: what was read, accepted and quarantined
 * (by reason) per input, every output's path and row count, stage timings, what the model policy
 * decided per model, versions and the effective config. Keys are documented in the README; {@code
 * inputs.<name>.read == accepted + quarantined} always holds, and {@code read == rows_in_files}
 * (the row counts the Parquet footers of the files read declare) shows nothing was lost between the
 * files and the job.
 */
public final class RunManifest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, Object> root = new LinkedHashMap<>();
  private final Map<String, Object> inputs = new LinkedHashMap<>();
  private final Map<String, Object> outputs = new LinkedHashMap<>();
  private final List<Object> stages = new ArrayList<>();
  private final List<Object> models = new ArrayList<>();

  /**
   * @param startedAt when the run started (before it read and validated its inputs)
   */
  public RunManifest(LocalDate runDate, Instant startedAt, Instant windowStart, Instant windowEnd) {
    root.put("run_date", runDate.toString());
    root.put("status", "running");
    root.put("started_at", startedAt.toString());
    Map<String, String> window = new LinkedHashMap<>();
    window.put("start", windowStart.toString());
    window.put("end", windowEnd.toString());
    root.put("window", window);
    root.put("inputs", inputs);
    root.put("outputs", outputs);
    root.put("stages", stages);
    root.put("models", models);
  }

  /**
   * Records how an input's day partitions were obtained: {@code partitions_reused} from the state
   * kept by earlier nights, {@code partitions_recomputed} by reason ({@code new}, {@code changed},
   * {@code state missing}, {@code state version}, {@code full}).
   */
  @SuppressWarnings("unchecked")
  public void inputDays(String name, int reused, Map<String, Integer> recomputed) {
    Map<String, Object> m = (Map<String, Object>) inputs.get(name);
    m.put("partitions_reused", reused);
    m.put("partitions_recomputed", recomputed.values().stream().mapToInt(Integer::intValue).sum());
    m.put("partitions_recomputed_by_reason", recomputed);
  }

  /** Records one input's accounting. */
  public void input(
      String name,
      String path,
      boolean present,
      int partitions,
      List<String> emptyPartitions,
      List<String> corruptFiles,
      long rowsInFiles,
      long read,
      long accepted,
      Map<String, Long> quarantinedByReason) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", absolute(path));
    m.put("present", present);
    m.put("partitions", partitions);
    m.put("empty_partitions", emptyPartitions);
    m.put("corrupt_files", corruptFiles);
    m.put("rows_in_files", rowsInFiles);
    m.put("read", read);
    m.put("accepted", accepted);
    m.put("quarantined", quarantinedByReason.values().stream().mapToLong(Long::longValue).sum());
    m.put("quarantined_by_reason", quarantinedByReason);
    inputs.put(name, m);
  }

  /**
   * A relative local path made absolute, so that readers started elsewhere (a notebook under {@code
   * notebooks/}) find the same files; paths with a scheme ({@code hdfs://}, {@code s3a://}) are
   * kept.
   */
  static String absolute(String path) {
    if (path == null || path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || path.startsWith("/")) {
      return path;
    }
    return java.nio.file.Path.of(path).toAbsolutePath().normalize().toString();
  }

  /** Records one written output table. */
  public void output(String name, String path, long rows) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", path);
    m.put("rows", rows);
    outputs.put(name, m);
  }

  /** Records one stage's timing and the tables it wrote. */
  public void stage(String name, double seconds, List<String> tables) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("seconds", Math.round(seconds * 1000) / 1000.0);
    m.put("tables", tables);
    stages.add(m);
  }

  /**
   * Records what the {@link ModelPolicy} decided for one model tonight: its name, {@code reused} or
   * {@code fitted}, the run date of the model used (null for a fitted model not saved) and why.
   */
  public void model(ModelPolicy.Decision d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", d.model());
    m.put("decision", d.kind().word());
    m.put("saved_run_date", d.savedRunDate() == null ? null : d.savedRunDate().toString());
    m.put("reason", d.reason());
    models.add(m);
  }

  /** Any other top-level entry (versions, config, reports, ...). */
  public void put(String key, Object value) {
    root.put(key, value);
  }

  /** Marks the end of the run. */
  public void finish(String status) {
    root.put("status", status);
    root.put("finished_at", Instant.now().toString());
  }

  /**
   * A read-only view of the manifest so far (inputs with quarantine counts, outputs, stages), e.g.
   * for the reports' data-quality summary.
   */
  public Map<String, Object> view() {
    return java.util.Collections.unmodifiableMap(root);
  }

  /** The manifest as pretty JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a JSON string into plain maps (for embedding the effective config). */
  public static Object parse(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
