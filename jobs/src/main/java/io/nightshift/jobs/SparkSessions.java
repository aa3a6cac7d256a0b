package io.nightshift.jobs;

import io.nightshift.jobs.config.SparkSettings;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the one SparkSession of a command. Under {@code spark-submit} the master and every {@code
 * spark.*} setting come from the submitter; otherwise the embedded default ({@code local[*]})
 * applies. This is the only difference between local and cluster runs: the rest of the code path is
 * the same.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** Returns the active session or starts one with these settings. */
  public static SparkSession start(SparkSettings settings) {
    SparkConf submitted = new SparkConf(true);
    SparkSession.Builder b = SparkSession.builder().appName(settings.appName());
    boolean embedded = !submitted.contains("spark.master");
    if (embedded) {
      b.master(settings.master());
      b.config("spark.ui.showConsoleProgress", "false");
      if (System.getenv("SPARK_LOCAL_IP") == null) {
        b.config("spark.driver.host", "127.0.0.1");
        b.config("spark.driver.bindAddress", "127.0.0.1");
      }
    }
    b.config("spark.sql.session.timeZone", "UTC");
    settings.conf().forEach(b::config);
    return b.getOrCreate();
  }
}
