package io.nightshift.models.forecast;

import java.util.ArrayList;
import java.util.List;

/** The candidate set for a series and lookup of a candidate by its persisted name. */
final class Candidates {
  /** Nelder-Mead evaluations per Holt-Winters fit. */
  static final int HW_EVALS = 120;

  private Candidates() {}

  /**
   * Every candidate that may apply to series of this kind (each still checks its min length). The
   * seasonal autoregressions are short-horizon models (they revert to the window's mean, with no
   * trend), so they are offered only when the backtest looks at most two seasons ahead (the M4
   * setting); with week-long backtests for 90-day capacity forecasts they would drag a fill rate
   * down inside a combination (measured: the sample fleet's host-017 disk, 69 days to full, was
   * missed).
   */
  static List<Candidate> all(ForecastOptions o, int season, boolean positive) {
    int fit = o.maxFitLength();
    List<Candidate> c = new ArrayList<>();
    if (season > 1) {
      c.add(SimpleCandidates.seasonalNaive(season));
      c.add(new HoltWinters(season, false, fit, HW_EVALS));
      c.add(new Theta(season, fit));
      c.add(new RobustTrend(season, fit));
      int ls = o.longSeason();
      if (ls > season) {
        c.add(SimpleCandidates.seasonalNaive(ls));
        c.add(SimpleCandidates.seasonalMean(ls, 4));
      }
      if (o.backtestHorizon() <= 2 * season) {
        c.add(new SeasonalAr(season, ls, fit, false));
        if (positive) {
          c.add(new SeasonalAr(season, ls, fit, true));
        }
      }
    } else {
      c.add(SimpleCandidates.seasonalNaive(1));
      c.add(new RobustTrend(1, fit));
      c.add(new Theta(1, fit));
    }
    return c;
  }

  /** The candidate a persisted name refers to. */
  static Candidate byName(String name, ForecastOptions o) {
    int fit = o.maxFitLength();
    int s = o.season();
    switch (name) {
      case "naive":
        return SimpleCandidates.seasonalNaive(1);
      case "hw_damped":
        return new HoltWinters(s, false, fit, HW_EVALS);
      case "hw_damped_log":
        return new HoltWinters(s, true, fit, HW_EVALS);
      case "theta":
        return new Theta(s, fit);
      case "theta_noseason":
        return new Theta(1, fit);
      case "ar":
        return new SeasonalAr(s, o.longSeason(), fit, false);
      case "ar_log":
        return new SeasonalAr(s, o.longSeason(), fit, true);
      case "robust_trend":
        return new RobustTrend(s, fit);
      case "robust_trend_noseason":
        return new RobustTrend(1, fit);
      default:
        if (name.startsWith("snaive")) {
          return SimpleCandidates.seasonalNaive(Integer.parseInt(name.substring(6)));
        }
        if (name.startsWith("smean")) {
          return SimpleCandidates.seasonalMean(Integer.parseInt(name.substring(5)), 4);
        }
        throw new IllegalArgumentException("unknown forecast candidate '" + name + "'");
    }
  }
}
