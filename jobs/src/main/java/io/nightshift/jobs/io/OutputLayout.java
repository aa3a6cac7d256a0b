package io.nightshift.jobs.io;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where everything lives under the output root, in one place:
 *
 * <pre>
 * &lt;root&gt;/&lt;table&gt;/run_date=D/            a committed output table's partition
 * &lt;root&gt;/_staging/run_date=D/&lt;table&gt;    a table staged by the running night
 * &lt;root&gt;/_staging/run_date=D/_models/&lt;model&gt;  a model staged by the running night
 * &lt;root&gt;/runs/D/                          manifest, lock and _SUCCESS of the night
 * &lt;root&gt;/reports/D/                       the night's report site
 * &lt;root&gt;/models/&lt;model&gt;/run_date=D/     a fitted model saved by the night (committed)
 * &lt;root&gt;/state/&lt;name&gt;/                  state carried from night to night (e.g. incremental runs)
 * </pre>
 *
 * Nothing else builds these paths; readers of earlier nights go through {@link TableHistory}. The
 * root is normalised once (trailing slashes dropped), so every path is spelled the same way.
 */
public final class OutputLayout {
  /** The partition column of every output table. */
  public static final String RUN_DATE = "run_date";

  private static final String PARTITION_PREFIX = RUN_DATE + "=";
  private static final Pattern PARTITION = Pattern.compile("run_date=\\d{4}-\\d{2}-\\d{2}");

  private final String root;

  public OutputLayout(String outputRoot) {
    String r = outputRoot.replaceAll("/+$", "");
    this.root = r.isEmpty() ? "/" : r;
  }

  /** The output root, without a trailing slash. */
  public String root() {
    return root;
  }

  /** {@code <root>/<table>}: every night's partitions of a table. */
  public String table(String table) {
    return root + "/" + table;
  }

  /** {@code <root>/<table>/run_date=D}: one night's committed partition of a table. */
  public String partition(String table, LocalDate runDate) {
    return table(table) + "/" + partitionFolder(runDate);
  }

  /** {@code <root>/_staging/run_date=D}: what the night of {@code runDate} stages until commit. */
  public String staging(LocalDate runDate) {
    return root + "/_staging/" + partitionFolder(runDate);
  }

  /** {@code <root>/runs/D}: the night's manifest, lock and {@code _SUCCESS}. */
  public String runDir(LocalDate runDate) {
    return root + "/runs/" + runDate;
  }

  /** {@code <root>/runs}: one folder per night that started. */
  public String runsDir() {
    return root + "/runs";
  }

  /** {@code <root>/reports/D}: the night's report site. */
  public String reports(LocalDate runDate) {
    return root + "/reports/" + runDate;
  }

  /** {@code <root>/models}: fitted models, one folder per model. */
  public String models() {
    return root + "/models";
  }

  /** {@code <root>/models/<model>/run_date=D}: a model saved by the night of {@code runDate}. */
  public String model(String model, LocalDate runDate) {
    return models() + "/" + model + "/" + partitionFolder(runDate);
  }

  /** {@code <root>/_staging/run_date=D/_models}: the models the night of {@code runDate} staged. */
  public String stagedModels(LocalDate runDate) {
    return staging(runDate) + "/_models";
  }

  /** {@code <root>/_staging/run_date=D/_models/<model>}: a model staged until the commit. */
  public String stagedModel(String model, LocalDate runDate) {
    return stagedModels(runDate) + "/" + model;
  }

  /** {@code <root>/state/<name>}: state a night keeps for the next one. */
  public String state(String name) {
    return root + "/state/" + name;
  }

  /** {@code run_date=D}. */
  public static String partitionFolder(LocalDate runDate) {
    return PARTITION_PREFIX + runDate;
  }

  /**
   * The run date of a partition folder name ({@code run_date=2026-06-30}); empty for anything else
   * (staged or set-aside copies, hidden files).
   */
  public static Optional<LocalDate> partitionDate(String folderName) {
    if (!PARTITION.matcher(folderName).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(folderName.substring(PARTITION_PREFIX.length())));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
