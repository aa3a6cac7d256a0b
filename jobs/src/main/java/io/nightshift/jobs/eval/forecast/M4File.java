package io.nightshift.jobs.eval.forecast;

import io.nightshift.jobs.validate.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes M4-style series files: a header line, then one row a series, the quoted id
 * followed by its values; rows have different lengths and end in empty cells.
 */
public final class M4File {
  private M4File() {}

  /** One series: its id and values. */
  public record Series(String id, double[] values) {}

  /** Reads every series of {@code file}; fails naming the file and line on a non-number. */
  public static List<Series> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new BadInputException("M4 file not found: " + file.toAbsolutePath());
    }
    List<Series> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = r.readLine();
      int lineNo = 1;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        String id = unquote(cells[0]);
        double[] v = new double[cells.length - 1];
        int n = 0;
        for (int i = 1; i < cells.length; i++) {
          String c = unquote(cells[i]).trim();
          if (c.isEmpty() || c.equals("NA")) {
            continue;
          }
          try {
            v[n++] = Double.parseDouble(c);
          } catch (NumberFormatException e) {
            throw new BadInputException(
                file
                    + " line "
                    + lineNo
                    + " column "
                    + (i + 1)
                    + ": expected a number, was '"
                    + c
                    + "'");
          }
        }
        out.add(new Series(id, java.util.Arrays.copyOf(v, n)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }

  /** Writes an M4 submission file: header {@code id,F1..Fh}, one row a series. */
  public static void write(Path file, List<String> ids, double[][] rows, int horizon) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder sb = new StringBuilder("id");
      for (int i = 1; i <= horizon; i++) {
        sb.append(",F").append(i);
      }
      w.write(sb.append('\n').toString());
      for (int s = 0; s < ids.size(); s++) {
        sb.setLength(0);
        sb.append(ids.get(s));
        for (int i = 0; i < horizon; i++) {
          sb.append(',').append(String.format(Locale.ROOT, "%.4f", rows[s][i]));
        }
        w.write(sb.append('\n').toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String unquote(String s) {
    s = s.trim();
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }
}
