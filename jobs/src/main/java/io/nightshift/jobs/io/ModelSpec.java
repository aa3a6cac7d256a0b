package io.nightshift.jobs.io;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * What a stage declares about its model for the {@link ModelPolicy}: the model's name in the {@link
 * ModelStore}, its retrain setting and the settings tonight would fit it with (its fingerprint).
 *
 * @param name the model's folder under {@code <output>/models/}
 * @param retrain how long a saved model may be reused
 * @param fingerprint param name to value; a saved model is reused only when its fingerprint is
 *     equal
 */
public record ModelSpec(String name, ModelPolicy.Retrain retrain, Map<String, String> fingerprint) {
  public ModelSpec {
    fingerprint = Map.copyOf(fingerprint);
  }

  /**
   * The spec of the model {@code estimator} fits: its fingerprint is every param the estimator has
   * a value for (set or default), features and column names included, so a change of any setting or
   * of the feature list makes the saved model incompatible.
   */
  public static ModelSpec of(String name, ModelPolicy.Retrain retrain, Params estimator) {
    return new ModelSpec(name, retrain, fingerprint(estimator));
  }

  /**
   * This spec with one more fingerprint entry: something the model depends on that is not a param,
   * such as the version of its saved state's format (a model saved by code that wrote another
   * format is then refitted instead of misread).
   */
  public ModelSpec with(String key, Object value) {
    Map<String, String> f = new TreeMap<>(fingerprint);
    f.put(key, String.valueOf(value));
    return new ModelSpec(name, retrain, f);
  }

  /** Every param {@code p} has a value for, by name, as text. */
  public static Map<String, String> fingerprint(Params p) {
    Map<String, String> out = new TreeMap<>();
    for (Param<?> param : p.params()) {
      if (p.isDefined(param)) {
        out.put(param.name(), text(p.getOrDefault(param)));
      }
    }
    return out;
  }

  private static String text(Object v) {
    if (v instanceof Object[] a) {
      return Arrays.deepToString(a);
    }
    if (v instanceof double[] a) {
      return Arrays.toString(a);
    }
    if (v instanceof int[] a) {
      return Arrays.toString(a);
    }
    if (v instanceof long[] a) {
      return Arrays.toString(a);
    }
    return String.valueOf(v);
  }
}
