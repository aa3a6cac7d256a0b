package io.nightshift.jobs.io;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.MLWritable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fitted models one night sees: those committed by earlier nights, {@code
 * <output>/models/<model>/run_date=D/}, and those it fitted itself, staged in {@code
 * <output>/_staging/run_date=D/_models/<model>} until {@link OutputWriter#commit} moves them into
 * place with the tables. A night killed before its commit leaves no model behind at a final path,
 * and later stages of the same night find tonight's models where they were staged.
 *
 * <p>Stages ask {@link #decide} (the {@link ModelPolicy}) whether to reuse or fit, then {@link
 * #load} or {@link #save}; {@link #reuseOrFit} does both. Every decision is kept for the manifest's
 * {@code models} section. Each saved model carries {@value #FINGERPRINT}: the settings it was
 * fitted with, compared with tonight's before a reuse. Models are written with the Spark ML
 * writers; works on any Hadoop file system (local, HDFS, S3A).
 */
public final class ModelStore {
  private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The file beside a saved model's {@code metadata/} and {@code data/} holding its settings. */
  public static final String FINGERPRINT = "fingerprint.json";

  /**
   * The file beside a saved model's {@code metadata/} naming the night that fitted it ({@code
   * {"fitted_on": "YYYY-MM-DD"}}); a model saved without it was fitted by the night that saved it.
   */
  public static final String LINEAGE = "lineage.json";

  private final OutputLayout layout;
  private final Configuration hadoopConf;
  private final LocalDate tonight;
  private final List<ModelPolicy.Decision> decisions = new ArrayList<>();

  /** The models seen by the night of {@code tonight} (which stages what it saves). */
  public ModelStore(String outputRoot, Configuration hadoopConf, LocalDate tonight) {
    this.layout = new OutputLayout(outputRoot);
    this.hadoopConf = hadoopConf;
    this.tonight = tonight;
  }

  /** A model reused or fitted tonight, with the policy's decision. */
  public record Obtained<M>(M model, ModelPolicy.Decision decision) {}

  /** The policy's decision for {@code spec} tonight (not yet recorded). */
  public ModelPolicy.Decision decide(ModelSpec spec) {
    Optional<ModelPolicy.Candidate> newest =
        spec.retrain().isEveryNight()
            ? Optional.empty()
            : latestOnOrBefore(spec.name(), tonight)
                .map(
                    s ->
                        new ModelPolicy.Candidate(
                            s.runDate(), fittedOn(s), fingerprintOf(s.path())));
    return ModelPolicy.decide(spec.name(), tonight, spec.retrain(), newest, spec.fingerprint());
  }

  /**
   * Loads the saved model when the policy says reuse, else fits and saves a new one; records the
   * decision.
   */
  public <M extends MLWritable> Obtained<M> reuseOrFit(
      ModelSpec spec, Function<String, M> loader, Supplier<M> fit) {
    ModelPolicy.Decision d = decide(spec);
    M model = d.reused() ? load(d, loader) : save(spec, d, fit.get());
    return new Obtained<>(model, d);
  }

  /** Loads the model a reuse decision names and records the decision. */
  public <M> M load(ModelPolicy.Decision reuse, Function<String, M> loader) {
    if (!reuse.reused()) {
      throw new IllegalArgumentException("model " + reuse.model() + " was not to be reused");
    }
    String path =
        latestOnOrBefore(reuse.model(), reuse.savedRunDate())
            .filter(s -> s.runDate().equals(reuse.savedRunDate()))
            .orElseThrow(() -> new IllegalStateException("model " + reuse.model() + " vanished"))
            .path();
    M model = loader.apply(path);
    record(reuse);
    return model;
  }

  /**
   * Stages a model fitted tonight (moved to its final path at the night's commit) with its
   * fingerprint, and records the decision.
   */
  public <M extends MLWritable> M save(ModelSpec spec, ModelPolicy.Decision fitted, M model) {
    write(spec, model, tonight);
    record(fitted);
    return model;
  }

  /**
   * Stages tonight's state of a streaming model reused tonight (one that has learned the days since
   * it was saved), so the next night streams on from here rather than from the saved night. It
   * keeps the night it was fitted on: its age, and so its retraining, count from its fit. Records
   * nothing: the reuse decision stands.
   */
  public <M extends MLWritable> M carry(ModelSpec spec, ModelPolicy.Decision reused, M model) {
    if (!reused.reused() || !reused.savedRunDate().isBefore(tonight)) {
      throw new IllegalArgumentException(
          "only a model reused from an earlier night is carried: " + reused.reason());
    }
    Saved from =
        latestOnOrBefore(spec.name(), reused.savedRunDate())
            .orElseThrow(() -> new IllegalStateException("model " + spec.name() + " vanished"));
    LocalDate fittedOn = fittedOn(from);
    write(spec, model, fittedOn);
    LOG.info(
        "run {}: model {} (fitted {}) carried forward from {}",
        tonight,
        spec.name(),
        fittedOn,
        reused.savedRunDate());
    return model;
  }

  private void write(ModelSpec spec, MLWritable model, LocalDate fittedOn) {
    String path = stagedPath(spec.name());
    try {
      model.write().overwrite().save(path);
      FileSystem fs = new Path(path).getFileSystem(hadoopConf);
      try (OutputStream os = fs.create(new Path(path, FINGERPRINT), true)) {
        JSON.writeValue(os, spec.fingerprint());
      }
      try (OutputStream os = fs.create(new Path(path, LINEAGE), true)) {
        JSON.writeValue(os, Map.of("fitted_on", fittedOn.toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the model " + spec.name() + " to " + path, e);
    }
  }

  /** The night that fitted a saved model (the night that saved it, unless it was carried). */
  LocalDate fittedOn(Saved saved) {
    Path file = new Path(saved.path(), LINEAGE);
    try {
      FileSystem fs = file.getFileSystem(hadoopConf);
      if (!fs.exists(file)) {
        return saved.runDate();
      }
      try (InputStream in = fs.open(file)) {
        return LocalDate.parse(JSON.readTree(in).get("fitted_on").asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Records a decision whose model is handled by the stage itself (e.g. fitted, not saved). */
  public void record(ModelPolicy.Decision d) {
    LOG.info("run {}: model {}: {}", tonight, d.model(), d.reason());
    decisions.add(d);
  }

  /** Tonight's decisions so far, in order. */
  public List<ModelPolicy.Decision> decisions() {
    return List.copyOf(decisions);
  }

  /** The night this store stages for. */
  public LocalDate tonight() {
    return tonight;
  }

  /** Where tonight stages a model until the commit. */
  public String stagedPath(String model) {
    return layout.stagedModel(model, tonight);
  }

  /**
   * The newest complete model saved on or before {@code runDate}: tonight's staged one when {@code
   * runDate} is not before tonight and one was staged, else the newest committed one.
   */
  public Optional<Saved> latestOnOrBefore(String model, LocalDate runDate) {
    try {
      if (!runDate.isBefore(tonight)) {
        Path staged = new Path(stagedPath(model));
        if (staged.getFileSystem(hadoopConf).exists(new Path(staged, "metadata"))) {
          return Optional.of(new Saved(staged.toString(), tonight));
        }
      }
      Path dir = new Path(layout.models() + "/" + model);
      FileSystem fs = dir.getFileSystem(hadoopConf);
      if (!fs.exists(dir)) {
        return Optional.empty();
      }
      Saved best = null;
      for (FileStatus s : fs.listStatus(dir)) {
        Optional<LocalDate> date = OutputLayout.partitionDate(s.getPath().getName());
        if (!s.isDirectory() || date.isEmpty()) {
          continue;
        }
        LocalDate d = date.get();
        boolean complete = fs.exists(new Path(s.getPath(), "metadata"));
        if (complete && !d.isAfter(runDate) && (best == null || d.isAfter(best.runDate()))) {
          best = new Saved(s.getPath().toString(), d);
        }
      }
      return Optional.ofNullable(best);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list models under " + layout.models(), e);
    }
  }

  /** The settings a saved model was fitted with; empty for models saved without them. */
  Optional<Map<String, String>> fingerprintOf(String modelPath) {
    Path file = new Path(modelPath, FINGERPRINT);
    try {
      FileSystem fs = file.getFileSystem(hadoopConf);
      if (!fs.exists(file)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(file)) {
        return Optional.of(
            JSON.readValue(in, new TypeReference<LinkedHashMap<String, String>>() {}));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** A saved model's location and the run date that saved it. */
  public record Saved(String path, LocalDate runDate) {}
}
