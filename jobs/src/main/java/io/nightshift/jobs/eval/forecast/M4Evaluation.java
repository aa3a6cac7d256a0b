package io.nightshift.jobs.eval.forecast;

import io.nightshift.models.forecast.ForecastOptions;
import io.nightshift.models.forecast.ForecastPaths;
import io.nightshift.models.forecast.SeriesForecaster;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the per-series forecasting core over M4-style series, on a local thread pool, and scores it
 * against held-out tails. The held-out tail is used for scoring only: the model sees the training
 * part alone.
 */
public final class M4Evaluation {

  /** Outcome: forecasts and bounds per series (input order), scores, CPU time. */
  public record Result(
      double[][] forecast,
      double[][] lower95,
      double[][] upper95,
      ForecastScores model,
      ForecastScores seasonalNaive,
      double cpuSeconds,
      double wallSeconds,
      Map<String, Integer> chosenModels) {

    /** Series per CPU-second of fit + select + forecast. */
    public double seriesPerCoreSecond() {
      return forecast.length / Math.max(cpuSeconds, 1e-9);
    }
  }

  private M4Evaluation() {}

  /**
   * Forecasts {@code horizon} steps after each training series.
   *
   * @param train the training series
   * @param actuals the held-out tails, aligned with {@code train} (null: no scoring)
   * @param threads worker threads
   */
  public static Result run(
      List<M4File.Series> train,
      double[][] actuals,
      int horizon,
      ForecastOptions options,
      int threads) {
    int n = train.size();
    double[][] f = new double[n][];
    double[][] lo = new double[n][];
    double[][] hi = new double[n][];
    String[] models = new String[n];
    SeriesForecaster core = new SeriesForecaster(options);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    AtomicLong cpuNanos = new AtomicLong();
    long wall0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      int chunk = (n + threads - 1) / threads;
      Future<?>[] futures = new Future<?>[threads];
      for (int w = 0; w < threads; w++) {
        int from = w * chunk;
        int to = Math.min(n, from + chunk);
        futures[w] =
            pool.submit(
                () -> {
                  long c0 = mx.getCurrentThreadCpuTime();
                  for (int i = from; i < to; i++) {
                    ForecastPaths p = core.forecast(train.get(i).values(), horizon);
                    f[i] = p.point();
                    lo[i] = p.lower95();
                    hi[i] = p.upper95();
                    models[i] = p.model();
                  }
                  cpuNanos.addAndGet(mx.getCurrentThreadCpuTime() - c0);
                });
      }
      for (Future<?> fu : futures) {
        fu.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("forecasting failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdown();
    }
    double wall = (System.nanoTime() - wall0) / 1e9;
    ForecastScores scores = null;
    ForecastScores naive = null;
    if (actuals != null) {
      int m = options.season();
      scores = new ForecastScores(m);
      naive = new ForecastScores(m);
      for (int i = 0; i < n; i++) {
        double[] y = train.get(i).values();
        scores.add(y, actuals[i], f[i], lo[i], hi[i]);
        double[] sn = new double[horizon];
        for (int h = 0; h < horizon; h++) {
          sn[h] = y[y.length - m + (h % m)];
        }
        naive.add(y, actuals[i], sn, null, null);
      }
    }
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (String s : models) {
      for (String part : s.split("\\+")) {
        counts.merge(part, 1, Integer::sum);
      }
    }
    return new Result(f, lo, hi, scores, naive, cpuNanos.get() / 1e9, wall, counts);
  }

  /** Splits each series into training part and its last {@code holdout} points. */
  public static double[][] splitHoldout(
      List<M4File.Series> all, int holdout, List<M4File.Series> train) {
    double[][] tails = new double[all.size()][];
    for (int i = 0; i < all.size(); i++) {
      double[] v = all.get(i).values();
      if (v.length <= holdout) {
        throw new IllegalArgumentException(
            "series "
                + all.get(i).id()
                + " has "
                + v.length
                + " points, not more than --holdout "
                + holdout);
      }
      train.add(new M4File.Series(all.get(i).id(), Arrays.copyOf(v, v.length - holdout)));
      tails[i] = Arrays.copyOfRange(v, v.length - holdout, v.length);
    }
    return tails;
  }
}
