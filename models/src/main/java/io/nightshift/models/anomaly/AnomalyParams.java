package io.nightshift.models.anomaly;

import io.nightshift.models.common.InputColumns;
import java.lang.reflect.RecordComponent;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.StructType;

/**
 * The params shared by {@link AnomalyDetector} and {@link AnomalyDetectorModel}: which columns hold
 * the series key, time and value, and the detector settings ({@link DetectorSettings}): one param
 * per component of that record, named like it, mapped both ways by {@link RecordParams}. Spark
 * compares params by owner and name, so creating them in default methods is safe.
 */
public interface AnomalyParams extends Params {

  /** Column naming the entity (host, instance, file) a series belongs to. Default "entity". */
  default Param<String> entityCol() {
    return new Param<>(this, "entityCol", "column naming the entity of a series (string)");
  }

  /** Column naming the metric of a series. Default "metric". */
  default Param<String> metricCol() {
    return new Param<>(this, "metricCol", "column naming the metric of a series (string)");
  }

  /** Column holding the sample time. Default "ts". */
  default Param<String> timestampCol() {
    return new Param<>(this, "timestampCol", "column holding the sample time (timestamp)");
  }

  /** Column holding the measured value. Default "value". */
  default Param<String> valueCol() {
    return new Param<>(this, "valueCol", "column holding the measured value (numeric)");
  }

  /** Level smoothing weight per point, in (0, 1]. Default 0.05. */
  default DoubleParam levelRate() {
    return new DoubleParam(
        this,
        "levelRate",
        "level smoothing weight per point",
        ParamValidators.inRange(0, 1, false, true));
  }

  /** Seasonal slot learning rate, in [0, 1]. Default 0.1. */
  default DoubleParam seasonRate() {
    return new DoubleParam(
        this,
        "seasonRate",
        "hour-of-day/week profile learning rate",
        ParamValidators.inRange(0, 1));
  }

  /** Noise scale smoothing weight per point, in (0, 1]. Default 0.02. */
  default DoubleParam scaleRate() {
    return new DoubleParam(
        this,
        "scaleRate",
        "noise scale smoothing weight",
        ParamValidators.inRange(0, 1, false, true));
  }

  /** Residuals are clipped to this many sigmas before they are learned (> 0). Default 3. */
  default DoubleParam clipSigmas() {
    return new DoubleParam(
        this, "clipSigmas", "residual clip for learning, in sigmas", ParamValidators.gt(0));
  }

  /** Consecutive same-side outliers after which the level jumps (> 0). Default 12. */
  default IntParam shiftPoints() {
    return new IntParam(
        this, "shiftPoints", "consecutive outliers that make a level shift", ParamValidators.gt(0));
  }

  /** Points averaged into the short-term anomaly measure (> 0). Default 6. */
  default IntParam shortWindow() {
    return new IntParam(
        this, "shortWindow", "points in the short-term anomaly average", ParamValidators.gt(0));
  }

  /** Memory, in points, of the distribution deviations are compared with (> 1). */
  default IntParam historyPoints() {
    return new IntParam(
        this, "historyPoints", "memory of the deviation distribution", ParamValidators.gt(1));
  }

  /** Points learned before scores are emitted (>= 10). */
  default IntParam warmupPoints() {
    return new IntParam(
        this, "warmupPoints", "points learned before scoring", ParamValidators.gtEq(10));
  }

  /** Score at or above which a point is an alert, in (0, 1]. */
  default DoubleParam alertScore() {
    return new DoubleParam(
        this, "alertScore", "alert level of the score", ParamValidators.inRange(0, 1, false, true));
  }

  /** Points after an alert during which the alert score is damped (>= 0). */
  default IntParam suppressPoints() {
    return new IntParam(
        this, "suppressPoints", "points damped after an alert", ParamValidators.gtEq(0));
  }

  /** Points whose range is learned before the novelty view scores (>= 10). Default 200. */
  default IntParam noveltyWarmupPoints() {
    return new IntParam(
        this,
        "noveltyWarmupPoints",
        "points learned before the novelty view scores",
        ParamValidators.gtEq(10));
  }

  /** Bins of the series' range that form the conditional novelty context (>= 1). Default 8. */
  default IntParam contextBins() {
    return new IntParam(
        this, "contextBins", "bins of the range used as novelty context", ParamValidators.gtEq(1));
  }

