package io.nightshift.jobs.config;

import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the embedded Spark is started when nobody else chose: {@code master} applies only when the
 * job was not launched by {@code spark-submit} (which sets {@code spark.master} itself), so the
 * same jar runs in both.
 *
 * @param master the master URL for the embedded mode, e.g. {@code local[*]}
 * @param appName the Spark application name
 * @param conf extra Spark settings applied to every session
 */
public record SparkSettings(String master, String appName, Map<String, String> conf) {
  static SparkSettings from(Config c) {
    Map<String, String> conf = new LinkedHashMap<>();
    Config sc = c.getConfig("conf");
    sc.entrySet()
        .forEach(
            e ->
                conf.put(
                    String.join(".", com.typesafe.config.ConfigUtil.splitPath(e.getKey())),
                    String.valueOf(e.getValue().unwrapped())));
    return new SparkSettings(c.getString("master"), c.getString("appName"), Map.copyOf(conf));
  }
}
