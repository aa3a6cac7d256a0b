package io.nightshift.models.risk;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The mean, population standard deviation and population covariance with a label of many feature
 * columns, in one pass: each partition folds its rows into a small buffer per feature, and the
 * driver merges the buffers in partition order. The arithmetic is that of Spark SQL's {@code avg},
 * {@code stddev_pop} and {@code covar_pop} (a running sum and count; Welford's online moments and
 * co-moments, merged pairwise), applied in the same order, so the figures are those an {@code
 * agg(...)} of the three functions per feature gives on the same partitions. One {@code agg} of
 * hundreds of aggregate functions is slow to generate and run (no whole-stage code generation past
 * a hundred fields) and takes two Spark jobs; this takes one and a few milliseconds per partition.
 * Nulls are skipped as the SQL functions skip them.
 */
final class FeatureMoments implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] sum;
  private final long[] count;
  private final double[] n;
  private final double[] avg;
  private final double[] m2;
  private final double[] cn;
  private final double[] xAvg;
  private final double[] yAvg;
  private final double[] ck;

  private FeatureMoments(int k) {
    sum = new double[k];
    count = new long[k];
    n = new double[k];
    avg = new double[k];
    m2 = new double[k];
    cn = new double[k];
    xAvg = new double[k];
    yAvg = new double[k];
    ck = new double[k];
  }

  /**
   * Measures every feature of {@code rows} against {@code labelCol} (numeric columns, read as
   * doubles).
   */
  static FeatureMoments measure(Dataset<Row> rows, List<String> features, String labelCol) {
    int k = features.size();
    List<Column> cols = new ArrayList<>();
    for (String f : features) {
      cols.add(rows.col(f).cast("double"));
    }
    cols.add(rows.col(labelCol).cast("double"));
    List<FeatureMoments> parts =
        rows.select(cols.toArray(new Column[0]))
            .javaRDD()
            .mapPartitions(
                (FlatMapFunction<Iterator<Row>, FeatureMoments>)
                    it -> List.of(fold(it, k)).iterator())
            .collect();
    FeatureMoments total = new FeatureMoments(k);
    for (FeatureMoments p : parts) {
      total.merge(p);
    }
    return total;
  }

  private static FeatureMoments fold(Iterator<Row> rows, int k) {
    FeatureMoments m = new FeatureMoments(k);
    while (rows.hasNext()) {
      Row r = rows.next();
      boolean labelNull = r.isNullAt(k);
      double y = labelNull ? 0 : r.getDouble(k);
      for (int i = 0; i < k; i++) {
        if (r.isNullAt(i)) {
          m.sum[i] = m.sum[i] + 0.0;
          continue;
        }
        double x = r.getDouble(i);
        m.update(i, x, labelNull, y);
      }
    }
    return m;
  }

  private void update(int i, double x, boolean labelNull, double y) {
    sum[i] = sum[i] + x;
    count[i] = count[i] + 1;

    double newN = n[i] + 1.0;
    double delta = x - avg[i];
    double deltaN = delta / newN;
    double newAvg = avg[i] + deltaN;
    double newM2 = m2[i] + delta * (delta - deltaN);
    n[i] = newN;
    avg[i] = newAvg;
    m2[i] = newM2;

    if (labelNull) {
      return;
    }
    double newCn = cn[i] + 1.0;
    double dx = x - xAvg[i];
    double dy = y - yAvg[i];
    double dyN = dy / newCn;
    double newXAvg = xAvg[i] + dx / newCn;
    double newYAvg = yAvg[i] + dyN;
    double newCk = ck[i] + dx * (y - newYAvg);
    cn[i] = newCn;
    xAvg[i] = newXAvg;
    yAvg[i] = newYAvg;
    ck[i] = newCk;
  }

  private void merge(FeatureMoments o) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] = sum[i] + o.sum[i];
      count[i] = count[i] + o.count[i];

      double n1 = n[i];
      double n2 = o.n[i];
      double newN = n1 + n2;
      double delta = o.avg[i] - avg[i];
      double deltaN = newN == 0.0 ? 0.0 : delta / newN;
      double newAvg = avg[i] + deltaN * n2;
      double newM2 = m2[i] + o.m2[i] + delta * deltaN * n1 * n2;
      n[i] = newN;
      avg[i] = newAvg;
      m2[i] = newM2;

      double c1 = cn[i];
      double c2 = o.cn[i];
      double newCn = c1 + c2;
      double dx = o.xAvg[i] - xAvg[i];
      double dxN = newCn == 0.0 ? 0.0 : dx / newCn;
      double dy = o.yAvg[i] - yAvg[i];
      double dyN = newCn == 0.0 ? 0.0 : dy / newCn;
      double newXAvg = xAvg[i] + dxN * c2;
      double newYAvg = yAvg[i] + dyN * c2;
      double newCk = ck[i] + o.ck[i] + dx * dyN * c1 * c2;
      cn[i] = newCn;
      xAvg[i] = newXAvg;
      yAvg[i] = newYAvg;
      ck[i] = newCk;
    }
  }

  /** {@code avg} of feature i, null when it had no value. */
  Double mean(int i) {
    return count[i] == 0 ? null : sum[i] / (double) count[i];
  }

  /** {@code stddev_pop} of feature i, null when it had no value. */
  Double stddevPop(int i) {
    return n[i] == 0.0 ? null : Math.sqrt(m2[i] / n[i]);
  }

  /** {@code covar_pop} of feature i with the label, null when no row had both. */
  Double covariancePop(int i) {
    return cn[i] == 0.0 ? null : ck[i] / cn[i];
  }
}
