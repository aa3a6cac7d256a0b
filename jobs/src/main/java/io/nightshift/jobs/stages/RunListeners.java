package io.nightshift.jobs.stages;

import io.nightshift.jobs.report.ReportWriter;
import java.util.List;

/** The steps after the stages of a nightly run: the report site. */
public final class RunListeners {
  private RunListeners() {}

  /** The default post-stage steps. */
  public static List<NightlyRun.RunListener> defaults() {
    return List.of(new ReportWriter());
  }
}
