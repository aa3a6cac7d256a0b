package io.nightshift.jobs.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;

/**
 * Finds which input file a failed Spark read was reading. A Parquet file whose footer is intact but
 * whose data pages are damaged passes the footer check and fails only when Spark decodes it, with
 * an error naming the file (as a URI, possibly percent-encoded) somewhere in its cause chain.
 */
public final class ReadFailures {
  private ReadFailures() {}

  /** The file among {@code files} that {@code failure} names, if any. */
  public static Optional<String> fileIn(Throwable failure, List<String> files) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      text.append(t.getMessage()).append('\n');
      if (t.getCause() == t) {
        break;
      }
    }
    String messages = text.toString();
    String decoded = percentDecode(messages);
    for (String f : files) {
      Path p = new Path(f);
      String tail = p.getParent().getName() + "/" + p.getName();
      if (messages.contains(tail) || decoded.contains(tail)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The innermost message, for error texts. */
  public static String rootMessage(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  /** Decodes %XX sequences (UTF-8) and nothing else (a '+' stays a '+'). */
  static String percentDecode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%' && i + 2 < in.length) {
        int hi = Character.digit(in[i + 1], 16);
        int lo = Character.digit(in[i + 2], 16);
        if (hi >= 0 && lo >= 0) {
          out.write(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      out.write(in[i]);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
