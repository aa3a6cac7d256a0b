package io.nightshift.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one place that spells paths under the output root. */
class OutputLayoutTest {
  private static final LocalDate D = LocalDate.parse("2026-06-30");

  @Test
  void spellsEveryPathOnceWhateverTheTrailingSlashes() {
    for (String root : new String[] {"/data/out", "/data/out/", "/data/out///"}) {
      OutputLayout l = new OutputLayout(root);
      assertEquals("/data/out/kpis/run_date=2026-06-30", l.partition("kpis", D));
      assertEquals("/data/out/_staging/run_date=2026-06-30", l.staging(D));
      assertEquals("/data/out/runs/2026-06-30", l.runDir(D));
      assertEquals("/data/out/reports/2026-06-30", l.reports(D));
      assertEquals("/data/out/models/anomaly/run_date=2026-06-30", l.model("anomaly", D));
      assertEquals("/data/out/state/templates", l.state("templates"));
    }
    assertEquals("s3a://bucket/out/kpis", new OutputLayout("s3a://bucket/out/").table("kpis"));
  }

  @Test
  void readsTheRunDateOfPartitionFoldersOnly() {
    assertEquals(Optional.of(D), OutputLayout.partitionDate("run_date=2026-06-30"));
    assertEquals(Optional.empty(), OutputLayout.partitionDate("run_date=2026-13-45"));
    assertEquals(Optional.empty(), OutputLayout.partitionDate("_previous"));
    assertEquals(Optional.empty(), OutputLayout.partitionDate("run_date=2026-06-30.tmp"));
  }
}
