package io.nightshift.jobs.eval.nab;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The fixed split of the NAB files used to choose the detector's settings: a file is in the tuning
 * half when the CRC-32 of its relative path ({@code category/name.csv}, UTF-8) is even, and held
 * out otherwise (28 files with 62 windows tune, 30 files with 54 windows are held out).
 */
public final class NabSplit {
  private NabSplit() {}

  /** Whether a file belongs to the tuning half. */
  public static boolean isTuning(String relativePath) {
    CRC32 c = new CRC32();
    c.update(relativePath.getBytes(StandardCharsets.UTF_8));
    return (c.getValue() & 1) == 0;
  }
}
