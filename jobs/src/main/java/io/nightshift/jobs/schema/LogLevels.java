package io.nightshift.jobs.schema;

import java.util.List;
import java.util.stream.Stream;

/**
 * The values of the logs' {@code level} column (upper-cased) that count as an error or a warning,
 * declared once for every reader: the log signals' error and warn rates, the situations' log spikes
 * and the recurring incidents' log precursors.
 */
public final class LogLevels {
  private LogLevels() {}

  /** Levels counted as errors. */
  public static final List<String> ERROR = List.of("ERROR", "FATAL", "CRITICAL", "SEVERE", "ERR");

  /** Levels counted as warnings. */
  public static final List<String> WARN = List.of("WARN", "WARNING");

  /** Warnings and errors: "warn or worse". */
  public static final List<String> WARN_OR_WORSE =
      Stream.concat(WARN.stream(), ERROR.stream()).toList();

  /** {@link #WARN_OR_WORSE} as an argument list for {@code Column.isin}. */
  public static Object[] warnOrWorse() {
    return WARN_OR_WORSE.toArray();
  }
}
