package io.nightshift.models.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The plain-Java forecasting core for one regularly sampled series (missing steps as NaN): cleans
 * it ({@link SeriesPrep}), backtests every applicable candidate from several rolling origins near
 * the end, picks the candidate or equal-weight combination of the top candidates with the lowest
 * MASE-scaled backtest error, calibrates prediction intervals on the chosen forecast's backtest
 * errors ({@link IntervalModel}), and refits the choice on the whole series.
 */
public final class SeriesForecaster {
  private final ForecastOptions options;

  public SeriesForecaster(ForecastOptions options) {
    this.options = options;
  }

  public ForecastOptions options() {
    return options;
  }

  /** Fits and forecasts in one go. */
  public ForecastPaths forecast(double[] raw, int horizon) {
    double[] y = prepare(raw);
    return forecastPrepared(fitPrepared(y, raw), y, horizon);
  }

  /**
   * Chooses and fits a model for the series.
   *
   * @throws IllegalArgumentException if the series has fewer than two observations
   */
  public SeriesFit fit(double[] raw) {
    return fitPrepared(prepare(raw), raw);
  }

  /** Forecasts {@code horizon} steps after the series' last observation with a fitted choice. */
  public ForecastPaths forecast(SeriesFit fit, double[] raw, int horizon) {
    return forecastPrepared(fit, prepare(raw), horizon);
  }

  private double[] prepare(double[] raw) {
    double[] y = SeriesPrep.fillGaps(raw, options.season());
    if (options.adjustLevelShifts()) {
      y = SeriesPrep.sinceLastReset(y, options.season(), options.longSeason());
    }
    if (y.length < 2) {
      throw new IllegalArgumentException("a series needs at least 2 observations, had " + y.length);
    }
    return y;
  }

  private int seasonFor(int n) {
    int m = options.season();
    return (m > 1 && n >= 3 * m) ? m : 1;
  }

