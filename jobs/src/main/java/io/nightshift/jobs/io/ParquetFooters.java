package io.nightshift.jobs.io;

import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Reads Parquet footers on the driver (metadata only, no data) to find unreadable files before
 * Spark trips over them mid-job, and to group files by physical schema so drifting partitions are
 * read separately.
 */
public final class ParquetFooters {
  private ParquetFooters() {}

  /** A file's footer facts, or why it could not be read. */
  public record Footer(String file, MessageType schema, long rows, String error) {
    public boolean readable() {
      return error == null;
    }
  }

  /** Reads one footer; a truncated or non-Parquet file yields a footer with an error. */
  public static Footer read(String file, Configuration conf) {
    try (ParquetFileReader r =
        ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
      ParquetMetadata m = r.getFooter();
      return new Footer(file, m.getFileMetaData().getSchema(), r.getRecordCount(), null);
    } catch (IOException | RuntimeException e) {
      String msg = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
      return new Footer(file, null, 0, msg);
    }
  }
}
