package io.nightshift.models.anomaly;

import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;

import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Learns each series' normal behaviour (level, hour-of-day and hour-of-week seasonality, robust
 * noise scale, and how large its deviations usually are) from a history of points {@code (entity,
 * metric, ts, value)}. Every series is learned by its own streaming {@link SeriesDetector}, in
 * parallel across the cluster (one group of points per series); the fitted {@link
 * AnomalyDetectorModel} holds one state row per series and scores later points causally.
 */
public final class AnomalyDetector extends Estimator<AnomalyDetectorModel>
    implements AnomalyParams, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private final String uid;

  public AnomalyDetector() {
    this(Identifiable$.MODULE$.randomUID("anomalyDetector"));
  }

  public AnomalyDetector(String uid) {
    this.uid = uid;
    setAnomalyDefaults();
  }

  @Override
  public String uid() {
    return uid;
  }

  public AnomalyDetector setEntityCol(String v) {
    set(entityCol(), v);
    return this;
  }

  public AnomalyDetector setMetricCol(String v) {
    set(metricCol(), v);
    return this;
  }

  public AnomalyDetector setTimestampCol(String v) {
    set(timestampCol(), v);
    return this;
  }

  public AnomalyDetector setValueCol(String v) {
    set(valueCol(), v);
    return this;
  }

  /** Sets every detector setting at once (all components of {@link DetectorSettings}). */
  public AnomalyDetector setSettings(DetectorSettings s) {
    setDetectorSettings(s);
    return this;
  }

  @Override
  public AnomalyDetectorModel fit(Dataset<?> dataset) {
    validateInput(dataset.schema());
    DetectorSettings settings = detectorSettings();
    // groupBy + collect_list rather than groupByKey: Spark shuffles only when the input is not
    // already partitioned by series (the nightly job's validated metrics are).
    Dataset<Row> states =
        canonical(dataset)
            .groupBy(functions.col("entity"), functions.col("metric"))
            .agg(collect_list(struct(functions.col("ts"), functions.col("value"))).as("points"))
            .flatMap(
                (FlatMapFunction<Row, Row>)
                    r -> {
                      List<Row> sorted = DetectorStates.sortedSeries(r);
                      if (sorted.isEmpty()) {
                        return List.<Row>of().iterator();
                      }
                      SeriesDetector d = new SeriesDetector(settings);
                      return List.of(DetectorStates.learn(d, sorted)).iterator();
                    },
                Encoders.row(DetectorStates.STATE_SCHEMA))
            .persist(StorageLevel.MEMORY_AND_DISK());
    AnomalyDetectorModel model = new AnomalyDetectorModel(uid, states);
    copyValues(model, ParamMap.empty());
    return model.setParent(this);
  }

  /** A model that has learned nothing: it scores every series from its first point. */
  public AnomalyDetectorModel untrained(org.apache.spark.sql.SparkSession spark) {
    Dataset<Row> empty = spark.createDataFrame(List.of(), DetectorStates.STATE_SCHEMA);
    AnomalyDetectorModel model = new AnomalyDetectorModel(uid, empty);
    copyValues(model, ParamMap.empty());
    return model.setParent(this);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    validateInput(schema);
    return DetectorStates.STATE_SCHEMA;
  }

  @Override
  public AnomalyDetector copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** Reads a saved (unfitted) detector. */
  public static MLReader<AnomalyDetector> read() {
    return new DefaultParamsReader<>();
  }

  public static AnomalyDetector load(String path) {
    return read().load(path);
  }
}
