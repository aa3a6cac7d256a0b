package io.nightshift.models.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.testkit.SparkExtension;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class IncidentFamilyGrouperTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("incident_id", DataTypes.StringType)
          .add("service", DataTypes.StringType)
          .add("entity", DataTypes.StringType)
          .add("category", DataTypes.StringType)
          .add("title", DataTypes.StringType)
          .add("root_cause", DataTypes.StringType);

  private static Dataset<Row> incidents(SparkSession spark, List<Row> rows) {
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static final List<Row> ROWS =
      List.of(
          RowFactory.create(
              "i1", "checkout", "web-01", "disk", "Disk /var 95% full on web-01", null),
          RowFactory.create(
              "i2", "checkout", "web-07", "disk", "disk /var 91% full on web-07", null),
          RowFactory.create(
              "i3", "checkout", "web-02", "disk", "Disk /var almost full web-02", null),
          RowFactory.create(
              "i4", "checkout", "db-01", "database", "Replication lag 340s on db-01", null),
          RowFactory.create(
              "i5", "checkout", "db-02", "database", "Replication lag 12s on db-02", null),
          RowFactory.create(
              "i6", "payments", "web-01", "disk", "Disk /var 95% full on web-01", null),
          RowFactory.create("i7", "checkout", "lb-1", "network", null, "E503 BACKEND_DOWN"),
          RowFactory.create("i8", "checkout", "lb-1", "network", "  ", "E503 backend_down"),
          RowFactory.create("i9", "checkout", "lb-2", "network", null, "E503 BACKEND_DOWN"),
          RowFactory.create("i10", "checkout", "lb-1", "network", null, "E110 TLS_HANDSHAKE"));

  private static Dataset<Row> input;
  private static IncidentFamilyModel model;
  private static Dataset<Row> grouped;

  @BeforeAll
  static void fitOnce(SparkSession spark) {
    input = incidents(spark, ROWS);
    model = new IncidentFamilyGrouper().fit(input);
    grouped = model.transform(input).cache();
  }

  /** Each incident's (family id, label) from {@code fit} then {@code transform}. */
  static Map<String, List<String>> familiesOfFit(Dataset<Row> in) {
    Map<String, List<String>> out = new HashMap<>();
    for (Row r :
        new IncidentFamilyGrouper()
            .fit(in)
            .transform(in)
            .select("incident_id", "family_id", "family_label")
            .collectAsList()) {
      out.put(r.getString(0), List.of(r.getString(1), r.getString(2)));
    }
    return out;
  }

  /** Each incident's (family id, label) from {@code fitLocally}. */
  static Map<String, List<String>> familiesOfLocalFit(
      SparkSession spark, StructType schema, List<Row> rows) {
    IncidentFamilyGrouper.LocalFit fit =
        new IncidentFamilyGrouper().fitLocally(spark, schema, rows);
    Map<String, List<String>> out = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      out.put(rows.get(i).getString(0), List.of(fit.familyIds().get(i), fit.familyLabels().get(i)));
    }
    return out;
  }

  private static Map<String, String> families(Dataset<Row> out) {
    Map<String, String> m = new HashMap<>();
    for (Row r : out.select("incident_id", "family_id").collectAsList()) {
      m.put(r.getString(0), r.getString(1));
    }
    return m;
  }

  @Test
  void fitLocallyGivesTheFamiliesLabelsAndTemplatesOfFit(SparkSession spark) {
    IncidentFamilyGrouper.LocalFit local =
        new IncidentFamilyGrouper().fitLocally(spark, SCHEMA, ROWS);
    assertEquals(familiesOfFit(input), familiesOfLocalFit(spark, SCHEMA, ROWS));
    Dataset<Row> expected = model.templates();
    Dataset<Row> actual = local.model().templates();
    assertEquals(0, expected.except(actual).count(), "templates of fit not in fitLocally's");
    assertEquals(0, actual.except(expected).count(), "templates of fitLocally not in fit's");
  }

  @Test
  void groupsNearDuplicateTitlesWithinServiceAndCategory() {
    Map<String, String> f = families(grouped);
    assertEquals(f.get("i1"), f.get("i2"));
    assertEquals(f.get("i1"), f.get("i3"));
    assertEquals(f.get("i4"), f.get("i5"));
    assertNotEquals(f.get("i1"), f.get("i4"));
    assertNotEquals(f.get("i1"), f.get("i6"), "another service is another family");
  }

  @Test
  void groupsIncidentsWithoutTitleByItemCategoryAndSymptomCodes() {
    Dataset<Row> out = grouped;
    Map<String, String> f = families(out);
    assertEquals(f.get("i7"), f.get("i8"), "blank title counts as missing; codes case-folded");
    assertNotEquals(f.get("i7"), f.get("i9"), "another configuration item");
    assertNotEquals(f.get("i7"), f.get("i10"), "other symptom codes");
    String label = out.where("incident_id = 'i7'").select("family_label").first().getString(0);
    assertEquals("[no title] network on checkout/lb-1: e503 backend_down", label);
  }

  @Test
  void labelIsTheCommonTemplate() {
    Dataset<Row> out = grouped;
    assertEquals(
        "disk var <*> full <*> <host>",
        out.where("incident_id = 'i1'").select("family_label").first().getString(0));
  }

  @Test
  void savedModelAssignsNewIncidentsToKnownFamilies(SparkSession spark, @TempDir Path dir)
      throws java.io.IOException {
    String path = dir.resolve("families").toString();
    model.write().save(path);
    IncidentFamilyModel loaded = IncidentFamilyModel.load(path);
    assertEquals(model.getSimilarityThreshold(), loaded.getSimilarityThreshold());
    assertEquals(model.templates().count(), loaded.templates().count());
    Map<String, String> before = families(grouped);
    Dataset<Row> later =
        incidents(
            spark,
            List.of(
                RowFactory.create(
                    "n1", "checkout", "web-09", "disk", "Disk /var 99% full on web-09", null),
                RowFactory.create(
                    "n2", "checkout", "web-09", "disk", "disk var full again web-09", null),
                RowFactory.create(
                    "n3", "checkout", "web-09", "disk", "Inode table corrupted", null)));
    Map<String, String> after = families(loaded.transform(later));
    assertEquals(before.get("i1"), after.get("n1"), "known template");
    assertEquals(before.get("i1"), after.get("n2"), "new but similar template");
    assertNotEquals(before.get("i1"), after.get("n3"));
    assertTrue(after.get("n3").startsWith("F"));
  }

  @Test
  void failsOnNonStringTitleNamingTheColumn() {
    Dataset<Row> df = input.withColumn("title", org.apache.spark.sql.functions.lit(1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new IncidentFamilyGrouper().fit(df));
    assertTrue(
        e.getMessage().startsWith("Incident family grouping: input column 'title' must be string"),
        e.getMessage());
  }
}
