package io.nightshift.jobs;

/** Versions recorded in the manifest and printed by {@code --version}. */
public final class Versions {
  private Versions() {}

  /** This build's version, from the jar manifest ("dev" when run from classes). */
  public static String nightshift() {
    String v = Versions.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  /** The Spark version on the classpath. */
  public static String spark() {
    return org.apache.spark.package$.MODULE$.SPARK_VERSION();
  }
}
