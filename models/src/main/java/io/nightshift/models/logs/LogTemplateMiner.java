package io.nightshift.models.logs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Mines log templates on the cluster. Each partition mines its own lines with the plain-Java {@link
 * TemplateMiner} (a map over partitions); the partial templates are summed by template text (a
 * shuffle aggregation), and the driver mines that small set of weighted templates once more into
 * the final dictionary, so templates split across partitions come together. Only the distinct
 * partial templates reach the driver, never the lines.
 */
public final class LogTemplateMiner extends Estimator<LogTemplateModel>
    implements LogTemplateParams, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  /** Schema of the partial templates mined by each partition. */
  static final StructType PARTIAL_SCHEMA =
      new StructType().add("template", "string").add("count", "long").add("example", "string");

  private final String uid;

  public LogTemplateMiner(String uid) {
    this.uid = uid;
    setLogTemplateDefaults();
  }

  public LogTemplateMiner() {
    this(Identifiable$.MODULE$.randomUID("logTemplateMiner"));
  }

  @Override
  public LogTemplateModel fit(Dataset<?> dataset) {
    validateInput(dataset.schema());
    MinerSettings settings = minerSettings();
    Dataset<Row> lines =
        dataset.toDF().select(col(getInputCol())).filter(col(getInputCol()).isNotNull());
    double fraction = getSampleFraction();
    if (fraction < 1.0) {
      lines = lines.sample(false, fraction, 42L);
    }
    MapPartitionsFunction<Row, Row> mineLocally = rows -> minePartition(settings, rows);
    List<Row> partial =
        lines
            .mapPartitions(mineLocally, Encoders.row(PARTIAL_SCHEMA))
            .groupBy("template")
            .agg(sum("count").as("count"), first("example").as("example"))
            .collectAsList();
    List<Row> sorted = new ArrayList<>(partial);
    sorted.sort(Comparator.comparing(r -> r.getString(0)));
    LogTemplateModel model = new LogTemplateModel(uid, mergePartials(settings, sorted));
    copyValues(model, ParamMap.empty());
    return model.setParent(this);
  }

  /**
   * A model with this miner's params holding the given templates, without fitting: the dictionary a
   * fit would give had it mined exactly these templates.
   */
  public LogTemplateModel withTemplates(List<LogTemplateModel.TemplateEntry> entries) {
    LogTemplateModel model = new LogTemplateModel(uid, entries);
    copyValues(model, ParamMap.empty());
    return model.setParent(this);
  }

  /**
   * Distinct masked lines a task holds before it mines them into partial templates. Bounds a task's
   * memory however many lines its partition has; the partials of all chunks are merged like those
   * of different partitions.
   */
  static final int CHUNK_DISTINCT_LINES = 20_000;

  /** Mines one partition's lines into partial templates (template, count, example). */
  static java.util.Iterator<Row> minePartition(
      MinerSettings settings, java.util.Iterator<Row> rows) {
    return minePartition(settings, rows, CHUNK_DISTINCT_LINES);
  }

  /**
   * Mines one partition's lines in chunks of at most {@code chunk} distinct masked lines. Identical
   * masked lines are mined once with their count as weight (the miner is weight-aware, so the
   * templates and counts are those of mining every line).
   */
  static java.util.Iterator<Row> minePartition(
      MinerSettings settings, java.util.Iterator<Row> rows, int chunk) {
    LogPreprocessor pre = settings.preprocessor();
    List<Row> out = new ArrayList<>();
    java.util.Map<List<String>, Distinct> distinct = new java.util.LinkedHashMap<>();
    while (rows.hasNext()) {
      String m = rows.next().getString(0);
      String[] t = pre.tokens(m);
      distinct.computeIfAbsent(java.util.Arrays.asList(t), k -> new Distinct(t, m)).count++;
      if (distinct.size() >= chunk) {
        mineChunk(settings, distinct.values(), out);
        distinct.clear();
      }
    }
    if (!distinct.isEmpty()) {
      mineChunk(settings, distinct.values(), out);
    }
    return out.iterator();
  }

  /** One distinct masked line of a chunk: its tokens, first raw message and count. */
  private static final class Distinct {
    final String[] tokens;
    final String example;
    long count;

    Distinct(String[] tokens, String example) {
      this.tokens = tokens;
      this.example = example;
    }
  }

  private static void mineChunk(
      MinerSettings settings, java.util.Collection<Distinct> lines, List<Row> out) {
    List<String[]> tokens = new ArrayList<>(lines.size());
    long[] weights = new long[lines.size()];
    String[] messages = new String[lines.size()];
    int i = 0;
    for (Distinct d : lines) {
      tokens.add(d.tokens);
      weights[i] = d.count;
      messages[i] = d.example;
      i++;
    }
    TemplateMiner.Result r = settings.miner().mine(tokens, weights);
    String[] example = new String[r.templates().size()];
    for (int k = 0; k < messages.length; k++) {
      int t = r.assignment()[k];
      if (example[t] == null) {
        example[t] = messages[k];
      }
    }
    for (int t = 0; t < example.length; t++) {
      out.add(RowFactory.create(String.join(" ", r.templates().get(t)), r.counts()[t], example[t]));
    }
  }

  /** Mines the weighted partial templates into the final dictionary entries. */
  static List<LogTemplateModel.TemplateEntry> mergePartials(
      MinerSettings settings, List<Row> partial) {
    List<String[]> tokens = new ArrayList<>();
    long[] weights = new long[partial.size()];
    for (int i = 0; i < partial.size(); i++) {
      String t = partial.get(i).getString(0);
      tokens.add(t.isEmpty() ? new String[0] : t.split(" "));
      weights[i] = partial.get(i).getLong(1);
    }
    TemplateMiner.Result r = settings.miner().mine(tokens, weights);
    String[] example = new String[r.templates().size()];
    long[] heaviest = new long[example.length];
    for (int i = 0; i < partial.size(); i++) {
      int t = r.assignment()[i];
      if (example[t] == null || weights[i] > heaviest[t]) {
        example[t] = partial.get(i).getString(2);
        heaviest[t] = weights[i];
      }
    }
    List<LogTemplateModel.TemplateEntry> entries = new ArrayList<>();
    for (int t = 0; t < example.length; t++) {
      String text = String.join(" ", r.templates().get(t));
      entries.add(
          new LogTemplateModel.TemplateEntry(
              TemplateIds.of(text), text, r.counts()[t], example[t], null, null));
    }
    return entries;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return outputSchema(schema);
  }

  @Override
  public LogTemplateMiner copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public String uid() {
    return uid;
  }

  // ---- params ------------------------------------------------------------------------------

  public LogTemplateMiner setInputCol(String v) {
    set(inputCol(), v);
    return this;
  }

  public LogTemplateMiner setMaskingRules(String... names) {
    for (String n : names) {
      MaskingRule.builtIn(n);
    }
    set(maskingRules(), names);
    return this;
  }

  public LogTemplateMiner setCustomMaskingRules(String... specs) {
    set(customMaskingRules(), specs);
    return this;
  }

  public LogTemplateMiner setMaskDigitParts(boolean v) {
    set(maskDigitParts(), v);
    return this;
  }

  public LogTemplateMiner setCollapseVariables(boolean v) {
    set(collapseVariables(), v);
    return this;
  }

  public LogTemplateMiner setMaxSplitValues(int v) {
    set(maxSplitValues(), v);
    return this;
  }

  public LogTemplateMiner setMinSplitSupport(int v) {
    set(minSplitSupport(), v);
    return this;
  }

  public LogTemplateMiner setSampleFraction(double v) {
    set(sampleFraction(), v);
    return this;
  }

  /** Sets every mining param from one {@link MinerSettings} value (built-in rule names only). */
  public LogTemplateMiner setSettings(MinerSettings s) {
    List<String> builtIn = new ArrayList<>();
    List<String> custom = new ArrayList<>();
    for (MaskingRule r : s.rules()) {
      if (MaskingRule.BUILT_IN.containsKey(r.name())
          && MaskingRule.BUILT_IN.get(r.name()).equals(r)) {
        builtIn.add(r.name());
      } else {
        custom.add(r.name() + "=" + r.regex());
      }
    }
    set(maskingRules(), builtIn.toArray(new String[0]));
    set(customMaskingRules(), custom.toArray(new String[0]));
    set(maskDigitParts(), s.maskDigitParts());
    set(collapseVariables(), s.collapseVariables());
    set(maxSplitValues(), s.maxSplitValues());
    set(minSplitSupport(), (int) s.minSplitSupport());
    return this;
  }
}
