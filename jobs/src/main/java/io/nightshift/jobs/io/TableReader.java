package io.nightshift.jobs.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.nightshift.jobs.config.InputSettings;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.Column;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.validate.BadInputException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;

/**
 * Reads one input table for a date range into canonical columns and types, plus {@code dt} and
 * {@code source_file}. Only the window's {@code dt=} partitions are listed and read. Files whose
 * footers cannot be read fail the run with the file's name, or are skipped and reported when {@code
 * skipCorruptFiles} is set. Partitions whose files differ in physical schema (a column added, a
 * type widened) are read separately and unioned. A missing required column or an incompatible type
 * fails with the file, column, expected and actual type.
 */
public final class TableReader {
  /** Name of the column holding the file each row came from. */
  public static final String SOURCE_FILE = Cols.Q_FILE;

  private final SparkSession spark;
  private final InputSettings settings;
  private final boolean skipCorruptFiles;

  public TableReader(SparkSession spark, InputSettings settings, boolean skipCorruptFiles) {
    this.spark = spark;
    this.settings = settings;
    this.skipCorruptFiles = skipCorruptFiles;
  }

  /**
   * What was read: rows (lazy), the partitions and files seen, skipped corrupt files, and the row
   * count the readable files' footers declare (an independent check that every row was read).
   */
  public record RawTable(
      InputTable table,
      String root,
      boolean present,
      Dataset<Row> rows,
      List<InputFiles.Partition> partitions,
      List<String> corruptFiles,
      long rowsInFiles,
      Map<LocalDate, Long> rowsInFilesByDay) {}

  /** The folder of a table under the input root. */
  public String rootOf(InputTable table) {
    return settings.path().replaceAll("/+$", "") + "/" + settings.tableDirs().get(table);
  }

  /** Reads {@code table} for {@code from <= dt <= to}. */
  public RawTable read(InputTable table, LocalDate from, LocalDate to) {
    return read(table, from, to, Set.of());
  }

  /**
   * Reads {@code table} for {@code from <= dt <= to}, treating the files in {@code knownCorrupt}
   * (found corrupt while reading their data) as corrupt: listed and skipped, or failing the run.
   */
  public RawTable read(InputTable table, LocalDate from, LocalDate to, Set<String> knownCorrupt) {
    Configuration hc = spark.sparkContext().hadoopConfiguration();
    String root = rootOf(table);
    if (!InputFiles.exists(root, hc)) {
      return new RawTable(table, root, false, empty(table), List.of(), List.of(), 0, Map.of());
    }
    return read(table, InputFiles.list(root, from, to, hc), knownCorrupt);
  }

  /**
   * Reads the given partitions of {@code table} (listed with {@link InputFiles#list}), treating the
   * files in {@code knownCorrupt} as corrupt.
   */
  public RawTable read(
      InputTable table, List<InputFiles.Partition> parts, Set<String> knownCorrupt) {
    Configuration hc = spark.sparkContext().hadoopConfiguration();
    String root = rootOf(table);
    Map<String, List<String>> bySchema = new LinkedHashMap<>();
    List<String> corrupt = new ArrayList<>();
    long rowsInFiles = 0;
    Map<LocalDate, Long> byDay = new LinkedHashMap<>();
    for (InputFiles.Partition p : parts) {
      byDay.put(p.date(), 0L);
      for (String f : p.files()) {
        if (knownCorrupt.contains(f)) {
          corrupt.add(f);
          continue;
        }
        ParquetFooters.Footer footer = ParquetFooters.read(f, hc);
        if (!footer.readable()) {
          if (!skipCorruptFiles) {
            throw new BadInputException(
                "corrupt or unreadable Parquet file in table '"
                    + table.tableName()
                    + "': "
                    + f
                    + " ("
                    + footer.error()
                    + "); set nightshift.validation.skipCorruptFiles=true to skip it and list it"
                    + " in the manifest");
          }
          corrupt.add(f);
          continue;
        }
        rowsInFiles += footer.rows();
        byDay.merge(p.date(), footer.rows(), Long::sum);
        bySchema.computeIfAbsent(footer.schema().toString(), k -> new ArrayList<>()).add(f);
      }
    }
    Dataset<Row> rows = null;
    for (List<String> files : bySchema.values()) {
      Dataset<Row> part = canonical(table, root, files);
      rows = rows == null ? part : rows.unionByName(part);
    }
    return new RawTable(
        table,
        root,
        true,
        rows == null ? empty(table) : rows,
        parts,
        List.copyOf(corrupt),
        rowsInFiles,
        byDay);
  }

