package io.nightshift.jobs.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's Outputs table and docs/outputs.md are generated from the output declarations. When
 * this fails, refresh both with {@code mvn -B -q -o -pl jobs -am test -Dtest=OutputDocTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dnightshift.docs.refresh=true} (which rewrites them,
 * then checks), and commit the result.
 */
class OutputDocTest {
  @BeforeAll
  static void refreshWhenAsked() throws IOException {
    if (Boolean.getBoolean("nightshift.docs.refresh")) {
      OutputDoc.main(new String[] {SharedData.repoDir().toString()});
    }
  }

  private static final String REFRESH =
      " differs from schema/OutputTable; refresh it with OutputDoc.main (see OutputDocTest)";

  @Test
  void readmeShowsTheDeclaredOutputTables() throws IOException {
    String readme = Files.readString(SharedData.repoDir().resolve("README.md"));
    assertEquals(OutputDoc.refreshReadme(readme), readme, "README.md's Outputs table" + REFRESH);
  }

  @Test
  void outputsPageShowsEveryDeclaredColumnAndType() throws IOException {
    String page = Files.readString(SharedData.repoDir().resolve("docs/outputs.md"));
    assertEquals(OutputDoc.columnsPage(), page, "docs/outputs.md" + REFRESH);
  }

  @Test
  void everyDeclaredTableHasAUniqueNameAndUniqueColumns() {
    Set<String> names = new HashSet<>();
    for (OutputTable t : OutputTable.values()) {
      assertTrue(names.add(t.tableName()), "declared twice: " + t.tableName());
      Set<String> cols = new HashSet<>();
      for (StructField f : t.schema().fields()) {
        assertTrue(cols.add(f.name()), t.tableName() + " declares column " + f.name() + " twice");
      }
      assertTrue(t.schema().fields().length > 0, t.tableName() + " declares no columns");
    }
  }

  @Test
  void generatedTableFollowsTheDeclarations() {
    String table = OutputDoc.readmeTable();
    for (OutputTable t : OutputTable.values()) {
      assertTrue(table.contains("| [`" + t.tableName() + "`]"), t.tableName());
    }
    assertTrue(OutputDoc.columnsPage().contains("| `precursors` | `array<struct<"));
  }
}
