package io.nightshift.models.logs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Stable template ids, derived from the template's text alone: the first 12 hex digits of the
 * SHA-256 of the template, prefixed with {@code T}. The same template mined on another night, on
 * another machine or by a refit gets the same id, so yesterday's id means the same today.
 */
public final class TemplateIds {
  private TemplateIds() {}

  /** The id of a template text (tokens joined by single spaces). */
  public static String of(String template) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256").digest(template.getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder("T");
      for (int i = 0; i < 6; i++) {
        b.append(Character.forDigit((h[i] >> 4) & 0xF, 16))
            .append(Character.forDigit(h[i] & 0xF, 16));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The id of a template given as tokens. */
  public static String of(String[] tokens) {
    return of(String.join(" ", tokens));
  }
}
