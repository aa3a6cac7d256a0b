package io.nightshift.jobs.eval.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The NAB corpus on disk ({@code data/<category>/<file>.csv}, {@code labels/combined_windows.json},
 * {@code config/profiles.json}): lists the data files, reads their rows and their windows, and
 * reads a detector's result files laid out as NAB writes them.
 */
public final class NabCorpus {
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

  private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final Path root;
  private final Map<String, List<NabFile.Window>> windows;

  /** Opens the corpus at {@code root} (the folder holding {@code data/} and {@code labels/}). */
  public NabCorpus(Path root) {
    this.root = root;
    Path labels = root.resolve("labels/combined_windows.json");
    if (!Files.isRegularFile(labels)) {
      throw new IllegalArgumentException("not a NAB corpus (no " + labels + ")");
    }
    this.windows = readWindows(labels);
  }

  public Path root() {
    return root;
  }

  /** Relative paths ({@code category/name.csv}) of every labelled data file, sorted. */
  public List<String> files() {
    return new ArrayList<>(windows.keySet());
  }

  /** The labelled windows of a file. */
  public List<NabFile.Window> windows(String relativePath) {
    return windows.get(relativePath);
  }

  /** The number of labelled windows in the corpus (the perfect detector's count). */
  public int windowCount() {
    return windows.values().stream().mapToInt(List::size).sum();
  }

  /** The profiles of {@code config/profiles.json}. */
  public List<NabProfile> profiles() {
    return NabProfile.read(root.resolve("config/profiles.json"));
  }

  /** A data file's rows: timestamps and values. */
  public Series read(String relativePath) {
    return readColumns(root.resolve("data").resolve(relativePath), "value");
  }

  /**
   * A detector's results for one data file, as NAB lays them out: {@code
   * <dir>/<category>/<detector>_<name>.csv} with an {@code anomaly_score} column.
   */
  public NabFile readResult(Path dir, String detector, String relativePath) {
    int slash = relativePath.indexOf('/');
    Path p =
        dir.resolve(relativePath.substring(0, slash))
            .resolve(detector + "_" + relativePath.substring(slash + 1));
    Series s = readColumns(p, "anomaly_score");
    return new NabFile(relativePath, s.timestamps(), s.values(), windows(relativePath));
  }

  /** Timestamps and one numeric column of a CSV file. */
  public record Series(LocalDateTime[] timestamps, double[] values) {}

  /** Formats a timestamp as NAB does ({@code yyyy-MM-dd HH:mm:ss}). */
  public static String format(LocalDateTime t) {
    return t.format(OUT);
  }

  /** Parses a NAB timestamp ({@code yyyy-MM-dd HH:mm:ss}, optional microseconds). */
  public static LocalDateTime parseTimestamp(String s) {
    String t = s.trim();
    if (t.length() >= 19 && t.charAt(4) == '-' && t.charAt(10) == ' ' && t.charAt(13) == ':') {
      int nanos = 0;
      if (t.length() > 20 && t.charAt(19) == '.') {
        String frac = (t.substring(20) + "000000000").substring(0, 9);
        nanos = Integer.parseInt(frac);
      }
      return LocalDateTime.of(
          Integer.parseInt(t, 0, 4, 10),
          Integer.parseInt(t, 5, 7, 10),
          Integer.parseInt(t, 8, 10, 10),
          Integer.parseInt(t, 11, 13, 10),
          Integer.parseInt(t, 14, 16, 10),
          Integer.parseInt(t, 17, 19, 10),
          nanos);
    }
    return LocalDateTime.parse(t, TS);
  }

  private static Series readColumns(Path p, String column) {
    try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
      String[] header = r.readLine().split(",");
      int tsCol = indexOf(header, "timestamp", p);
      int valCol = indexOf(header, column, p);
      List<LocalDateTime> ts = new ArrayList<>();
      List<Double> vals = new ArrayList<>();
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.split(",");
        ts.add(parseTimestamp(parts[tsCol]));
        vals.add(Double.parseDouble(parts[valCol]));
      }
      return new Series(
          ts.toArray(new LocalDateTime[0]),
          vals.stream().mapToDouble(Double::doubleValue).toArray());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read NAB file " + p, e);
    }
  }

  private static int indexOf(String[] header, String name, Path p) {
    for (int i = 0; i < header.length; i++) {
      if (header[i].trim().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("NAB file " + p + " has no column '" + name + "'");
  }

  private static Map<String, List<NabFile.Window>> readWindows(Path labels) {
    try {
      JsonNode root = new ObjectMapper().readTree(labels.toFile());
      Map<String, List<NabFile.Window>> out = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = root.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        List<NabFile.Window> ws = new ArrayList<>();
        for (JsonNode w : e.getValue()) {
          ws.add(
              new NabFile.Window(
                  parseTimestamp(w.get(0).asText()), parseTimestamp(w.get(1).asText())));
        }
        out.put(e.getKey(), List.copyOf(ws));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read NAB labels " + labels, e);
    }
  }

  /** Whether a folder looks like a NAB corpus. */
  public static boolean isCorpus(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().equals("labels"));
    } catch (IOException e) {
      return false;
    }
  }
}
