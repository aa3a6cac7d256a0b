package io.nightshift.models.logs;

/**
 * A line's shape: its tokens after masking ({@link LogPreprocessor#tokens}) joined by single
 * spaces. Tokens hold no white space, so the shape gives the tokens back, and a line's template
 * depends on its shape alone: lines can be counted by shape and each shape assigned once.
 */
public final class LineShapes {
  private LineShapes() {}

  /** The shape of a message. */
  public static String of(LogPreprocessor preprocessor, String message) {
    return String.join(" ", preprocessor.tokens(message));
  }

  /** The tokens of a shape. */
  public static String[] tokens(String shape) {
    return shape.isEmpty() ? new String[0] : shape.split(" ");
  }
}
