package io.nightshift.models.incidents;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark side of family assignment, shared by the estimator and the model: derives each
 * incident's block and template, counts distinct templates per block, and runs {@link
 * FamilyAssigner} once per block ({@code groupByKey(block).flatMapGroups}). Never compares
 * incidents across blocks, and within a block compares only distinct templates that share an LSH
 * bucket.
 */
final class FamilyTemplates {
  static final String BLOCK = "block";
  static final String TEMPLATE = "template";
  static final String COUNT = "count";
  static final String FAMILY_ID = "family_id";
  static final String FAMILY_LABEL = "family_label";

  /** Schema of the model's data and of an assignment: one row per distinct template. */
  static final StructType SCHEMA =
      new StructType()
          .add(BLOCK, DataTypes.StringType, false)
          .add(TEMPLATE, DataTypes.StringType, false)
          .add(COUNT, DataTypes.LongType, false)
          .add(FAMILY_ID, DataTypes.StringType, true)
          .add(FAMILY_LABEL, DataTypes.StringType, true);

  private static final UserDefinedFunction TEMPLATE_OF =
      udf(
              (UDF4<String, String, String, String, String>) FamilyTemplates::templateOf,
              DataTypes.StringType)
          .asNonNullable();

  private FamilyTemplates() {}

  /**
   * An incident's template: its title's, when the title names a problem; otherwise {@link
   * FamilyAssigner#NO_TITLE} followed by its structured codes kept verbatim ({@code subcategory=174
   * symptom=491}), a code-like title standing in for the last code ({@code fillKey}, the symptom)
   * when that is missing; with no codes, its masked symptom text.
   */
  static String templateOf(String title, String symptoms, String codes, String fillKey) {
    String t = title == null ? "" : title.trim();
    if (!t.isEmpty() && !TitleNormaliser.isWeak(t)) {
      return TitleNormaliser.template(t);
    }
    String c = codes == null ? "" : codes.trim();
    if (!t.isEmpty() && !(" " + c).contains(" " + fillKey + "=")) {
      c = (c + " " + TitleNormaliser.codeToken(fillKey, t)).trim();
    }
    if (!c.isEmpty()) {
      return FamilyAssigner.NO_TITLE + " " + c;
    }
    String s = TitleNormaliser.symptomTemplate(symptoms);
    return s.isEmpty() ? FamilyAssigner.NO_TITLE : FamilyAssigner.NO_TITLE + " " + s;
  }

  /** Column name used for the block and template while they are attached to incidents. */
  static String tmp(String name) {
    return "__family_" + name;
  }

  /** The incidents with their block key and template attached (as temporary columns). */
  static Dataset<Row> withBlockAndTemplate(Dataset<Row> df, IncidentFamilyParams p) {
    Column service = coalesce(optional(df, p.getServiceCol()), lit(""));
    Column category = coalesce(optional(df, p.getCategoryCol()), lit(""));
    Column entity = coalesce(optional(df, p.getEntityCol()), lit(""));
    Column title = optional(df, p.getTitleCol());
    List<Column> codes = new ArrayList<>();
    String fillKey = "code";
    for (String c : p.getCodeCols()) {
      if (Arrays.asList(df.columns()).contains(c)) {
        // "Symptom 491" in a symptom column is code 491: the column's name as prefix is dropped
        String prefix = "^" + Pattern.quote(c.toLowerCase(Locale.ROOT)) + "[\\s_:#-]*";
        Column v = regexp_replace(regexp_replace(lower(trim(col(c))), prefix, ""), "\\s+", "_");
        codes.add(when(v.notEqual(lit("")), concat(lit(c + "="), v)).otherwise(lit(null)));
        fillKey = c;
      }
    }
    Column codeText =
        codes.isEmpty()
            ? lit(null).cast(DataTypes.StringType)
            : concat_ws(" ", codes.toArray(Column[]::new));
    Column template =
        TEMPLATE_OF.apply(title, optional(df, p.getSymptomCol()), codeText, lit(fillKey));
    Column block =
        when(
                template.startsWith(FamilyAssigner.NO_TITLE),
                concat_ws(FamilyAssigner.SEP, service, category, entity))
            .otherwise(concat_ws(FamilyAssigner.SEP, service, category));
    return df.withColumn(tmp(TEMPLATE), template).withColumn(tmp(BLOCK), block);
  }