  private SeriesFit fitPrepared(double[] y, double[] raw) {
    int shifts =
        options.adjustLevelShifts()
            ? SeriesPrep.adjustLevelShifts(y, options.season(), options.longSeason())
            : 0;
    boolean nonNegative = SeriesMath.min(y, 0, y.length) >= 0;
    int n = y.length;
    int m = seasonFor(n);
    int minTrain = Math.max(6, 2 * m + 2);
    int hb = Math.min(options.backtestHorizon(), Math.max(0, n - minTrain));
    int k = options.origins();
    int step = options.originStep();
    while (k > 1 && n - hb - (k - 1) * step < minTrain) {
      k--;
    }
    if (hb < 1) {
      Candidate c = SimpleCandidates.seasonalNaive(1);
      return new SeriesFit(
          new String[] {c.name()},
          new double[][] {c.fit(y, n)},
          IntervalModel.randomWalk(y),
          Double.NaN,
          nonNegative,
          shifts);
    }
    int n0 = n - hb - (k - 1) * step;
    double scale = SeriesMath.seasonalScale(y, 0, n0, m);
    boolean positive = SeriesMath.min(y, 0, n) > 0;
    List<Candidate> cands = new ArrayList<>();
    List<double[][]> fcs = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    for (Candidate c : Candidates.all(options, m, positive)) {
      if (c.minLength() > n0) {
        continue;
      }
      double[] p = c.fit(y, n0);
      if (p == null) {
        continue;
      }
      double[][] f = new double[k][hb];
      double err = 0;
      for (int j = 0; j < k; j++) {
        int o = n0 + j * step;
        c.forecast(y, o, hb, p, f[j]);
        for (int i = 0; i < hb; i++) {
          err += Math.abs(y[o + i] - clip(f[j][i], nonNegative));
        }
      }
      double score = err / (k * hb) / scale;
      if (Double.isFinite(score)) {
        cands.add(c);
        fcs.add(f);
        scores.add(score);
      }
    }
    Integer[] order = new Integer[cands.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores.get(a), scores.get(b)));
    int top = Math.min(options.combineTop(), order.length);
    double[][] chosen = fcs.get(order[0]);
    int members = 1;
    double best = scores.get(order[0]);
    double[][] comboForecast = null;
    if (top > 1) {
      double[][] combo = new double[k][hb];
      double err = 0;
      for (int j = 0; j < k; j++) {
        for (int i = 0; i < hb; i++) {
          double s = 0;
          for (int r = 0; r < top; r++) {
            s += fcs.get(order[r])[j][i];
          }
          combo[j][i] = s / top;
          err += Math.abs(y[n0 + j * step + i] - clip(combo[j][i], nonNegative));
        }
      }
      double score = err / (k * hb) / scale;
      comboForecast = combo;
      if (score < best) {
        best = score;
        chosen = combo;
        members = top;
      }
    }
    double[][] e = new double[k][hb];
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < hb; i++) {
        e[j][i] = y[n0 + j * step + i] - clip(chosen[j][i], nonNegative);
      }
    }
    double inflation =
        selectionInflation(y, fcs, order, e, comboForecast, n0, step, k, hb, nonNegative);
    double[] phase = IntervalModel.phaseProfile(y, n0, m, options.maxFitLength());
    int[] first = new int[k];
    for (int j = 0; j < k; j++) {
      first[j] = n0 + j * step;
    }
    String[] names = new String[members];
    double[][] params = new double[members][];
    for (int r = 0; r < members; r++) {
      Candidate c = cands.get(order[r]);
      names[r] = c.name();
      params[r] = c.fit(y, n);
    }
    return new SeriesFit(
        names,
        params,
        IntervalModel.calibrate(e, k, hb, inflation, phase, first),
        best,
        nonNegative,
        shifts);
  }

  /**
   * How much the chosen forecast's backtest errors understate its future errors because it was
   * chosen on them: the root of the mean squared backtest error of the runner-up (the best
   * remaining single candidate or combination) over that of the choice, at least 1.
   */
  private double selectionInflation(
      double[] y,
      List<double[][]> fcs,
      Integer[] order,
      double[][] e,
      double[][] combo,
      int n0,
      int step,
      int k,
      int hb,
      boolean nonNegative) {
    double chosen = meanSquare(e, null, y, n0, step, k, hb, nonNegative);
    double runnerUp = Double.MAX_VALUE;
    for (int r = 0; r < Math.min(2, order.length); r++) {
      double[][] f = fcs.get(order[r]);
      double ms = meanSquare(null, f, y, n0, step, k, hb, nonNegative);
      if (ms > chosen * (1 + 1e-12)) {
        runnerUp = Math.min(runnerUp, ms);
      }
    }
    if (combo != null) {
      double ms = meanSquare(null, combo, y, n0, step, k, hb, nonNegative);
      if (ms > chosen * (1 + 1e-12)) {
        runnerUp = Math.min(runnerUp, ms);
      }
    }
    return chosen > 0 && runnerUp < Double.MAX_VALUE ? Math.sqrt(runnerUp / chosen) : 1;
  }

  private static double meanSquare(
      double[][] e,
      double[][] f,
      double[] y,
      int n0,
      int step,
      int k,
      int hb,
      boolean nonNegative) {
    double s = 0;
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < hb; i++) {
        double d = e != null ? e[j][i] : y[n0 + j * step + i] - clip(f[j][i], nonNegative);
        s += d * d;
      }
    }
    return s / (k * hb);
  }

  private ForecastPaths forecastPrepared(SeriesFit fit, double[] y, int horizon) {
    if (options.adjustLevelShifts()) {
      SeriesPrep.adjustLevelShifts(y, options.season(), options.longSeason());
    }
    int n = y.length;
    double[] point = new double[horizon];
    double[] buf = new double[horizon];
    for (int r = 0; r < fit.members().length; r++) {
      Candidate c = Candidates.byName(fit.members()[r], options);
      double[] p = fit.params()[r];
      if (c.minLength() > n || p == null) {
        c = SimpleCandidates.seasonalNaive(1);
      }
      c.forecast(y, n, horizon, p, buf);
      for (int i = 0; i < horizon; i++) {
        point[i] += buf[i] / fit.members().length;
      }
    }
    boolean nn = fit.nonNegative();
    IntervalModel im = fit.intervals();
    double[] phase = IntervalModel.phaseProfile(y, n, seasonFor(n), options.maxFitLength());
    double[][] q = new double[IntervalModel.LEVELS.length][horizon];
    for (int i = 0; i < horizon; i++) {
      point[i] = clip(point[i], nn);
      double s = im.scale(i + 1) * phase[(n + i) % phase.length];
      for (int l = 0; l < q.length; l++) {
        q[l][i] = clip(point[i] + im.z()[l] * s, nn);
      }
    }
    return new ForecastPaths(point, q[1], q[2], q[3], q[0], q[4], fit.model(), fit.backtestMase());
  }

  private static double clip(double v, boolean nonNegative) {
    return nonNegative && v < 0 ? 0 : v;
  }
}
