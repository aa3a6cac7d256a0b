package io.nightshift.jobs.config;

import com.typesafe.config.Config;

/**
 * Settings of the nightly reports ({@code nightshift.reports}, see reference.conf): what the static
 * site under {@code <output>/reports/<run-date>/} shows and how much data it may bring to the
 * driver.
 *
 * @param enabled whether the nightly run writes the reports at all
 * @param title the site title shown on every page
 * @param summaryItems rows in each list of the morning summary (top risks, resources, families)
 * @param chartedResources resources on the capacity page that get a full forecast chart
 * @param tableRows most rows of any HTML table (the CSV beside it has them all)
 * @param csvMaxRows most rows of any CSV file, a guard against streaming a huge table to the driver
 * @param historyBucketHours width of the buckets metric history is averaged into for charts
 */
public record ReportSettings(
    boolean enabled,
    String title,
    int summaryItems,
    int chartedResources,
    int tableRows,
    int csvMaxRows,
    int historyBucketHours) {
  static ReportSettings from(Config c) {
    String title = c.getString("title");
    if (title.isBlank()) {
      throw new BadConfigException(Checks.where(c, "title") + " must not be blank");
    }
    return new ReportSettings(
        c.getBoolean("enabled"),
        title,
        Checks.positiveInt(c, "summaryItems"),
        Checks.positiveInt(c, "chartedResources"),
        Checks.positiveInt(c, "tableRows"),
        Checks.positiveInt(c, "csvMaxRows"),
        Checks.positiveInt(c, "historyBucketHours"));
  }

  /** The defaults of reference.conf, for tests and tools that render without a config file. */
  public static ReportSettings defaults() {
    return new ReportSettings(true, "Nightshift", 5, 12, 200, 100_000, 3);
  }
}
