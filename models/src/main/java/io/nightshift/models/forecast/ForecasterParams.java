package io.nightshift.models.forecast;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The params shared by {@link Forecaster} and {@link ForecasterModel}: the input columns (one row a
 * sample of a regularly sampled series) and the forecasting options ({@link ForecastOptions}).
 * Spark compares params by owner and name, so creating them in default methods is safe.
 */
public interface ForecasterParams extends Params {

  /** Column naming the series a sample belongs to (string). Default "series". */
  default Param<String> seriesCol() {
    return new Param<>(this, "seriesCol", "column naming the series of a sample (string)");
  }

  /** Column holding the sample time (timestamp), on a grid of {@link #stepSeconds}. */
  default Param<String> timeCol() {
    return new Param<>(this, "timeCol", "column holding the sample time (timestamp)");
  }

  /** Column holding the value (numeric). Default "value". */
  default Param<String> valueCol() {
    return new Param<>(this, "valueCol", "column holding the sample value (numeric)");
  }

  /** Seconds between samples (> 0). Default 3600 (hourly); missing steps are gaps. */
  default IntParam stepSeconds() {
    return new IntParam(this, "stepSeconds", "seconds between samples", ParamValidators.gt(0));
  }

  /** Daily seasonal period in steps (>= 1; 1 for none). Default 24. */
  default IntParam season() {
    return new IntParam(this, "season", "short seasonal period in steps", ParamValidators.gtEq(1));
  }

  /** Weekly seasonal period in steps (>= 0; 0 for none). Default 168. */
  default IntParam longSeason() {
    return new IntParam(
        this, "longSeason", "long seasonal period in steps (0: none)", ParamValidators.gtEq(0));
  }

  /** Steps forecast by {@code transform} (>= 1). Default 48. */
  default IntParam horizon() {
    return new IntParam(this, "horizon", "steps to forecast", ParamValidators.gtEq(1));
  }

  /** Steps forecast from each backtest origin when choosing a model (>= 1). Default 48. */
  default IntParam backtestHorizon() {
    return new IntParam(
        this, "backtestHorizon", "steps forecast per backtest origin", ParamValidators.gtEq(1));
  }

  /** Rolling backtest origins (>= 1). Default 12. */
  default IntParam origins() {
    return new IntParam(this, "origins", "rolling backtest origins", ParamValidators.gtEq(1));
  }

  /** Steps between backtest origins (>= 1). Default 24. */
  default IntParam originStep() {
    return new IntParam(
        this, "originStep", "steps between backtest origins", ParamValidators.gtEq(1));
  }

  /** Size of the top-candidate combination tried (>= 1; 1: single models only). Default 3. */
  default IntParam combineTop() {
    return new IntParam(
        this, "combineTop", "top candidates combined (1: none)", ParamValidators.gtEq(1));
  }

  /** Whether level shifts and resets are detected and aligned. Default true. */
  default BooleanParam adjustLevelShifts() {
    return new BooleanParam(this, "adjustLevelShifts", "align level shifts and resets");
  }

  /** Most recent steps each candidate is fitted on (>= 8). Default 1008 (six weeks hourly). */
  default IntParam maxFitLength() {
    return new IntParam(
        this, "maxFitLength", "recent steps each candidate is fitted on", ParamValidators.gtEq(8));
  }

  /** Sets every default (called by the constructors). */
  default void setForecasterDefaults() {
    ForecastOptions d = ForecastOptions.hourly();
    setDefault(seriesCol(), "series");
    setDefault(timeCol(), "ts");
    setDefault(valueCol(), "value");
    setDefault(stepSeconds(), 3600);
    setDefault(season(), d.season());
    setDefault(longSeason(), d.longSeason());
    setDefault(horizon(), 48);
    setDefault(backtestHorizon(), d.backtestHorizon());
    setDefault(origins(), d.origins());
    setDefault(originStep(), d.originStep());
    setDefault(combineTop(), d.combineTop());
    setDefault(adjustLevelShifts(), d.adjustLevelShifts());
    setDefault(maxFitLength(), d.maxFitLength());
  }

  /** The per-series options these params describe. */
  default ForecastOptions forecastOptions() {
    return new ForecastOptions(
        (Integer) getOrDefault(season()),
        (Integer) getOrDefault(longSeason()),
        (Integer) getOrDefault(backtestHorizon()),
        (Integer) getOrDefault(origins()),
        (Integer) getOrDefault(originStep()),
        (Integer) getOrDefault(combineTop()),
        (Boolean) getOrDefault(adjustLevelShifts()),
        (Integer) getOrDefault(maxFitLength()));
  }

  default String getSeriesCol() {
    return getOrDefault(seriesCol());
  }

  default String getTimeCol() {
    return getOrDefault(timeCol());
  }

  default String getValueCol() {
    return getOrDefault(valueCol());
  }

  default int getStepSeconds() {
    return (Integer) getOrDefault(stepSeconds());
  }

  default int getHorizon() {
    return (Integer) getOrDefault(horizon());
  }
}
