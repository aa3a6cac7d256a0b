package io.nightshift.models.logs;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class LogTemplateMinerSparkTest {
  private static final StructType SCHEMA =
      new StructType().add("message", "string").add("host", "string");

  private static Dataset<Row> lines(SparkSession spark, List<String> msgs, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < msgs.size(); i++) {
      rows.add(RowFactory.create(msgs.get(i), "h" + (i % 3)));
    }
    return spark.createDataFrame(rows, SCHEMA).repartition(partitions);
  }

  private static Set<String> texts(LogTemplateModel m) {
    return m.templates().stream()
        .map(LogTemplateModel.TemplateEntry::template)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void minesAcrossPartitionsTheSameTemplatesAsOnOneMachine(SparkSession spark) {
    List<String> msgs = TemplateMinerTest.sampleLog(21);
    LogTemplateModel four = new LogTemplateMiner().fit(lines(spark, msgs, 4));
    LogTemplateModel one = new LogTemplateMiner().fit(lines(spark, msgs, 1));
    assertEquals(texts(one), texts(four));
    assertTrue(
        texts(four).contains("PacketResponder <*> for block <*> terminating"),
        texts(four).toString());
    long total = four.templates().stream().mapToLong(LogTemplateModel.TemplateEntry::count).sum();
    assertEquals(msgs.size(), total);
  }

  @Test
  void assignsEveryLineToItsTemplateAndMarksUnknownLines(SparkSession spark) {
    LogTemplateModel m =
        new LogTemplateMiner().fit(lines(spark, TemplateMinerTest.sampleLog(22), 2));
    List<String> fresh = new ArrayList<>(TemplateMinerTest.sampleLog(23));
    fresh.add("kernel panic at cpu 3");
    Dataset<Row> out = m.transform(lines(spark, fresh, 3));
    assertEquals(fresh.size(), out.count());
    assertEquals(1, out.filter(col("template_known").equalTo(false)).count());
    Row unknown = out.filter(col("template_known").equalTo(false)).first();
    assertEquals("kernel panic at cpu <*>", unknown.getAs("template"));
    assertEquals(TemplateIds.of("kernel panic at cpu <*>"), unknown.getAs("template_id"));
    Row pr = out.filter(col("message").startsWith("PacketResponder")).first();
    assertEquals(
        TemplateIds.of("PacketResponder <*> for block <*> terminating"), pr.getAs("template_id"));
    assertEquals("h0", out.filter(col("host").equalTo("h0")).first().getAs("host"));
  }

  @Test
  void savesAndLoadsTheDictionaryWithItsParams(SparkSession spark, @TempDir Path dir)
      throws Exception {
    LogTemplateModel m =
        new LogTemplateMiner()
            .setMaxSplitValues(3)
            .fit(lines(spark, TemplateMinerTest.sampleLog(24), 2));
    LogTemplateModel dated =
        m.withEntries(
            m.templates().stream()
                .map(
                    e ->
                        new LogTemplateModel.TemplateEntry(
                            e.id(),
                            e.template(),
                            e.count(),
                            e.example(),
                            "2026-01-01",
                            "2026-01-02"))
                .toList());
    String path = dir.resolve("model").toString();
    dated.write().overwrite().save(path);
    LogTemplateModel loaded = LogTemplateModel.load(path);
    assertEquals(dated.uid(), loaded.uid());
    assertEquals(3, (int) loaded.getOrDefault(loaded.maxSplitValues()));
    assertEquals(
        new TreeSet<>(dated.templates().stream().map(Object::toString).toList()),
        new TreeSet<>(loaded.templates().stream().map(Object::toString).toList()));
    // the metadata is written without a Spark job, in the layout Spark ML's own reader reads
    org.apache.spark.ml.util.DefaultParamsReader.Metadata meta =
        org.apache.spark.ml.util.DefaultParamsReader.loadMetadata(
            path, spark, LogTemplateModel.class.getName());
    assertEquals(dated.uid(), meta.uid());
    LogTemplateModel viaSpark = new LogTemplateModel(meta.uid(), loaded.templates());
    meta.getAndSetParams(viaSpark, scala.Option.empty());
    assertEquals(3, (int) viaSpark.getOrDefault(viaSpark.maxSplitValues()));
  }

  @Test
  void mergeKeepsExistingIdsAndAddsNewTemplates() {
    LogTemplateModel.TemplateEntry a =
        new LogTemplateModel.TemplateEntry("T1", "a <*>", 5, "a 1", "2026-01-01", "2026-01-01");
    LogTemplateModel.TemplateEntry a2 =
        new LogTemplateModel.TemplateEntry("T1", "a <*>", 2, "a 2", "2026-01-02", "2026-01-02");
    LogTemplateModel.TemplateEntry b =
        new LogTemplateModel.TemplateEntry("T2", "b <*>", 1, "b 1", "2026-01-02", "2026-01-02");
    LogTemplateModel merged = new LogTemplateModel(List.of(a)).merge(List.of(a2, b));
    assertEquals(2, merged.templates().size());
    LogTemplateModel.TemplateEntry m1 = merged.templates().get(0);
    assertEquals("2026-01-01", m1.firstSeen());
    assertEquals("2026-01-02", m1.lastSeen());
    assertEquals(7, m1.count());
    assertEquals("T2", merged.templates().get(1).id());
  }

  @Test
  void rejectsANonStringMessageColumnNamingIt(SparkSession spark) {
    Dataset<Row> bad = spark.range(3).toDF("message");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new LogTemplateMiner().fit(bad));
    assertTrue(
        e.getMessage()
            .startsWith("log template miner: input column 'message' must be string, was bigint"),
        e.getMessage());
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> new LogTemplateMiner().setInputCol("msg").fit(bad));
    assertTrue(
        missing
            .getMessage()
            .startsWith("log template miner: input column 'msg' (string) is missing"),
        missing.getMessage());
    assertFalse(missing.getMessage().isEmpty());
  }
}
