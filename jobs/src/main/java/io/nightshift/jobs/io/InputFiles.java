package io.nightshift.jobs.io;

import io.nightshift.jobs.validate.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Lists the Parquet files of one input table's {@code dt=YYYY-MM-DD} partitions that fall in a date
 * range: partition pruning by folder name, so a run never lists or opens partitions outside its
 * window. Hidden files ({@code _SUCCESS}, {@code .crc}, names starting with '.' or '_') are
 * ignored; a partition folder with no data files is an empty partition, reported as such.
 */
public final class InputFiles {
  private InputFiles() {}

  /**
   * One day's partition: its date, folder and data files (possibly none), with each file's size and
   * modification time (what tells a night whether the partition changed since it was last read).
   */
  public record Partition(LocalDate date, String dir, List<String> files, List<FileStamp> stamps) {}

  /** A data file's path, length in bytes and modification time (epoch milliseconds). */
  public record FileStamp(String path, long size, long modified) {}

  /**
   * Lists the partitions of {@code tableRoot} with {@code from <= dt <= to}.
   *
   * @return the partitions, oldest first; empty when the table folder does not exist
   */
  public static List<Partition> list(
      String tableRoot, LocalDate from, LocalDate to, Configuration hadoopConf) {
    try {
      Path root = new Path(tableRoot);
      FileSystem fs = root.getFileSystem(hadoopConf);
      if (!fs.exists(root)) {
        return List.of();
      }
      List<Partition> out = new ArrayList<>();
      for (FileStatus s : fs.listStatus(root)) {
        String name = s.getPath().getName();
        if (!s.isDirectory() || !name.startsWith("dt=")) {
          continue;
        }
        LocalDate d;
        try {
          d = LocalDate.parse(name.substring(3));
        } catch (DateTimeParseException e) {
          throw new BadInputException(
              "partition folder " + s.getPath() + " is not named dt=YYYY-MM-DD", e);
        }
        if (d.isBefore(from) || d.isAfter(to)) {
          continue;
        }
        List<FileStamp> stamps = dataFiles(fs, s.getPath());
        out.add(
            new Partition(
                d, s.getPath().toString(), stamps.stream().map(FileStamp::path).toList(), stamps));
      }
      out.sort(Comparator.comparing(Partition::date));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + tableRoot, e);
    }
  }

  /** Whether the table folder exists at all. */
  public static boolean exists(String tableRoot, Configuration hadoopConf) {
    try {
      Path root = new Path(tableRoot);
      return root.getFileSystem(hadoopConf).exists(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + tableRoot, e);
    }
  }

  private static List<FileStamp> dataFiles(FileSystem fs, Path dir) throws IOException {
    List<FileStamp> files = new ArrayList<>();
    for (FileStatus f : fs.listStatus(dir)) {
      String n = f.getPath().getName();
      if (f.isFile() && !n.startsWith(".") && !n.startsWith("_") && !n.endsWith(".crc")) {
        files.add(new FileStamp(f.getPath().toString(), f.getLen(), f.getModificationTime()));
      }
    }
    files.sort(Comparator.comparing(FileStamp::path));
    return files;
  }
}
