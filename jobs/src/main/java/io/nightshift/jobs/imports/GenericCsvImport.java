package io.nightshift.jobs.imports;

import io.nightshift.jobs.schema.InputTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Any CSV as one input table: each contract column is read from the export column of the same name
 * or the one {@code --map canonical=their_column} names; timestamps are parsed with {@link
 * ExportCsv#timestamp}, numbers converted to double, the rest kept as text. A value present but not
 * convertible refuses its row ({@code unparsable_<column>}); a required column missing from the
 * file fails the import, naming it.
 */
public final class GenericCsvImport {
  private GenericCsvImport() {}

  /** The table's rows, canonical names, with a {@link ImportWriter#REFUSED} reason. */
  public static Dataset<Row> rows(ExportCsv csv, InputTable table, Map<String, String> map) {
    for (String canonical : map.keySet()) {
      if (table.column(canonical).isEmpty()) {
        throw new IllegalArgumentException(
            "--map "
                + canonical
                + "=...: "
                + table.tableName()
                + " has no column '"
                + canonical
                + "'; it has "
                + table.columns().stream().map(io.nightshift.jobs.schema.Column::name).toList());
      }
    }
    List<Column> out = new ArrayList<>();
    Unparsable u = new Unparsable();
    for (io.nightshift.jobs.schema.Column c : table.columns()) {
      String source = map.getOrDefault(c.name(), c.name());
      if (c.required()) {
        csv.require("the " + table.tableName() + " column '" + c.name() + "'", source);
      }
      Column text = csv.text(source);
      Column v;
      if (c.type().equals(DataTypes.TimestampType)) {
        v = csv.timestamp(text);
        u.check(c.name(), text, v);
      } else if (c.type().equals(DataTypes.DoubleType)) {
        v = text.try_cast("double");
        u.check(c.name(), text, v);
      } else {
        v = text;
      }
      out.add(v.as(c.name()));
    }
    out.add(u.reason().as(ImportWriter.REFUSED));
    return csv.rows().select(out.toArray(Column[]::new));
  }

  /** Parses {@code canonical=their_column,...}. */
  public static Map<String, String> parseMap(String spec) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return m;
    }
    for (String pair : Arrays.stream(spec.split(",")).map(String::trim).toList()) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new IllegalArgumentException(
            "--map expects canonical=their_column pairs separated by commas, got '" + pair + "'");
      }
      m.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return m;
  }
}
