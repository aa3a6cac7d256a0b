package io.nightshift.models.forecast;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
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
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The fitted per-series choices of a {@link Forecaster}. {@code transform} gathers each series of
 * its input, applies the series' fitted model (a series the model has not seen is fitted on the
 * spot) and returns one row a series: the series key, the time of its last sample ({@code origin}),
 * the model and its backtest error, and arrays of {@code horizon} forecast steps: {@code point},
 * {@code p10}, {@code p50}, {@code p90}, {@code lower95}, {@code upper95}.
 */
public final class ForecasterModel extends Model<ForecasterModel>
    implements ForecasterParams, MLWritable {
  private static final long serialVersionUID = 1L;

  /** Output column: time of the last sample (timestamp); step 1 is one step after it. */
  public static final String ORIGIN = "origin";

  /** Output column: chosen model name. */
  public static final String MODEL = "model";

  /** Output column: backtest error of the chosen model (MASE-scaled; null if not backtested). */
  public static final String BACKTEST_MASE = "backtest_mase";

  /** Output column: samples of history used. */
  public static final String HISTORY = "history_points";

  /**
   * Output column: steps from the series' last level reset (a sharp persistent drop) to its last
   * sample, null if none; the forecast uses the data since a reset when at least {@link
   * SeriesPrep#MIN_STEPS_AFTER_RESET} steps follow it.
   */
  public static final String RESET_STEPS_AGO = "reset_steps_ago";

  /** Steps a series needs after a level reset for the forecast to start at the reset. */
  public static final int MIN_STEPS_AFTER_RESET = SeriesPrep.MIN_STEPS_AFTER_RESET;

  /** Output array columns, in order. */
  public static final String[] PATHS = {"point", "p10", "p50", "p90", "lower95", "upper95"};

  private final String uid;
  private final Dataset<Row> fits;

  ForecasterModel(String uid, Dataset<Row> fits) {
    this.uid = uid;
    this.fits = fits;
    setForecasterDefaults();
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The per-series fits (series key, members, params, intervals, backtest_mase, ...). */
  public Dataset<Row> fits() {
    return fits;
  }

  public ForecasterModel setHorizon(int v) {
    set(horizon(), v);
    return this;
  }

  public ForecasterModel setSeriesCol(String v) {
    set(seriesCol(), v);
    return this;
  }

  public ForecasterModel setTimeCol(String v) {
    set(timeCol(), v);
    return this;
  }

  public ForecasterModel setValueCol(String v) {
    set(valueCol(), v);
    return this;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType outSchema = transformSchema(dataset.schema());
    ForecastOptions opts = forecastOptions();
    int step = getStepSeconds();
    int keep = SeriesFrames.historyToKeep(opts);
    int horizon = getHorizon();
    String key = getSeriesCol();
    Dataset<Row> gathered = SeriesFrames.gather(dataset.toDF(), this);
    Dataset<Row> joined =
        gathered
            .join(
                fits.withColumnRenamed(key, "__fit_key"),
                gathered.col(key).equalTo(col("__fit_key")),
                "left")
            .drop("__fit_key");
    StructType internal =
        outSchema.add(DataTypes.createStructField("__origin_s", DataTypes.LongType, false));
    return joined
        .mapPartitions(
            (MapPartitionsFunction<Row, Row>) rows -> forecastAll(rows, opts, step, keep, horizon),
            Encoders.row(internal))
        .withColumn(ORIGIN, org.apache.spark.sql.functions.timestamp_seconds(col("__origin_s")))
        .drop("__origin_s")
        .select(
            java.util.Arrays.stream(outSchema.fieldNames())
                .map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new));
  }

  /**
   * Forecasts a partition's series one at a time, as the consumer pulls rows: a task never holds
   * more than one series' paths (a partition's worth of 90-day hourly paths exhausted a 2 GB driver
   * heap at bench scale 4 when they were collected into a list first).
   */
  private static Iterator<Row> forecastAll(
      Iterator<Row> rows, ForecastOptions opts, int step, int keep, int horizon) {
    SeriesForecaster core = new SeriesForecaster(opts);
    return new Iterator<>() {
      private Row next = advance();

      private Row advance() {
        while (rows.hasNext()) {
          Row out = forecastOne(core, rows.next(), step, keep, horizon);
          if (out != null) {
            return out;
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Row next() {
        if (next == null) {
          throw new java.util.NoSuchElementException();
        }
        Row r = next;
        next = advance();
        return r;
      }
    };
  }

  /** One series' forecast row, or null when it has fewer than two finite values. */
  private static Row forecastOne(SeriesForecaster core, Row r, int step, int keep, int horizon) {
    SeriesFrames.Grid g = SeriesFrames.toGrid(r.getList(1), step, keep);
    if (Forecaster.countFinite(g.values()) < 2) {
      return null;
    }
    SeriesFit fit = r.isNullAt(2) ? core.fit(g.values()) : SeriesFrames.fromRow(r, 2);
    return RowFactory.create(forecastValues(core, r.getString(0), fit, g, horizon));
  }

  /**
   * The values of one series' forecast row ({@link #transformSchema}'s columns, the origin left
   * null) followed by the origin in epoch seconds.
   */
  static Object[] forecastValues(
      SeriesForecaster core, String key, SeriesFit fit, SeriesFrames.Grid g, int horizon) {
    ForecastPaths p = core.forecast(fit, g.values(), horizon);
    double[][] paths = {p.point(), p.p10(), p.p50(), p.p90(), p.lower95(), p.upper95()};
    Object[] v = new Object[6 + paths.length + 1];
    v[0] = key;
    v[1] = null;
    v[2] = p.model();
    v[3] = Double.isNaN(p.backtestMase()) ? null : p.backtestMase();
    v[4] = Forecaster.countFinite(g.values());
    v[5] = resetStepsAgo(g.values(), core.options());
    for (int i = 0; i < paths.length; i++) {
      v[6 + i] = SeriesFrames.boxed(paths[i]);
    }
    v[6 + paths.length] = g.lastEpochSecond();
    return v;
  }

  /** Steps from the last level reset to the last sample, or null without one. */
  static Integer resetStepsAgo(double[] values, ForecastOptions o) {
    if (!o.adjustLevelShifts()) {
      return null;
    }
    double[] y = SeriesPrep.fillGaps(values, o.season());
    int r = SeriesPrep.lastReset(y, o.season(), o.longSeason());
    return r < 0 ? null : y.length - 1 - r;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    SeriesFrames.validate(schema, this);
    return forecastSchema();
  }

  /** The columns {@link #transform} returns. */
  StructType forecastSchema() {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField(getSeriesCol(), DataTypes.StringType, false));
    f.add(DataTypes.createStructField(ORIGIN, DataTypes.TimestampType, true));
    f.add(DataTypes.createStructField(MODEL, DataTypes.StringType, false));
    f.add(DataTypes.createStructField(BACKTEST_MASE, DataTypes.DoubleType, true));
    f.add(DataTypes.createStructField(HISTORY, DataTypes.IntegerType, false));
    f.add(DataTypes.createStructField(RESET_STEPS_AGO, DataTypes.IntegerType, true));
    for (String p : PATHS) {
      f.add(DataTypes.createStructField(p, DataTypes.createArrayType(DataTypes.DoubleType), false));
    }
    return new StructType(f.toArray(new StructField[0]));
  }

  @Override
  public ForecasterModel copy(ParamMap extra) {
    return copyValues(new ForecasterModel(uid, fits), extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /** Reads a saved model. */
  public static MLReader<ForecasterModel> read() {
    return new Reader();
  }

  /** Loads a model saved with {@link #write()}. */
  public static ForecasterModel load(String path) {
    return read().load(path);
  }

  /** Saves params metadata and the per-series fits as Parquet under {@code data/}. */
  private static final class Writer extends MLWriter {
    private final ForecasterModel model;

    Writer(ForecasterModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(model, path, sparkSession());
      model.fits.write().parquet(path + "/data");
    }
  }

  /** Loads what {@link Writer} saved. */
  private static final class Reader extends MLReader<ForecasterModel> {
    @Override
    public ForecasterModel load(String path) {
      DefaultParamsReader.Metadata meta =
          DefaultParamsReader.loadMetadata(path, sparkSession(), ForecasterModel.class.getName());
      Dataset<Row> fits = sparkSession().read().parquet(path + "/data");
      ForecasterModel m = new ForecasterModel(meta.uid(), fits);
      meta.getAndSetParams(m, scala.Option.empty());
      return m;
    }
  }
}
