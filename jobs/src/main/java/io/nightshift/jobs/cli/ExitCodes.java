package io.nightshift.jobs.cli;

/** Process exit codes, documented in the README for schedulers. */
public final class ExitCodes {
  private ExitCodes() {}

  /** Everything succeeded and {@code _SUCCESS} was written. */
  public static final int OK = 0;

  /** An unexpected failure (a bug, a Spark failure, disk full): retrying may help. */
  public static final int FAILURE = 1;

  /** The command line is wrong (unknown option, missing argument). */
  public static final int USAGE = 2;

  /** The configuration is wrong; the message names the key. */
  public static final int BAD_CONFIG = 3;

  /**
   * The input is unusable (missing table, wrong schema, corrupt file); the message names the file.
   */
  public static final int BAD_INPUT = 4;

  /** Another run for the same date holds the lock. */
  public static final int LOCKED = 5;
}
