package io.nightshift.models.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import io.nightshift.models.common.InputColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Chooses and fits a forecasting model per series, in parallel across the cluster: Spark gathers
 * each series (one row of samples per series key), and the plain-Java core ({@link
 * SeriesForecaster}) backtests the candidates from rolling origins, picks the best model or
 * combination, calibrates its intervals and refits it. Input: one row a sample (series key,
 * timestamp on a regular grid of {@code stepSeconds}, value). Series with fewer than two samples
 * are skipped.
 *
 * <p>A caller that both keeps the model and forecasts the series it was fitted on can do both in
 * one pass with {@link #fitAndForecast} over series it gathered itself ({@link #points}), alongside
 * its own per-series aggregates, and take the model from that pass's output ({@link #model}).
 */
public final class Forecaster extends Estimator<ForecasterModel> implements ForecasterParams {
  private static final long serialVersionUID = 1L;
  private final String uid;

  /** The column of {@link #fitAndForecast}'s input holding a series' samples ({@link #points}). */
  public static final String POINTS = SeriesFrames.POINTS;

  private static final String ORIGIN_SECONDS = "__origin_s";

  public Forecaster() {
    this(Identifiable.randomUID("forecaster"));
  }

  public Forecaster(String uid) {
    this.uid = uid;
    setForecasterDefaults();
  }

  @Override
  public String uid() {
    return uid;
  }

  public Forecaster setSeriesCol(String v) {
    set(seriesCol(), v);
    return this;
  }

  public Forecaster setTimeCol(String v) {
    set(timeCol(), v);
    return this;
  }

  public Forecaster setValueCol(String v) {
    set(valueCol(), v);
    return this;
  }

  public Forecaster setStepSeconds(int v) {
    set(stepSeconds(), v);
    return this;
  }

  public Forecaster setSeason(int v) {
    set(season(), v);
    return this;
  }

  public Forecaster setLongSeason(int v) {
    set(longSeason(), v);
    return this;
  }

  public Forecaster setHorizon(int v) {
    set(horizon(), v);
    return this;
  }

  public Forecaster setBacktestHorizon(int v) {
    set(backtestHorizon(), v);
    return this;
  }

  public Forecaster setOrigins(int v) {
    set(origins(), v);
    return this;
  }

  public Forecaster setOriginStep(int v) {
    set(originStep(), v);
    return this;
  }

  public Forecaster setCombineTop(int v) {
    set(combineTop(), v);
    return this;
  }

  public Forecaster setAdjustLevelShifts(boolean v) {
    set(adjustLevelShifts(), v);
    return this;
  }

  public Forecaster setMaxFitLength(int v) {
    set(maxFitLength(), v);
    return this;
  }

  @Override
  public ForecasterModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    ForecastOptions opts = forecastOptions();
    int step = getStepSeconds();
    int keep = SeriesFrames.historyToKeep(opts);
    StructType schema = SeriesFrames.fitSchema(getSeriesCol());
    Dataset<Row> fits =
        SeriesFrames.gather(dataset.toDF(), this)
            .mapPartitions(
                (MapPartitionsFunction<Row, Row>) rows -> fitAll(rows, opts, step, keep),
                Encoders.row(schema))
            .persist(StorageLevel.MEMORY_AND_DISK());
    fits.count();
    return copyValues(new ForecasterModel(uid, fits).setParent(this), ParamMap.empty());
  }

  /**
   * The aggregate that gathers a series' samples (rows with a time and a value) into the {@link
   * #POINTS} column {@link #fitAndForecast} reads: {@code groupBy(series).agg(points(ts,
   * value).as(POINTS), ...)}.
   */
  public static Column points(Column time, Column value) {
    return collect_list(
        when(
            time.isNotNull().and(value.isNotNull()),
            struct(
                unix_seconds(time.cast("timestamp")).as(SeriesFrames.T),
                value.cast("double").as(SeriesFrames.V))));
  }

  /**
   * Fits every gathered series and forecasts it with its fit in the same pass: what {@link #fit}
   * then {@link ForecasterModel#transform} on the same series return, without gathering the series
   * twice or joining the fits back. Lazy; persist the result when it is read more than once (the
   * model and the forecasts).
   *
   * @param gathered one row a series: the series key, {@link #POINTS} ({@link #points}) and any
   *     other columns, which are carried through
   * @return one row a series with at least two finite values: the other input columns, then the
   *     columns of the model's data ({@link ForecasterModel#fits}, but the key) and those of {@link
   *     ForecasterModel#transform} (but the key and {@code backtest_mase}, which both share)
   */
  public Dataset<Row> fitAndForecast(Dataset<?> gathered) {
    StructType in = gathered.schema();
    InputColumns.require(in, "forecaster", getSeriesCol(), InputColumns.STRING);
    InputColumns.require(in, "forecaster", POINTS, GATHERED_POINTS);
    StructType fitSchema = SeriesFrames.fitSchema(getSeriesCol());
    StructType fcSchema =
        copyValues(new ForecasterModel(uid, null), ParamMap.empty()).forecastSchema();
    List<StructField> out = new ArrayList<>();
    int[] carried = carriedColumns(in);
    for (int i : carried) {
      out.add(in.fields()[i]);
    }
    out.addAll(Arrays.asList(fitSchema.fields()).subList(1, fitSchema.size()));
    for (StructField f : fcSchema.fields()) {
      if (!f.name().equals(getSeriesCol()) && !f.name().equals(ForecasterModel.BACKTEST_MASE)) {
        out.add(f);
      }
    }
    out.add(DataTypes.createStructField(ORIGIN_SECONDS, DataTypes.LongType, false));
    ForecastOptions opts = forecastOptions();
    int step = getStepSeconds();
    int keep = SeriesFrames.historyToKeep(opts);
    int horizon = getHorizon();
    int key = in.fieldIndex(getSeriesCol());
    int points = in.fieldIndex(POINTS);
    return gathered
        .toDF()
        .mapPartitions(
            (MapPartitionsFunction<Row, Row>)
                rows -> fitAndForecastAll(rows, opts, step, keep, horizon, key, points, carried),
            Encoders.row(new StructType(out.toArray(new StructField[0]))))
        .withColumn(ForecasterModel.ORIGIN, timestamp_seconds(col(ORIGIN_SECONDS)))
        .drop(ORIGIN_SECONDS);
  }

  /**
   * The model whose data are the fit columns of a {@link #fitAndForecast} result (the same model
   * {@link #fit} returns on those series). Persist that result first, or each use of the model fits
   * again.
   */
  public ForecasterModel model(Dataset<Row> fittedAndForecast) {
    Dataset<Row> fits =
        fittedAndForecast.select(
            Arrays.stream(SeriesFrames.fitSchema(getSeriesCol()).fieldNames())
                .map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new));
    return copyValues(new ForecasterModel(uid, fits).setParent(this), ParamMap.empty());
  }

  private static final InputColumns.Kind GATHERED_POINTS =
      new InputColumns.Kind(
          "array<struct<t:bigint,v:double>>",
          t -> t.simpleString().equals("array<struct<t:bigint,v:double>>"));

  private int[] carriedColumns(StructType in) {
    return java.util.stream.IntStream.range(0, in.size())
        .filter(i -> !in.fields()[i].name().equals(POINTS))
        .toArray();
  }

  /**
   * Fits and forecasts a partition's series one at a time, as the consumer pulls rows (a task holds
   * one series' paths at a time, as {@link ForecasterModel#transform} does).
   */
  private static Iterator<Row> fitAndForecastAll(
      Iterator<Row> rows,
      ForecastOptions opts,
      int step,
      int keep,
      int horizon,
      int key,
      int points,
      int[] carried) {
    SeriesForecaster core = new SeriesForecaster(opts);
    return new Iterator<>() {
      private Row next = advance();

      private Row advance() {
        while (rows.hasNext()) {
          Row r = rows.next();
          List<Row> pts = r.getList(points);
          if (pts.isEmpty()) {
            continue;
          }
          SeriesFrames.Grid g = SeriesFrames.toGrid(pts, step, keep);
          if (countFinite(g.values()) < 2) {
            continue;
          }
          String series = r.getString(key);
          SeriesFit fit = core.fit(g.values());
          Row fitRow = SeriesFrames.toRow(series, fit);
          Object[] fc = ForecasterModel.forecastValues(core, series, fit, g, horizon);
          List<Object> v = new ArrayList<>(carried.length + fitRow.size() + fc.length);
          for (int i : carried) {
            v.add(r.get(i));
          }
          for (int i = 1; i < fitRow.size(); i++) {
            v.add(fitRow.get(i));
          }
          for (int i = 1; i < fc.length; i++) {
            if (i != 3) {
              v.add(fc[i]);
            }
          }
          return RowFactory.create(v.toArray());
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

  private static Iterator<Row> fitAll(
      Iterator<Row> rows, ForecastOptions opts, int step, int keep) {
    SeriesForecaster core = new SeriesForecaster(opts);
    List<Row> out = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      SeriesFrames.Grid g = SeriesFrames.toGrid(r.getList(1), step, keep);
      if (countFinite(g.values()) < 2) {
        continue;
      }
      out.add(SeriesFrames.toRow(r.getString(0), core.fit(g.values())));
    }
    return out.iterator();
  }

  static int countFinite(double[] v) {
    int c = 0;
    for (double d : v) {
      if (Double.isFinite(d)) {
        c++;
      }
    }
    return c;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    SeriesFrames.validate(schema, this);
    return SeriesFrames.fitSchema(getSeriesCol());
  }

  @Override
  public Forecaster copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}