  /** Weight of the residual score against the novelty score, in [0, 1]. Default 0.75. */
  default DoubleParam residualWeight() {
    return new DoubleParam(
        this,
        "residualWeight",
        "weight of the residual score against the novelty score",
        ParamValidators.inRange(0, 1));
  }

  /** Novelty distances up to this many noise sigmas do not count (>= 0). Default 0.5. */
  default DoubleParam noveltyMarginSigmas() {
    return new DoubleParam(
        this,
        "noveltyMarginSigmas",
        "novelty distance ignored, in noise sigmas",
        ParamValidators.gtEq(0));
  }

  /** Points in the short mean absolute deviation of the likelihood view (>= 1). Default 15. */
  default IntParam likelihoodWindow() {
    return new IntParam(
        this,
        "likelihoodWindow",
        "points in the short mean absolute deviation of the likelihood view",
        ParamValidators.gtEq(1));
  }

  /** Weight of the likelihood view's score, in [0, 1] (0: off). Default 1. */
  default DoubleParam likelihoodWeight() {
    return new DoubleParam(
        this,
        "likelihoodWeight",
        "weight of the likelihood view's score (0: off)",
        ParamValidators.inRange(0, 1));
  }

  /** Points in the novelty view's long mean (>= 1; 1: off). Default 24. */
  default IntParam longMeanPoints() {
    return new IntParam(
        this,
        "longMeanPoints",
        "points in the novelty view's long mean (1: off)",
        ParamValidators.gtEq(1));
  }

  /** Weight of the long mean's novelty distance (>= 0; 0: off). Default 5. */
  default DoubleParam longMeanWeight() {
    return new DoubleParam(
        this,
        "longMeanWeight",
        "weight of the long mean's novelty distance (0: off)",
        ParamValidators.gtEq(0));
  }

  /** Sets every default (called by the constructors). */
  default void setAnomalyDefaults() {
    setDefault(entityCol(), "entity");
    setDefault(metricCol(), "metric");
    setDefault(timestampCol(), "ts");
    setDefault(valueCol(), "value");
    DetectorSettings d = DetectorSettings.defaults();
    for (RecordComponent c : RecordParams.components(DetectorSettings.class)) {
      setDefault(RecordParams.param(this, c), RecordParams.value(c, d));
    }
  }

  /**
   * Sets every detector setting: each component of {@link DetectorSettings} to the param of the
   * same name (the record is the one declaration of the settings; none can be left out).
   */
  default void setDetectorSettings(DetectorSettings s) {
    for (RecordComponent c : RecordParams.components(DetectorSettings.class)) {
      set(RecordParams.param(this, c), RecordParams.value(c, s));
    }
  }

  /** The detector settings these params describe (every component read from its param). */
  default DetectorSettings detectorSettings() {
    RecordComponent[] cs = RecordParams.components(DetectorSettings.class);
    Object[] values = new Object[cs.length];
    for (int i = 0; i < cs.length; i++) {
      values[i] = getOrDefault(RecordParams.param(this, cs[i]));
    }
    return RecordParams.build(DetectorSettings.class, values);
  }

  /** The input reduced to the canonical (entity, metric, ts, value as double). */
  default org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> canonical(
      org.apache.spark.sql.Dataset<?> dataset) {
    return dataset.select(
        org.apache.spark.sql.functions.col(col(entityCol())).as("entity"),
        org.apache.spark.sql.functions.col(col(metricCol())).as("metric"),
        org.apache.spark.sql.functions.col(col(timestampCol())).as("ts"),
        org.apache.spark.sql.functions.col(col(valueCol())).cast("double").as("value"));
  }

  /** The value of a string param. */
  default String col(Param<String> p) {
    return getOrDefault(p);
  }

  /**
   * Checks the input columns: key columns string, time a timestamp, value numeric. Fails naming the
   * column, the expected and the actual type.
   */
  default void validateInput(StructType schema) {
    InputColumns.require(schema, "anomaly detector", col(entityCol()), InputColumns.STRING);
    InputColumns.require(schema, "anomaly detector", col(metricCol()), InputColumns.STRING);
    InputColumns.require(schema, "anomaly detector", col(timestampCol()), InputColumns.TIMESTAMP);
    InputColumns.require(schema, "anomaly detector", col(valueCol()), InputColumns.NUMERIC);
  }
}
