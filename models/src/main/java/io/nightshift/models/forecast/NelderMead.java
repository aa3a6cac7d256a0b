package io.nightshift.models.forecast;

import java.util.function.ToDoubleFunction;

/**
 * A small Nelder-Mead simplex minimiser for a handful of unconstrained parameters; used to fit
 * smoothing parameters on one-step errors. Allocation-light: a fixed simplex of {@code d + 1}
 * points.
 */
final class NelderMead {
  private NelderMead() {}

  /** Minimises {@code f} from {@code x0} with initial step {@code step}; returns the best point. */
  static double[] minimize(ToDoubleFunction<double[]> f, double[] x0, double step, int maxEvals) {
    int d = x0.length;
    double[][] p = new double[d + 1][];
    double[] fv = new double[d + 1];
    for (int i = 0; i <= d; i++) {
      p[i] = x0.clone();
      if (i > 0) {
        p[i][i - 1] += step;
      }
      fv[i] = f.applyAsDouble(p[i]);
    }
    int evals = d + 1;
    double[] centroid = new double[d];
    double[] xr = new double[d];
    double[] xe = new double[d];
    while (evals < maxEvals) {
      sort(p, fv);
      if (Math.abs(fv[d] - fv[0]) <= 1e-9 * (Math.abs(fv[0]) + 1e-12)) {
        break;
      }
      java.util.Arrays.fill(centroid, 0);
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          centroid[j] += p[i][j] / d;
        }
      }
      for (int j = 0; j < d; j++) {
        xr[j] = centroid[j] + (centroid[j] - p[d][j]);
      }
      double fr = f.applyAsDouble(xr);
      evals++;
      if (fr < fv[0]) {
        for (int j = 0; j < d; j++) {
          xe[j] = centroid[j] + 2 * (centroid[j] - p[d][j]);
        }
        double fe = f.applyAsDouble(xe);
        evals++;
        if (fe < fr) {
          System.arraycopy(xe, 0, p[d], 0, d);
          fv[d] = fe;
        } else {
          System.arraycopy(xr, 0, p[d], 0, d);
          fv[d] = fr;
        }
      } else if (fr < fv[d - 1]) {
        System.arraycopy(xr, 0, p[d], 0, d);
        fv[d] = fr;
      } else {
        boolean outside = fr < fv[d];
        for (int j = 0; j < d; j++) {
          xe[j] =
              outside
                  ? centroid[j] + 0.5 * (xr[j] - centroid[j])
                  : centroid[j] + 0.5 * (p[d][j] - centroid[j]);
        }
        double fc = f.applyAsDouble(xe);
        evals++;
        if (fc < Math.min(fr, fv[d])) {
          System.arraycopy(xe, 0, p[d], 0, d);
          fv[d] = fc;
        } else {
          for (int i = 1; i <= d; i++) {
            for (int j = 0; j < d; j++) {
              p[i][j] = p[0][j] + 0.5 * (p[i][j] - p[0][j]);
            }
            fv[i] = f.applyAsDouble(p[i]);
          }
          evals += d;
        }
      }
    }
    sort(p, fv);
    return p[0];
  }

  private static void sort(double[][] p, double[] fv) {
    for (int i = 1; i < fv.length; i++) {
      double f = fv[i];
      double[] x = p[i];
      int j = i - 1;
      while (j >= 0 && fv[j] > f) {
        fv[j + 1] = fv[j];
        p[j + 1] = p[j];
        j--;
      }
      fv[j + 1] = f;
      p[j + 1] = x;
    }
  }
}
