package io.nightshift.jobs.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.types.StructField;

/**
 * Renders the output tables' declarations ({@link OutputTable}) as the README's Outputs table and
 * as {@code docs/outputs.md} (every column with its type). {@code OutputDocTest} keeps both equal
 * to the code; {@link #main} rewrites them after a declaration changed.
 */
public final class OutputDoc {
  /** Marks the start of the generated part of the README. */
  public static final String BEGIN =
      "<!-- outputs:begin (generated from schema/OutputTable by OutputDoc; do not edit) -->\n";

  /** Marks the end of the generated part of the README. */
  public static final String END = "<!-- outputs:end -->\n";

  private OutputDoc() {}

  /** The README's summary: one line per output table. */
  public static String readmeTable() {
    StringBuilder b = new StringBuilder();
    b.append("| table | one row per | what |\n|---|---|---|\n");
    for (OutputTable t : OutputTable.values()) {
      b.append("| [`")
          .append(t.tableName())
          .append("`](docs/outputs.md#")
          .append(t.tableName())
          .append(") | ")
          .append(t.grain())
          .append(" | ")
          .append(t.what())
          .append(" |\n");
    }
    return b.toString();
  }

  /** {@code docs/outputs.md}: every output table's columns and types, in declared order. */
  public static String columnsPage() {
    StringBuilder b = new StringBuilder();
    b.append("# Output tables\n\n")
        .append(
            "Generated from the declarations in `jobs/src/main/java/io/nightshift/jobs/schema/`")
        .append(" (`OutputTable` and each table's `SCHEMA`); a test keeps this page equal to them.")
        .append(" Every table is partitioned by `run_date` (`<output>/<table>/run_date=D/`);")
        .append(" the nightly run refuses to write a table whose columns or types differ from")
        .append(" its declaration.\n\n");
    for (OutputTable t : OutputTable.values()) {
      b.append("## ")
          .append(t.tableName())
          .append("\n\nOne row per ")
          .append(t.grain())
          .append(": ")
          .append(t.what())
          .append(".\n\n| column | type |\n|---|---|\n");
      for (StructField f : t.schema().fields()) {
        b.append("| `")
            .append(f.name())
            .append("` | `")
            .append(f.dataType().catalogString())
            .append("` |\n");
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** The README with its generated Outputs part replaced by {@link #readmeTable()}. */
  public static String refreshReadme(String readme) {
    int from = readme.indexOf(BEGIN);
    int to = readme.indexOf(END);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(
          "README.md has no '" + BEGIN.trim() + "' ... '" + END.trim() + "' block");
    }
    return readme.substring(0, from + BEGIN.length()) + readmeTable() + readme.substring(to);
  }

  /**
   * Rewrites the README's Outputs table and {@code docs/outputs.md} from the declarations.
   *
   * @param args the repository folder (default: the current folder)
   */
  public static void main(String[] args) throws IOException {
    Path repo = Path.of(args.length > 0 ? args[0] : ".");
    Path readme = repo.resolve("README.md");
    Files.writeString(
        readme,
        refreshReadme(Files.readString(readme, StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8);
    Files.writeString(repo.resolve("docs/outputs.md"), columnsPage(), StandardCharsets.UTF_8);
  }
}
