package io.nightshift.models.forecast;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Chooses and fits a forecasting model per series, in parallel across the cluster: Spark gathers
 * each series (one row of samples per series key), and the plain-Java core ({@link
 * SeriesForecaster}) backtests the candidates from rolling origins, picks the best model or
 * combination, calibrates its intervals and refits it. Input: one row a sample (series key,
 * timestamp on a regular grid of {@code stepSeconds}, value). Series with fewer than two samples
 * are skipped.
 */
public final class Forecaster extends Estimator<ForecasterModel> implements ForecasterParams {
  private static final long serialVersionUID = 1L;
  private final String uid;

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
