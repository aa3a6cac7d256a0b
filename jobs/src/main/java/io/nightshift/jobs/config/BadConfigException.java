package io.nightshift.jobs.config;

/** A configuration value the user must fix; the message names the key. Exit code 3. */
public class BadConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadConfigException(String message) {
    super(message);
  }

  public BadConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
