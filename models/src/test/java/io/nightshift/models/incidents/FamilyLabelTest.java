package io.nightshift.models.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FamilyLabelTest {
  @Test
  void replacesTokensNotSharedByAllTemplatesWithOneWildcard() {
    assertEquals(
        "replication <*> on <host>",
        FamilyLabel.common(
            List.of("replication lag <num> s on <host>", "replication broken on <host>"),
            List.of(3L, 1L)));
  }

  @Test
  void aRunOfOneMaskReadsAsOneValue() {
    assertEquals(
        "high latency in search after deploy <num>",
        FamilyLabel.common(
            List.of("high latency in search after deploy <num> <num>"), List.of(5L)));
    assertEquals(
        "lag <num> s of <num>", FamilyLabel.common(List.of("lag <num> s of <num>"), List.of(1L)));
  }

  @Test
  void singleTemplateIsItsOwnLabel() {
    assertEquals("disk var full", FamilyLabel.common(List.of("disk var full"), List.of(2L)));
  }
}
