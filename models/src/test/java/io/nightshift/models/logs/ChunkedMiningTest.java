package io.nightshift.models.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * A task mines its partition in bounded chunks of distinct masked lines, so a huge partition cannot
 * exhaust the heap; the partial templates are the same as mining every line at once.
 */
class ChunkedMiningTest {

  private static List<Row> lines() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.add(
          RowFactory.create("Connection from 10.0.0." + (i % 7) + " closed after " + i + " ms"));
      rows.add(RowFactory.create("User " + (i % 2 == 0 ? "alice" : "bob") + " logged in"));
      rows.add(RowFactory.create("Disk /var/data" + i + " is full"));
      rows.add(RowFactory.create("Heartbeat ok")); // the same line again and again
    }
    return rows;
  }

  /**
   * template -> total count over all partials (partials of one template are summed, as fit does).
   */
  private static Map<String, Long> merged(Iterator<Row> partials) {
    Map<String, Long> m = new TreeMap<>();
    partials.forEachRemaining(r -> m.merge(r.getString(0), r.getLong(1), Long::sum));
    return m;
  }

  @Test
  void chunksOfAFewDistinctLinesGiveTheTemplatesAndCountsOfOneChunk() {
    MinerSettings s = MinerSettings.defaults();
    Map<String, Long> whole =
        merged(LogTemplateMiner.minePartition(s, lines().iterator(), 1_000_000));
    Map<String, Long> chunked = merged(LogTemplateMiner.minePartition(s, lines().iterator(), 3));

    assertEquals(whole, chunked);
    assertEquals(
        160L, whole.values().stream().mapToLong(Long::longValue).sum(), "every line counted");
    assertEquals(
        40L, whole.get("Heartbeat ok"), "identical lines are mined once, counted 40 times");
  }

  @Test
  void aPartitionOfOnlyIdenticalLinesIsOneTemplateWithTheirCount() {
    List<Row> same = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      same.add(RowFactory.create("GC pause young"));
    }
    Map<String, Long> m =
        merged(LogTemplateMiner.minePartition(MinerSettings.defaults(), same.iterator()));
    assertEquals(Map.of("GC pause young", 100_000L), m);
  }
}
