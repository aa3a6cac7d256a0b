package io.nightshift.jobs.imports;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_to_timestamp;

import io.nightshift.jobs.validate.BadInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a tool's CSV export with Spark's CSV reader: a header line, every column as text (types are
 * decided per column by the importer), {@code ?} and empty fields as null, quoted fields with
 * embedded commas and newlines. Timestamps are parsed with the first of several patterns that fits,
 * day-first before month-first ({@code 13/07/2016 08:47}), in UTC.
 */
public final class ExportCsv {
  /** Timestamp patterns tried in order, unless the user gives their own. */
  public static final List<String> DEFAULT_TIME_FORMATS =
      List.of(
          "yyyy-MM-dd HH:mm:ss",
          "yyyy-MM-dd'T'HH:mm:ss",
          "yyyy-MM-dd'T'HH:mm:ssXXX",
          "yyyy-MM-dd HH:mm",
          "d/M/yyyy H:mm:ss",
          "d/M/yyyy H:mm",
          "yyyy-MM-dd");

  private final Dataset<Row> rows;
  private final String file;
  private final List<String> timeFormats;

  private ExportCsv(Dataset<Row> rows, String file, List<String> timeFormats) {
    this.rows = rows;
    this.file = file;
    this.timeFormats = timeFormats;
  }

  /** Reads {@code file}; {@code nullValue} is the export's spelling of null (besides empty). */
  public static ExportCsv read(
      SparkSession spark, String file, String nullValue, List<String> timeFormats) {
    Dataset<Row> d =
        spark
            .read()
            .option("header", "true")
            .option("inferSchema", "false")
            .option("multiLine", "true")
            .option("escape", "\"")
            .option("nullValue", nullValue)
            .option("mode", "PERMISSIVE")
            .csv(file);
    Dataset<Row> named = d;
    for (String c : d.columns()) {
      String clean = c.trim().toLowerCase(Locale.ROOT);
      if (!clean.equals(c)) {
        named = named.withColumnRenamed(c, clean);
      }
    }
    return new ExportCsv(named, file, List.copyOf(timeFormats));
  }

  /** The same export over other rows (e.g. one per incident), with the same columns. */
  public ExportCsv withRows(Dataset<Row> other) {
    return new ExportCsv(other, file, timeFormats);
  }

  /** The rows, every column a string named in lower case. */
  public Dataset<Row> rows() {
    return rows;
  }

  /** Whether the export has a column (names compared in lower case). */
  public boolean has(String column) {
    return Arrays.asList(rows.columns()).contains(column.toLowerCase(Locale.ROOT));
  }

  /** The first of {@code names} the export has. */
  public Optional<String> first(String... names) {
    return Arrays.stream(names).filter(this::has).findFirst();
  }

  /** Fails naming the file, the missing column and the columns it has. */
  public void require(String what, String... names) {
    if (first(names).isEmpty()) {
      throw new BadInputException(
          file
              + ": no column "
              + String.join(" or ", names)
              + " ("
              + what
              + "); the file has columns "
              + Arrays.toString(rows.columns()));
    }
  }

  /** A text column, trimmed, empty as null; a null literal when the export lacks it. */
  public Column text(String... names) {
    Optional<String> c = first(names);
    if (c.isEmpty()) {
      return lit(null).cast("string");
    }
    Column t = trim(org.apache.spark.sql.functions.col("`" + c.get() + "`"));
    return org.apache.spark.sql.functions.when(t.equalTo(""), lit(null)).otherwise(t);
  }

  /** A timestamp from text: the first pattern that parses it; null when none does. */
  public Column timestamp(Column text) {
    Column[] tries =
        timeFormats.stream().map(f -> try_to_timestamp(text, lit(f))).toArray(Column[]::new);
    return tries.length == 1 ? tries[0] : coalesce(tries);
  }

  /** The file read. */
  public String file() {
    return file;
  }
}
