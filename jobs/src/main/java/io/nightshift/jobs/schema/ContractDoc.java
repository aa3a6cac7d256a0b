package io.nightshift.jobs.schema;

/**
 * Renders the input contract as the Markdown tables docs/input.md shows; a test keeps that page in
 * step with {@link InputTable}, so the documentation cannot drift from the code.
 */
public final class ContractDoc {
  private ContractDoc() {}

  /** One Markdown table per input table. */
  public static String markdown() {
    StringBuilder b = new StringBuilder();
    for (InputTable t : InputTable.values()) {
      b.append("**`")
          .append(t.tableName())
          .append("`**")
          .append(": `<input>/")
          .append(t.tableName())
          .append("/dt=YYYY-MM-DD/*.parquet`, partitioned by the day of `")
          .append(t.eventTimeColumn())
          .append("`\n\n");
      b.append("| column | type | required | meaning | unit |\n");
      b.append("|---|---|---|---|---|\n");
      for (Column c : t.columns()) {
        b.append("| `")
            .append(c.name())
            .append("` | ")
            .append(c.type().simpleString())
            .append(" | ")
            .append(c.required() ? "yes" : "no")
            .append(" | ")
            .append(c.meaning())
            .append(" | ")
            .append(c.unit())
            .append(" |\n");
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** Prints the tables (used to refresh docs/input.md). */
  public static void main(String[] args) {
    System.out.print(markdown());
  }
}