  /**
   * The block and template of one incident, {@code [block, template]}: the plain-Java twin of
   * {@link #withBlockAndTemplate} for incidents already on the driver, with Spark's semantics
   * ({@code trim} strips spaces only, {@code concat_ws} skips nulls).
   *
   * @param columns the incidents' columns (codes of absent columns are not used)
   * @param value a column's value as a string, null when null or absent
   */
  static String[] blockAndTemplate(
      IncidentFamilyParams p,
      List<String> columns,
      java.util.function.Function<String, String> value) {
    List<String> codes = new ArrayList<>();
    String fillKey = "code";
    boolean anyCodeColumn = false;
    for (String c : p.getCodeCols()) {
      if (columns.contains(c)) {
        anyCodeColumn = true;
        String raw = value.apply(c);
        if (raw != null) {
          String prefix = "^" + Pattern.quote(c.toLowerCase(Locale.ROOT)) + "[\\s_:#-]*";
          String v =
              trimSpaces(raw)
                  .toLowerCase(Locale.ROOT)
                  .replaceAll(prefix, "")
                  .replaceAll("\\s+", "_");
          if (!v.isEmpty()) {
            codes.add(c + "=" + v);
          }
        }
        fillKey = c;
      }
    }
    String codeText = anyCodeColumn ? String.join(" ", codes) : null;
    String template =
        templateOf(
            columns.contains(p.getTitleCol()) ? value.apply(p.getTitleCol()) : null,
            columns.contains(p.getSymptomCol()) ? value.apply(p.getSymptomCol()) : null,
            codeText,
            fillKey);
    String service = orEmpty(columns, p.getServiceCol(), value);
    String category = orEmpty(columns, p.getCategoryCol(), value);
    String block =
        template.startsWith(FamilyAssigner.NO_TITLE)
            ? String.join(
                FamilyAssigner.SEP, service, category, orEmpty(columns, p.getEntityCol(), value))
            : String.join(FamilyAssigner.SEP, service, category);
    return new String[] {block, template};
  }

  private static String orEmpty(
      List<String> columns, String name, java.util.function.Function<String, String> value) {
    String v = columns.contains(name) ? value.apply(name) : null;
    return v == null ? "" : v;
  }

  /** Spark's {@code trim}: strips the space character (not tabs or newlines) from both ends. */
  private static String trimSpaces(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && s.charAt(a) == ' ') {
      a++;
    }
    while (b > a && s.charAt(b - 1) == ' ') {
      b--;
    }
    return s.substring(a, b);
  }

  /**
   * Assigns families to the distinct templates of every block on the driver ({@link FamilyAssigner}
   * per block, blocks in key order): the plain-Java twin of {@link #assign} for templates without a
   * known family.
   *
   * @param counts incidents per template, per block
   * @return rows in {@link #SCHEMA}
   */
  static List<Row> assignLocally(
      java.util.SortedMap<String, java.util.SortedMap<String, Long>> counts,
      IncidentFamilyParams p) {
    List<Row> out = new ArrayList<>();
    for (var block : counts.entrySet()) {
      List<FamilyAssigner.Item> items = new ArrayList<>();
      block.getValue().forEach((t, n) -> items.add(new FamilyAssigner.Item(t, n, null)));
      FamilyAssigner assigner =
          new FamilyAssigner(
              new TemplateClusterer(
                  p.getSimilarityThreshold(), p.getNumBands(), p.getRowsPerBand()));
      for (FamilyAssigner.Assignment a : assigner.assign(block.getKey(), items)) {
        out.add(
            RowFactory.create(block.getKey(), a.template(), a.count(), a.familyId(), a.label()));
      }
    }
    return out;
  }

  /** Distinct (block, template) with incident counts, in {@link #SCHEMA} with null family. */
  static Dataset<Row> distinctTemplates(Dataset<Row> withKeys) {
    return withKeys
        .groupBy(col(tmp(BLOCK)).as(BLOCK), col(tmp(TEMPLATE)).as(TEMPLATE))
        .agg(count(lit(1)).as(COUNT))
        .withColumn(FAMILY_ID, lit(null).cast(DataTypes.StringType))
        .withColumn(FAMILY_LABEL, lit(null).cast(DataTypes.StringType));
  }

  /** Runs {@link FamilyAssigner} per block over rows in {@link #SCHEMA}. */
  static Dataset<Row> assign(Dataset<Row> items, IncidentFamilyParams p) {
    double threshold = p.getSimilarityThreshold();
    int bands = p.getNumBands();
    int rows = p.getRowsPerBand();
    return items
        .select(BLOCK, TEMPLATE, COUNT, FAMILY_ID, FAMILY_LABEL)
        .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
        .flatMapGroups(
            (FlatMapGroupsFunction<String, Row, Row>)
                (block, it) -> assignBlock(block, it, threshold, bands, rows),
            Encoders.row(SCHEMA));
  }

  private static Iterator<Row> assignBlock(
      String block, Iterator<Row> it, double threshold, int bands, int rows) {
    List<FamilyAssigner.Item> items = new ArrayList<>();
    while (it.hasNext()) {
      Row r = it.next();
      items.add(new FamilyAssigner.Item(r.getString(1), r.getLong(2), r.getString(3)));
    }
    FamilyAssigner assigner = new FamilyAssigner(new TemplateClusterer(threshold, bands, rows));
    List<Row> out = new ArrayList<>(items.size());
    for (FamilyAssigner.Assignment a : assigner.assign(block, items)) {
      out.add(RowFactory.create(block, a.template(), a.count(), a.familyId(), a.label()));
    }
    return out.iterator();
  }

  private static Column optional(Dataset<Row> df, String name) {
    return Arrays.asList(df.columns()).contains(name)
        ? col(name)
        : lit(null).cast(DataTypes.StringType);
  }
}
