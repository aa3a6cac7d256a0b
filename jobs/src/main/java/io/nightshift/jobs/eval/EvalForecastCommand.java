package io.nightshift.jobs.eval;

import io.nightshift.jobs.eval.forecast.ForecastScores;
import io.nightshift.jobs.eval.forecast.M4Evaluation;
import io.nightshift.jobs.eval.forecast.M4File;
import io.nightshift.jobs.validate.BadInputException;
import io.nightshift.models.forecast.ForecastOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eval forecast}: forecasts M4-style series with the per-series forecasting core, writes the
 * M4 submission files ({@code forecast.csv}, {@code lower95.csv}, {@code upper95.csv}) and, when a
 * held-out tail is given ({@code --test} or {@code --holdout}), prints sMAPE, MASE, 95% coverage
 * and MSIS against seasonal naive, and writes them to {@code forecast_eval.json}.
 */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    description = "Backtest the forecaster on M4-style series and write M4 submission files.")
public final class EvalForecastCommand implements Callable<Integer> {

  @Option(names = "--train", required = true, paramLabel = "FILE", description = "M4 train CSV.")
  Path train;

  @Option(names = "--horizon", defaultValue = "48", description = "Steps to forecast.")
  int horizon;

  @Option(names = "--season", defaultValue = "24", description = "Seasonal period in steps.")
  int season;

  @Option(
      names = "--long-season",
      defaultValue = "-1",
      description = "Second (weekly) period; default 7 x season for season 24, else none.")
  int longSeason;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(names = "--test", paramLabel = "FILE", description = "M4 test CSV to score against.")
  Path test;

  @Option(
      names = "--holdout",
      defaultValue = "0",
      description =
          "Hold out the last N points of each series: fit on the rest, score the next --horizon"
              + " points (N > horizon leaves a validation split that never sees the final tail).")
  int holdout;

  @Option(
      names = "--origins",
      defaultValue = "12",
      description = "Rolling backtest origins per series (model choice and interval calibration).")
  int origins;

  @Option(names = "--threads", defaultValue = "0", description = "Worker threads (0: all cores).")
  int threads;

  @Option(
      names = "--no-combine",
      description = "Choose a single candidate per series (no combinations).")
  boolean noCombine;

  @Option(names = "--no-shifts", description = "Do not adjust level shifts.")
  boolean noShifts;

  @Override
  public Integer call() {
    if (holdout > 0 && test != null) {
      throw new BadInputException("give either --test or --holdout, not both");
    }
    List<M4File.Series> all = M4File.read(train);
    List<M4File.Series> fitOn = all;
    double[][] actuals = null;
    if (holdout > 0) {
      fitOn = new ArrayList<>();
      actuals = M4Evaluation.splitHoldout(all, holdout, fitOn);
      for (int i = 0; i < actuals.length; i++) {
        actuals[i] = java.util.Arrays.copyOf(actuals[i], Math.min(horizon, actuals[i].length));
      }
    } else if (test != null) {
      actuals = alignTest(all, M4File.read(test));
    }
    int ls = longSeason >= 0 ? longSeason : (season == 24 ? 168 : 0);
    ForecastOptions defaults = ForecastOptions.hourly();
    ForecastOptions opts =
        new ForecastOptions(
            season,
            ls,
            horizon,
            origins,
            Math.max(1, season),
            noCombine ? 1 : defaults.combineTop(),
            !noShifts,
            defaults.maxFitLength());
    int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    M4Evaluation.Result r = M4Evaluation.run(fitOn, actuals, horizon, opts, t);
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + out, e);
    }
    List<String> ids = fitOn.stream().map(M4File.Series::id).toList();
    M4File.write(out.resolve("forecast.csv"), ids, r.forecast(), horizon);
    M4File.write(out.resolve("lower95.csv"), ids, r.lower95(), horizon);
    M4File.write(out.resolve("upper95.csv"), ids, r.upper95(), horizon);
    String speed =
        String.format(
            Locale.ROOT,
            "series=%d cpu_seconds=%.2f wall_seconds=%.2f series_per_core_second=%.1f",
            ids.size(),
            r.cpuSeconds(),
            r.wallSeconds(),
            r.seriesPerCoreSecond());
    System.out.println(speed);
    System.out.println("chosen models (members counted): " + r.chosenModels());
    if (actuals != null) {
      ForecastScores m = r.model();
      ForecastScores sn = r.seasonalNaive();
      System.out.printf(
          Locale.ROOT,
          "nightshift:     sMAPE=%.3f MASE=%.3f coverage95=%.3f MSIS=%.3f%n",
          m.smape(),
          m.mase(),
          m.coverage(),
          m.msis());
      System.out.printf(
          Locale.ROOT, "seasonal naive: sMAPE=%.3f MASE=%.3f%n", sn.smape(), sn.mase());
      writeJson(r);
    }
    System.out.println("wrote " + out.resolve("forecast.csv") + ", lower95.csv, upper95.csv");
    return 0;
  }

  private double[][] alignTest(List<M4File.Series> all, List<M4File.Series> testSeries) {
    Map<String, double[]> byId = new HashMap<>();
    for (M4File.Series s : testSeries) {
      byId.put(s.id(), s.values());
    }
    double[][] a = new double[all.size()][];
    for (int i = 0; i < all.size(); i++) {
      double[] v = byId.get(all.get(i).id());
      if (v == null || v.length < horizon) {
        throw new BadInputException(
            test + ": series " + all.get(i).id() + " missing or shorter than --horizon " + horizon);
      }
      a[i] = java.util.Arrays.copyOf(v, horizon);
    }
    return a;
  }

  private void writeJson(M4Evaluation.Result r) {
    ForecastScores m = r.model();
    ForecastScores sn = r.seasonalNaive();
    String json =
        String.format(
            Locale.ROOT,
            "{\"series\":%d,\"horizon\":%d,\"model\":{\"smape\":%.4f,\"mase\":%.4f,"
                + "\"coverage95\":%.4f,\"msis\":%.4f},\"seasonal_naive\":{\"smape\":%.4f,"
                + "\"mase\":%.4f},\"cpu_seconds\":%.3f,\"series_per_core_second\":%.1f}%n",
            m.series(),
            horizon,
            m.smape(),
            m.mase(),
            m.coverage(),
            m.msis(),
            sn.smape(),
            sn.mase(),
            r.cpuSeconds(),
            r.seriesPerCoreSecond());
    try {
      Files.writeString(out.resolve("forecast_eval.json"), json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write forecast_eval.json", e);
    }
  }
}