  private Dataset<Row> canonical(InputTable table, String root, List<String> files) {
    Dataset<Row> raw = spark.read().option("basePath", root).parquet(files.toArray(String[]::new));
    StructType schema = raw.schema();
    List<org.apache.spark.sql.Column> cols = new ArrayList<>();
    for (Column c : table.columns()) {
      String source = settings.sourceColumn(table, c.name());
      StructField f = find(schema, source);
      if (f == null) {
        if (c.required()) {
          throw new BadInputException(
              "table '"
                  + table.tableName()
                  + "', file "
                  + files.get(0)
                  + ": required column '"
                  + source
                  + "' is missing (expected type "
                  + c.type().simpleString()
                  + "; the file has columns "
                  + Arrays.toString(schema.fieldNames())
                  + ")");
        }
        cols.add(lit(null).cast(c.type()).as(c.name()));
        continue;
      }
      if (!compatible(f.dataType(), c.type())) {
        throw new BadInputException(
            "table '"
                + table.tableName()
                + "', file "
                + files.get(0)
                + ": column '"
                + source
                + "' has type "
                + f.dataType().simpleString()
                + ", expected "
                + c.type().simpleString());
      }
      cols.add(col("`" + f.name() + "`").cast(c.type()).as(c.name()));
    }
    cols.add(col(Cols.DT).cast(DataTypes.DateType).as(Cols.DT));
    cols.add(col("_metadata.file_path").as(SOURCE_FILE));
    return raw.select(cols.toArray(org.apache.spark.sql.Column[]::new));
  }

  private Dataset<Row> empty(InputTable table) {
    StructType s =
        table
            .schema()
            .add(Cols.DT, DataTypes.DateType, true)
            .add(SOURCE_FILE, DataTypes.StringType, true);
    return spark.createDataFrame(List.of(), s);
  }

  private static StructField find(StructType schema, String name) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    for (StructField f : schema.fields()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    return null;
  }

  /**
   * Safe conversions only: numbers widen to double, timestamps without zone are read as UTC, binary
   * text and integers are read as strings.
   */
  static boolean compatible(DataType actual, DataType expected) {
    if (actual.equals(expected)) {
      return true;
    }
    if (expected.equals(DataTypes.DoubleType)) {
      return actual.equals(DataTypes.ByteType)
          || actual.equals(DataTypes.ShortType)
          || actual.equals(DataTypes.IntegerType)
          || actual.equals(DataTypes.LongType)
          || actual.equals(DataTypes.FloatType)
          || actual instanceof DecimalType;
    }
    if (expected.equals(DataTypes.TimestampType)) {
      return actual instanceof TimestampNTZType;
    }
    if (expected.equals(DataTypes.StringType)) {
      // plain BYTE_ARRAY text without the UTF-8 annotation: its bytes are kept as they are
      // integer codes (a severity exported as 1-4) are read as their digits
      return actual instanceof org.apache.spark.sql.types.StringType
          || actual.equals(DataTypes.BinaryType)
          || actual.equals(DataTypes.ByteType)
          || actual.equals(DataTypes.ShortType)
          || actual.equals(DataTypes.IntegerType)
          || actual.equals(DataTypes.LongType);
    }
    return false;
  }
}
