package io.nightshift.jobs.validate;

/**
 * Input the user must fix before a run can succeed: a missing table or column, a wrong type, an
 * unreadable file. The message names the file (or folder), the column, the expected and the actual.
 * Exit code 4.
 */
public class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
