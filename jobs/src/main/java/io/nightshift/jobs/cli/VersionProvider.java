package io.nightshift.jobs.cli;

import io.nightshift.jobs.Versions;
import picocli.CommandLine.IVersionProvider;

/** Reports the Nightshift and Spark versions. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"nightshift " + Versions.nightshift(), "spark " + Versions.spark()};
  }
}
