package io.nightshift.jobs.config;

import com.typesafe.config.Config;
import java.util.List;

/** Small validators used by the settings records; each failure names the full key. */
final class Checks {
  private Checks() {}

  static int positiveInt(Config c, String key) {
    int v = c.getInt(key);
    if (v <= 0) {
      throw new BadConfigException(where(c, key) + " must be > 0, was " + v);
    }
    return v;
  }

  static double positiveDouble(Config c, String key) {
    double v = c.getDouble(key);
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new BadConfigException(where(c, key) + " must be a finite number > 0, was " + v);
    }
    return v;
  }

  static double fraction(Config c, String key) {
    double v = c.getDouble(key);
    if (!(v >= 0 && v <= 1)) {
      throw new BadConfigException(where(c, key) + " must be between 0 and 1, was " + v);
    }
    return v;
  }

  static String oneOf(Config c, String key, List<String> allowed) {
    String v = c.getString(key);
    if (!allowed.contains(v)) {
      throw new BadConfigException(
          where(c, key) + " must be one of " + allowed + ", was '" + v + "'");
    }
    return v;
  }

  static String where(Config c, String key) {
    return "config key '" + key + "' (" + c.origin().description() + ")";
  }
}
