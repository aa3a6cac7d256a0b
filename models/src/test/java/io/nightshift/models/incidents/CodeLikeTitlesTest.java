package io.nightshift.models.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.testkit.SparkExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Families on real-looking ticket data, where the short description is a symptom code or empty.
 *
 * <p>The labelled sample: 4 assignment groups; per group 12 planted problems, each a (category,
 * subcategory, symptom code, configuration item) drawn from small shared pools (so problems of one
 * group often share a category or a subcategory or a symptom code, as real ones do); 20 incidents
 * per problem. An incident's title is its symptom code ("491", 50%), empty (25%) or null (25%); its
 * symptom column is missing for 20% of incidents; its close code is one of 8, at random. Truth: the
 * planted problem. Pairwise precision and recall over all pairs of incidents.
 */
@ExtendWith(SparkExtension.class)
class CodeLikeTitlesTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("incident_id", DataTypes.StringType)
          .add("service", DataTypes.StringType)
          .add("entity", DataTypes.StringType)
          .add("category", DataTypes.StringType)
          .add("title", DataTypes.StringType)
          .add("root_cause", DataTypes.StringType)
          .add("subcategory", DataTypes.StringType)
          .add("symptom", DataTypes.StringType)
          .add("close_code", DataTypes.StringType)
          .add("truth", DataTypes.StringType);

  @Test
  void groupsCodeTitledIncidentsByTheirCodesAndLabelsThemWithThem(SparkSession spark) {
    List<Row> rows = sample(7);
    Dataset<Row> in = spark.createDataFrame(rows, SCHEMA);

    Dataset<Row> out = new IncidentFamilyGrouper().fit(in).transform(in);

    Map<String, String> family = new HashMap<>();
    Map<String, String> label = new HashMap<>();
    for (Row r : out.select("incident_id", "family_id", "family_label").collectAsList()) {
      family.put(r.getString(0), r.getString(1));
      label.put(r.getString(1), r.getString(2));
    }
    double[] pr = pairwise(rows, family);
    double[] baseline = pairwise(rows, previousRule(rows));
    System.out.printf(
        "code-like titles, %d incidents, %d planted problems: pairwise precision %.3f recall %.3f"
            + " (previous rule, titles masked to <num>: precision %.3f recall %.3f), %d families%n",
        rows.size(), 48, pr[0], pr[1], baseline[0], baseline[1], label.size());
    assertTrue(pr[0] >= 0.95, "precision " + pr[0]);
    assertTrue(pr[1] >= 0.6, "recall " + pr[1]);
    assertTrue(label.values().stream().noneMatch(l -> l.contains("<num>")), label.toString());
    String l = label.get(family.get("g0-p0-i0"));
    assertTrue(l.contains("symptom "), l);
    assertTrue(l.contains(" on CI "), l);
  }

  @Test
  void fitLocallyGroupsCodeTitledIncidentsAsFitDoes(SparkSession spark) {
    List<Row> rows = sample(7);
    assertEquals(
        IncidentFamilyGrouperTest.familiesOfFit(spark.createDataFrame(rows, SCHEMA)),
        IncidentFamilyGrouperTest.familiesOfLocalFit(spark, SCHEMA, rows));
  }

  @Test
  void labelsAFamilyWithCategorySubcategorySymptomAndItem() {
    assertEquals(
        "Software / 174 · symptom 491 on CI 1090 (Group 70)",
        CodeLabel.of("Group 70", "Software", "CI 1090", "subcategory=174 symptom=491"));
    assertEquals(
        "incident · code 491 on Group 70", CodeLabel.of("Group 70", "", "", "code=491 <*>"));
  }

  /** The rule before structured codes: a code-like title is masked to "<num>". */
  private static Map<String, String> previousRule(List<Row> rows) {
    Map<String, String> f = new HashMap<>();
    for (Row r : rows) {
      String title = r.getString(4);
      boolean titled = title != null && !title.isBlank();
      f.put(
          r.getString(0),
          titled
              ? r.getString(1) + "|" + r.getString(3) + "|" + TitleNormaliser.template(title)
              : r.getString(1) + "|" + r.getString(3) + "|" + r.getString(2));
    }
    return f;
  }

  private static double[] pairwise(List<Row> rows, Map<String, String> family) {
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (int i = 0; i < rows.size(); i++) {
      for (int j = i + 1; j < rows.size(); j++) {
        boolean same = rows.get(i).getString(9).equals(rows.get(j).getString(9));
        boolean grouped =
            family.get(rows.get(i).getString(0)).equals(family.get(rows.get(j).getString(0)));
        if (same && grouped) {
          tp++;
        } else if (grouped) {
          fp++;
        } else if (same) {
          fn++;
        }
      }
    }
    return new double[] {tp / (double) (tp + fp), tp / (double) (tp + fn)};
  }

  private static List<Row> sample(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Row> rows = new ArrayList<>();
    for (int g = 0; g < 4; g++) {
      for (int p = 0; p < 12; p++) {
        String category = "Category " + (20 + r.nextInt(4));
        String sub = "Subcategory " + (170 + r.nextInt(6));
        String symptom = String.valueOf(480 + r.nextInt(15));
        String ci = "CI " + (1000 + r.nextInt(5));
        for (int i = 0; i < 20; i++) {
          double u = r.nextDouble();
          String title = u < 0.5 ? symptom : u < 0.75 ? "" : null;
          rows.add(
              RowFactory.create(
                  "g" + g + "-p" + p + "-i" + i,
                  "Group " + g,
                  ci,
                  category,
                  title,
                  null,
                  sub,
                  r.nextDouble() < 0.2 ? null : "Symptom " + symptom,
                  "code " + r.nextInt(8),
                  "g" + g + "-p" + p));
        }
      }
    }
    return rows;
  }
}
