package io.nightshift.jobs.schema;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * docs/input.md (the README links to it) documents the input contract exactly as the code declares
 * it.
 */
class ContractDocTest {
  @Test
  void theInputPageShowsTheDeclaredInputContract() throws IOException {
    String page = Files.readString(SharedData.repoDir().resolve("docs/input.md"));
    assertTrue(
        page.contains(ContractDoc.markdown()),
        "docs/input.md's input contract differs from InputTable; refresh it with ContractDoc.main");
  }
}
