package io.nightshift.models.anomaly;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The fitted anomaly detector: one learned state per series. {@link #transform} continues each
 * series' streaming detector from its state over the given points (only points after the last
 * learned time; a series never seen starts from scratch), so a point's score uses only data up to
 * that point and equals what a streaming detector would have said. Output: one row per scored point
 * with {@code entity, metric, ts, value, expected, lower, upper, sigmas, score, alert_score} (see
 * {@link PointScore}; {@code value} is the modelled value, a rate for counters). Saved as params
 * metadata plus the state rows as Parquet under {@code data/}.
 */
public final class AnomalyDetectorModel extends Model<AnomalyDetectorModel>
    implements AnomalyParams, MLWritable {
  private static final long serialVersionUID = 1L;

  /** Schema of {@link #transform}'s output. */
  public static final StructType OUTPUT_SCHEMA =
      new StructType()
          .add("entity", DataTypes.StringType, false)
          .add("metric", DataTypes.StringType, false)
          .add("ts", DataTypes.TimestampType, false)
          .add("value", DataTypes.DoubleType, false)
          .add("expected", DataTypes.DoubleType, false)
          .add("lower", DataTypes.DoubleType, false)
          .add("upper", DataTypes.DoubleType, false)
          .add("sigmas", DataTypes.DoubleType, false)
          .add("score", DataTypes.DoubleType, false)
          .add("alert_score", DataTypes.DoubleType, false);

  private final String uid;
  private final transient Dataset<Row> states;

  AnomalyDetectorModel(String uid, Dataset<Row> states) {
    this.uid = uid;
    this.states = states;
    setAnomalyDefaults();
  }

  @Override
  public String uid() {
    return uid;
  }

  /** One row per learned series: entity, metric, points, last_ts, counter, state. */
  public Dataset<Row> states() {
    return states;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    validateInput(dataset.schema());
    DetectorSettings settings = detectorSettings();
    MapFunction<Row, String> key = r -> DetectorStates.key(r.getString(0), r.getString(1));
    return canonical(dataset)
        .groupByKey(key, Encoders.STRING())
        .cogroup(
            states.groupByKey(key, Encoders.STRING()),
            (CoGroupFunction<String, Row, Row, Row>)
                (k, rows, saved) -> score(settings, rows, saved),
            Encoders.row(OUTPUT_SCHEMA));
  }

  /**
   * The model that has also learned {@code dataset}'s points: each series' detector streams on from
   * its state over them exactly as {@link #transform} would (a series never seen starts from
   * scratch; a series without new points keeps its state). Scoring later points with the result
   * gives the same scores as scoring them after {@code dataset}'s with this model. The new states
   * are cached; the model keeps this one's uid and params.
   */
  public AnomalyDetectorModel advance(Dataset<?> dataset) {
    validateInput(dataset.schema());
    DetectorSettings settings = detectorSettings();
    MapFunction<Row, String> key = r -> DetectorStates.key(r.getString(0), r.getString(1));
    Dataset<Row> advanced =
        canonical(dataset)
            .groupByKey(key, Encoders.STRING())
            .cogroup(
                states.groupByKey(key, Encoders.STRING()),
                (CoGroupFunction<String, Row, Row, Row>)
                    (k, rows, saved) -> learn(settings, rows, saved),
                Encoders.row(DetectorStates.STATE_SCHEMA))
            .persist(StorageLevel.MEMORY_AND_DISK());
    AnomalyDetectorModel m = new AnomalyDetectorModel(uid, advanced);
    return copyValues(m, ParamMap.empty()).setParent(parent());
  }

  private static Iterator<Row> learn(
      DetectorSettings settings, Iterator<Row> rows, Iterator<Row> saved) {
    List<Row> points = DetectorStates.sortedPoints(rows);
    Row state = saved.hasNext() ? saved.next() : null;
    if (points.isEmpty()) {
      return state == null ? List.<Row>of().iterator() : List.of(state).iterator();
    }
    SeriesDetector d =
        state == null
            ? new SeriesDetector(settings)
            : DetectorStates.fromBytes(state.getAs("state"));
    return List.of(DetectorStates.learn(d, points)).iterator();
  }

  private static Iterator<Row> score(
      DetectorSettings settings, Iterator<Row> rows, Iterator<Row> saved) {
    List<Row> points = DetectorStates.sortedPoints(rows);
    if (points.isEmpty()) {
      return List.<Row>of().iterator();
    }
    SeriesDetector d =
        saved.hasNext()
            ? DetectorStates.fromBytes(saved.next().getAs("state"))
            : new SeriesDetector(settings);
    List<Row> out = new ArrayList<>(points.size());
    for (Row r : points) {
      Timestamp ts = r.getTimestamp(2);
      PointScore p = d.update(ts.getTime(), r.getDouble(3));
      if (p != null) {
        out.add(
            RowFactory.create(
                r.getString(0),
                r.getString(1),
                ts,
                p.value(),
                p.expected(),
                p.lower(),
                p.upper(),
                p.sigmas(),
                p.score(),
                p.alertScore()));
      }
    }
    return out.iterator();
  }

  @Override
  public StructType transformSchema(StructType schema) {
    validateInput(schema);
    return OUTPUT_SCHEMA;
  }

  @Override
  public AnomalyDetectorModel copy(ParamMap extra) {
    AnomalyDetectorModel m = new AnomalyDetectorModel(uid, states);
    return copyValues(m, extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /** Reads a saved model. */
  public static MLReader<AnomalyDetectorModel> read() {
    return new Reader();
  }

  public static AnomalyDetectorModel load(String path) {
    return read().load(path);
  }

  /** Saves params metadata and the state rows ({@code data/}, Parquet). */
  private static final class Writer extends MLWriter {
    private final AnomalyDetectorModel model;

    Writer(AnomalyDetectorModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(model, path, sparkSession());
      model.states.write().parquet(path + "/data");
    }
  }

  /** Loads what {@link Writer} saved. */
  private static final class Reader extends MLReader<AnomalyDetectorModel> {
    @Override
    public AnomalyDetectorModel load(String path) {
      DefaultParamsReader.Metadata meta =
          DefaultParamsReader.loadMetadata(
              path, sparkSession(), AnomalyDetectorModel.class.getName());
      Dataset<Row> states = sparkSession().read().parquet(path + "/data");
      AnomalyDetectorModel m = new AnomalyDetectorModel(meta.uid(), states);
      meta.getAndSetParams(m, scala.Option.empty());
      return m;
    }
  }
}
