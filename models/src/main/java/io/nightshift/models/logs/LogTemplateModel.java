package io.nightshift.models.logs;

import io.nightshift.models.common.MetadataFiles;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * A fitted template dictionary: templates with their stable ids ({@link TemplateIds}), weights, an
 * example line, and the first and last date each was seen (ISO dates, null when unknown). {@link
 * #transform} assigns every line to its most specific matching template as a map over partitions
 * with the dictionary broadcast; {@link #merge} adds newly mined templates without changing the
 * existing ones, so ids stay stable night after night. Saved with the ML writers (params metadata
 * plus a Parquet {@code data/} folder).
 */
public final class LogTemplateModel extends Model<LogTemplateModel>
    implements LogTemplateParams, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final List<TemplateEntry> entries;

  /** One template of the dictionary. */
  public record TemplateEntry(
      String id, String template, long count, String example, String firstSeen, String lastSeen)
      implements java.io.Serializable {}

  /** Schema of the saved {@code data/} folder and of {@link #templatesFrame}. */
  public static final StructType DATA_SCHEMA =
      new StructType()
          .add("template_id", "string")
          .add("template", "string")
          .add("count", "long")
          .add("example", "string")
          .add("first_seen", "string")
          .add("last_seen", "string");

  public LogTemplateModel(String uid, List<TemplateEntry> entries) {
    this.uid = uid;
    setLogTemplateDefaults();
    this.entries = List.copyOf(entries);
  }

  public LogTemplateModel(List<TemplateEntry> entries) {
    this(Identifiable$.MODULE$.randomUID("logTemplateModel"), entries);
  }

  /** The templates, in dictionary order. */
  public List<TemplateEntry> templates() {
    return entries;
  }

  /** The dictionary as a DataFrame ({@link #DATA_SCHEMA}). */
  public Dataset<Row> templatesFrame(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (TemplateEntry e : entries) {
      rows.add(
          RowFactory.create(
              e.id(), e.template(), e.count(), e.example(), e.firstSeen(), e.lastSeen()));
    }
    return spark.createDataFrame(rows, DATA_SCHEMA);
  }

  /**
   * A new dictionary with this one's templates unchanged (ids, first-seen dates) followed by those
   * of {@code fresh} that it does not hold yet; {@code fresh}'s params are not taken over.
   */
  public LogTemplateModel merge(List<TemplateEntry> fresh) {
    java.util.Map<String, TemplateEntry> byId = new java.util.LinkedHashMap<>();
    for (TemplateEntry e : entries) {
      byId.put(e.id(), e);
    }
    for (TemplateEntry e : fresh) {
      byId.merge(
          e.id(),
          e,
          (a, b) ->
              new TemplateEntry(
                  a.id(),
                  a.template(),
                  a.count() + b.count(),
                  a.example(),
                  minDate(a.firstSeen(), b.firstSeen()),
                  maxDate(a.lastSeen(), b.lastSeen())));
    }
    LogTemplateModel m = new LogTemplateModel(uid, new ArrayList<>(byId.values()));
    copyValues(m, ParamMap.empty());
    return m;
  }

  /** A copy with the entries replaced (same params). */
  public LogTemplateModel withEntries(List<TemplateEntry> replaced) {
    LogTemplateModel m = new LogTemplateModel(uid, replaced);
    copyValues(m, ParamMap.empty());
    return m;
  }

  static String minDate(String a, String b) {
    return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
  }

  static String maxDate(String a, String b) {
    return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
  }

  /** The assigner the executors use (preprocessor plus matcher over these templates). */
  public TemplateAssigner assigner() {
    String[] ids = entries.stream().map(TemplateEntry::id).toArray(String[]::new);
    String[] texts = entries.stream().map(TemplateEntry::template).toArray(String[]::new);
    return new TemplateAssigner(minerSettings().preprocessor(), ids, texts);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    return assign(dataset, getInputCol(), false);
  }

  /**
   * Like {@link #transform}, for lines given by their shape ({@link LineShapes}) in {@code
   * shapeCol}. The same assignment as {@link #transform} of the lines, done once per distinct shape
   * instead of once per line.
   */
  public Dataset<Row> transformShapes(Dataset<?> dataset, String shapeCol) {
    return assign(dataset, shapeCol, true);
  }

  private Dataset<Row> assign(Dataset<?> dataset, String col, boolean shapes) {
    StructType out =
        shapes
            ? dataset
                .schema()
                .add(getIdCol(), "string")
                .add(getTemplateCol(), "string")
                .add(getKnownCol(), "boolean")
            : transformSchema(dataset.schema());
    SparkSession spark = dataset.sparkSession();
    Broadcast<TemplateAssigner> b =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(assigner());
    int msgIdx = dataset.schema().fieldIndex(col);
    int width = dataset.schema().size();
    MapPartitionsFunction<Row, Row> assign =
        rows -> new AssigningIterator(rows, b.value(), msgIdx, width, shapes);
    return dataset.toDF().mapPartitions(assign, Encoders.row(out));
  }

  private static final class AssigningIterator implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final TemplateAssigner assigner;
    private final int msgIdx;
    private final int width;
    private final boolean shapes;

    AssigningIterator(
        Iterator<Row> rows, TemplateAssigner assigner, int msgIdx, int width, boolean shapes) {
      this.rows = rows;
      this.assigner = assigner;
      this.msgIdx = msgIdx;
      this.width = width;
      this.shapes = shapes;
    }

    @Override
    public boolean hasNext() {
      return rows.hasNext();
    }

    @Override
    public Row next() {
      Row r = rows.next();
      Object[] v = new Object[width + 3];
      for (int i = 0; i < width; i++) {
        v[i] = r.get(i);
      }
      String msg = r.isNullAt(msgIdx) ? null : r.getString(msgIdx);
      if (msg != null) {
        TemplateAssigner.Assignment a = shapes ? assigner.assignShape(msg) : assigner.assign(msg);
        v[width] = a.id();
        v[width + 1] = a.template();
        v[width + 2] = a.known();
      }
      return RowFactory.create(v);
    }
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return outputSchema(schema);
  }

  @Override
  public LogTemplateModel copy(ParamMap extra) {
    LogTemplateModel m = new LogTemplateModel(uid, entries);
    copyValues(m, extra);
    return m.setParent(parent());
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /** Reads a model saved with {@link #write()}. */
  public static MLReader<LogTemplateModel> read() {
    return new Reader();
  }

  /** Loads a model saved with {@link #save(String)}. */
  public static LogTemplateModel load(String path) {
    return read().load(path);
  }

  // ---- params ------------------------------------------------------------------------------

  public LogTemplateModel setInputCol(String v) {
    set(inputCol(), v);
    return this;
  }

  public LogTemplateModel setIdCol(String v) {
    set(idCol(), v);
    return this;
  }

  public LogTemplateModel setTemplateCol(String v) {
    set(templateCol(), v);
    return this;
  }

  public LogTemplateModel setKnownCol(String v) {
    set(knownCol(), v);
    return this;
  }

  // ---- persistence ---------------------------------------------------------------------------

  private static final class Writer extends MLWriter {
    private final LogTemplateModel model;

    Writer(LogTemplateModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      MetadataFiles.save(model, path, sparkSession());
      model.templatesFrame(sparkSession()).coalesce(1).write().parquet(path + "/data");
    }
  }

  private static final class Reader extends MLReader<LogTemplateModel> {
    @Override
    public LogTemplateModel load(String path) {
      DefaultParamsReader.Metadata meta =
          MetadataFiles.load(path, sparkSession(), LogTemplateModel.class.getName());
      List<TemplateEntry> entries = new ArrayList<>();
      // the schema is given, so reading the folder needs no schema inference job
      for (Row r :
          sparkSession().read().schema(DATA_SCHEMA).parquet(path + "/data").collectAsList()) {
        entries.add(
            new TemplateEntry(
                r.getString(0),
                r.getString(1),
                r.getLong(2),
                r.getString(3),
                r.getString(4),
                r.getString(5)));
      }
      LogTemplateModel m = new LogTemplateModel(meta.uid(), entries);
      meta.getAndSetParams(m, Option.empty());
      return m;
    }
  }
}
