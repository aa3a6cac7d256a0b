package io.nightshift.jobs.io;

/** Another run for the same date holds the output lock. Exit code 5. */
public class RunLockedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RunLockedException(String message) {
    super(message);
  }
}
