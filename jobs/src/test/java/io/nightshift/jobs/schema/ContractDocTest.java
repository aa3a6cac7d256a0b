package io.nightshift.jobs.schema;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The README documents the input contract exactly as the code declares it. */
class ContractDocTest {
  @Test
  void readmeShowsTheDeclaredInputContract() throws IOException {
    String readme = Files.readString(SharedData.repoDir().resolve("README.md"));
    assertTrue(
        readme.contains(ContractDoc.markdown()),
        "README.md's input contract differs from InputTable; refresh it with ContractDoc.main");
  }
}
