package io.nightshift.models.anomaly;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The fitted state of each series as rows (the model's Parquet {@code data/}), and the per-group
 * functions Spark runs: learning a series and scoring a series from its state.
 */
final class DetectorStates {
  private DetectorStates() {}

  /** One fitted series: key, points learned, last time learned, counter flag, detector bytes. */
  static final StructType STATE_SCHEMA =
      new StructType()
          .add("entity", DataTypes.StringType, false)
          .add("metric", DataTypes.StringType, false)
          .add("points", DataTypes.LongType, false)
          .add("last_ts", DataTypes.TimestampType, true)
          .add("counter", DataTypes.BooleanType, false)
          .add("state", DataTypes.BinaryType, false);

  static byte[] toBytes(SeriesDetector d) {
    try (ByteArrayOutputStream bos = new ByteArrayOutputStream();
        ObjectOutputStream out = new ObjectOutputStream(bos)) {
      out.writeObject(d);
      out.flush();
      return bos.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise a series detector", e);
    }
  }

  static SeriesDetector fromBytes(byte[] b) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
      return (SeriesDetector) in.readObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a series detector state", e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("incompatible series detector state", e);
    }
  }

  /** The key rows are grouped by. */
  static String key(String entity, String metric) {
    return entity + '\u0000' + metric;
  }

  /**
   * Input rows (entity, metric, ts, value) sorted by time, nulls dropped; points of one time stamp
   * by value, so the order (and the state learned) does not depend on the order rows arrive in.
   */
  static List<Row> sortedPoints(Iterator<Row> rows) {
    List<Row> list = new ArrayList<>();
    rows.forEachRemaining(
        r -> {
          if (!r.isNullAt(2) && !r.isNullAt(3)) {
            list.add(r);
          }
        });
    list.sort(
        Comparator.<Row, Timestamp>comparing(r -> r.getTimestamp(2))
            .thenComparingDouble(r -> ((Number) r.get(3)).doubleValue()));
    return list;
  }

  /**
   * One series' points as rows (entity, metric, ts, value) sorted by time, nulls dropped, from a
   * grouped row (entity, metric, points: array of (ts, value)).
   */
  static List<Row> sortedSeries(Row grouped) {
    String entity = grouped.getString(0);
    String metric = grouped.getString(1);
    List<Row> points = grouped.getList(2);
    return sortedPoints(
        points.stream().map(p -> RowFactory.create(entity, metric, p.get(0), p.get(1))).iterator());
  }

  /** Learns one series from scratch (or continues {@code d}) and returns its state row. */
  static Row learn(SeriesDetector d, List<Row> points) {
    String entity = points.get(0).getString(0);
    String metric = points.get(0).getString(1);
    for (Row r : points) {
      d.update(r.getTimestamp(2).getTime(), ((Number) r.get(3)).doubleValue());
    }
    Timestamp last = d.lastTimestamp() == Long.MIN_VALUE ? null : new Timestamp(d.lastTimestamp());
    return RowFactory.create(entity, metric, d.count(), last, d.isCounter(), toBytes(d));
  }
}
