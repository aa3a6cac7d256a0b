package io.nightshift.models.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_seconds;

import io.nightshift.models.common.InputColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark side of the forecaster: validates the input schema, gathers each series into one row
 * (Spark does the shuffle), turns a gathered row into the regular array the core works on, and
 * converts {@link SeriesFit}s to and from rows of the model's data.
 */
final class SeriesFrames {
  static final String POINTS = "points";
  static final String T = "t";
  static final String V = "v";

  private SeriesFrames() {}

  /** Fails unless the input has the series, time and value columns with usable types. */
  static void validate(StructType schema, ForecasterParams p) {
    InputColumns.require(schema, "forecaster", p.getSeriesCol(), InputColumns.STRING);
    InputColumns.require(schema, "forecaster", p.getTimeCol(), InputColumns.ANY_TIMESTAMP);
    InputColumns.require(schema, "forecaster", p.getValueCol(), InputColumns.NUMERIC);
  }

  /** One row a series: the series key and its (epoch second, value) samples. */
  static Dataset<Row> gather(Dataset<Row> input, ForecasterParams p) {
    return input
        .where(col(p.getValueCol()).isNotNull().and(col(p.getTimeCol()).isNotNull()))
        .groupBy(col(p.getSeriesCol()))
        .agg(
            collect_list(
                    struct(
                        unix_seconds(col(p.getTimeCol()).cast("timestamp")).as(T),
                        col(p.getValueCol()).cast("double").as(V)))
                .as(POINTS));
  }

  /** A gathered series on its regular grid. */
  record Grid(double[] values, long lastEpochSecond) {}

  /**
   * The samples of a gathered row on a grid of {@code step} seconds (averaging samples in one step,
   * NaN for missing steps), keeping at most the most recent {@code keep} steps.
   */
  static Grid toGrid(List<Row> points, int step, int keep) {
    int n = points.size();
    long[] t = new long[n];
    double[] v = new double[n];
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      Row r = points.get(i);
      t[i] = Math.floorDiv(r.getLong(0), step);
      v[i] = r.getDouble(1);
      min = Math.min(min, t[i]);
      max = Math.max(max, t[i]);
    }
    long first = Math.max(min, max - keep + 1);
    int len = (int) (max - first + 1);
    double[] sum = new double[len];
    int[] cnt = new int[len];
    for (int i = 0; i < n; i++) {
      if (t[i] >= first && Double.isFinite(v[i])) {
        int k = (int) (t[i] - first);
        sum[k] += v[i];
        cnt[k]++;
      }
    }
    for (int k = 0; k < len; k++) {
      sum[k] = cnt[k] > 0 ? sum[k] / cnt[k] : Double.NaN;
    }
    return new Grid(sum, max * step);
  }

  /** Steps of history the core can use with these options (older samples are dropped). */
  static int historyToKeep(ForecastOptions o) {
    return o.maxFitLength()
        + o.backtestHorizon()
        + (o.origins() - 1) * o.originStep()
        + 2 * Math.max(o.season(), o.longSeason());
  }

  /** Schema of the model's data: one row a series. */
  static StructType fitSchema(String seriesCol) {
    return new StructType(
        new StructField[] {
          DataTypes.createStructField(seriesCol, DataTypes.StringType, false),
          DataTypes.createStructField(
              "members", DataTypes.createArrayType(DataTypes.StringType), false),
          DataTypes.createStructField("params", DataTypes.createArrayType(doubles()), false),
          DataTypes.createStructField("intervals", doubles(), false),
          DataTypes.createStructField("backtest_mase", DataTypes.DoubleType, true),
          DataTypes.createStructField("non_negative", DataTypes.BooleanType, false),
          DataTypes.createStructField("level_shifts", DataTypes.IntegerType, false)
        });
  }

  private static ArrayType doubles() {
    return DataTypes.createArrayType(DataTypes.DoubleType);
  }

  static Row toRow(String series, SeriesFit f) {
    List<Object> params = new ArrayList<>();
    for (double[] p : f.params()) {
      params.add(boxed(p));
    }
    IntervalModel im = f.intervals();
    double[] iv = new double[3 + im.z().length];
    iv[0] = im.a();
    iv[1] = im.b();
    iv[2] = im.c();
    System.arraycopy(im.z(), 0, iv, 3, im.z().length);
    return RowFactory.create(
        series,
        seq(Arrays.asList(f.members())),
        seq(params),
        boxed(iv),
        Double.isNaN(f.backtestMase()) ? null : f.backtestMase(),
        f.nonNegative(),
        f.shifts());
  }

  /** Reads a {@link SeriesFit} from the fit columns starting at {@code at}. */
  static SeriesFit fromRow(Row r, int at) {
    List<String> members = r.getList(at);
    List<Object> params = r.getList(at + 1);
    double[][] ps = new double[params.size()][];
    for (int i = 0; i < ps.length; i++) {
      ps[i] = unboxed(params.get(i));
    }
    double[] ivs = unboxed(r.getList(at + 2));
    IntervalModel im =
        new IntervalModel(ivs[0], ivs[1], ivs[2], Arrays.copyOfRange(ivs, 3, ivs.length));
    double mase = r.isNullAt(at + 3) ? Double.NaN : r.getDouble(at + 3);
    return new SeriesFit(
        members.toArray(new String[0]), ps, im, mase, r.getBoolean(at + 4), r.getInt(at + 5));
  }

  /** A Scala sequence of the boxed values (what Spark's row encoder takes for an array). */
  static scala.collection.immutable.Seq<Object> boxed(double[] a) {
    List<Object> l = new ArrayList<>(a.length);
    for (double d : a) {
      l.add(d);
    }
    return seq(l);
  }

  static <T> scala.collection.immutable.Seq<T> seq(List<T> l) {
    return scala.jdk.javaapi.CollectionConverters.asScala(l).toList();
  }

  /** The values of an array cell, read as a Java list or a Scala sequence. */
  @SuppressWarnings("unchecked")
  static double[] unboxed(Object cell) {
    List<Object> l =
        cell instanceof List
            ? (List<Object>) cell
            : scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<Object>) cell);
    double[] a = new double[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = ((Number) l.get(i)).doubleValue();
    }
    return a;
  }
}
