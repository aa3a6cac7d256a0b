package io.nightshift.models.incidents;

import io.nightshift.models.common.InputColumns;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The params shared by {@link IncidentFamilyGrouper} and {@link IncidentFamilyModel}: which columns
 * hold the incident's service, category, configuration item, title and symptom codes, where the
 * family goes, and how similar two titles must be to share a family. Each class holds its own
 * {@link ParamSet} (Spark discovers params through these public accessor methods).
 */
public interface IncidentFamilyParams extends Params {
  /** Column of the affected service (string, required). Default "service". */
  Param<String> serviceCol();

  /** Column of the incident category (string; optional in the data). Default "category". */
  Param<String> categoryCol();

  /** Column of the configuration item (string; optional). Default "entity". */
  Param<String> entityCol();

  /** Column of the free-text title (string, may be null). Default "title". */
  Param<String> titleCol();

  /**
   * Column of symptom codes, used instead of the title when the title is missing (string;
   * optional). Default "root_cause".
   */
  Param<String> symptomCol();

  /**
   * Columns of structured codes that name the problem when the title is weak (missing, or only
   * numbers and ids, such as a symptom code "491"): subcategory and symptom code. Their values are
   * compared verbatim (never masked) and make the family label. Columns the data lacks are ignored.
   * A close code is not among the defaults: it says how an incident ended, which varies within one
   * problem, and as a third code it would let two different symptoms of one subcategory reach the
   * default similarity (2 of 4 codes shared). Default ["subcategory", "symptom"].
   */
  StringArrayParam codeCols();

  /** Output column: the family id. Default "family_id". */
  Param<String> familyIdCol();

  /** Output column: the family's readable label. Default "family_label". */
  Param<String> familyLabelCol();

  /** Least Jaccard similarity of two title templates' token sets to join them. Default 0.5. */
  DoubleParam similarityThreshold();

  /** LSH bands of the MinHash signature. Default 16. */
  IntParam numBands();

  /** MinHash values per LSH band. Default 2. */
  IntParam rowsPerBand();

  default String getServiceCol() {
    return getOrDefault(serviceCol());
  }

  default String getCategoryCol() {
    return getOrDefault(categoryCol());
  }

  default String getEntityCol() {
    return getOrDefault(entityCol());
  }

  default String getTitleCol() {
    return getOrDefault(titleCol());
  }

  default String getSymptomCol() {
    return getOrDefault(symptomCol());
  }

  default String[] getCodeCols() {
    return getOrDefault(codeCols());
  }

  default String getFamilyIdCol() {
    return getOrDefault(familyIdCol());
  }

  default String getFamilyLabelCol() {
    return getOrDefault(familyLabelCol());
  }

  default double getSimilarityThreshold() {
    return (Double) getOrDefault(similarityThreshold());
  }

  default int getNumBands() {
    return (Integer) getOrDefault(numBands());
  }

  default int getRowsPerBand() {
    return (Integer) getOrDefault(rowsPerBand());
  }

  /**
   * Checks the input schema: the service and title columns must exist, and every named column that
   * exists must be a string.
   *
   * @throws IllegalArgumentException naming the column, the expected and the actual type
   */
  default void validateInput(StructType schema) {
    String model = "Incident family grouping";
    InputColumns.require(schema, model, getServiceCol(), InputColumns.STRING);
    InputColumns.require(schema, model, getTitleCol(), InputColumns.STRING);
    java.util.List<String> optional =
        new java.util.ArrayList<>(
            java.util.List.of(getCategoryCol(), getEntityCol(), getSymptomCol()));
    optional.addAll(java.util.Arrays.asList(getCodeCols()));
    for (String c : optional) {
      InputColumns.requireIfPresent(schema, model, c, InputColumns.STRING);
    }
  }

  /** The input schema with the two output columns appended. */
  default StructType outputSchema(StructType schema) {
    validateInput(schema);
    return schema
        .add(
            new StructField(
                getFamilyIdCol(),
                DataTypes.StringType,
                true,
                org.apache.spark.sql.types.Metadata.empty()))
        .add(
            new StructField(
                getFamilyLabelCol(),
                DataTypes.StringType,
                true,
                org.apache.spark.sql.types.Metadata.empty()));
  }

  /** The param objects of one owner, with their docs, validators and defaults. */
  final class ParamSet {
    final Param<String> serviceCol;
    final Param<String> categoryCol;
    final Param<String> entityCol;
    final Param<String> titleCol;
    final Param<String> symptomCol;
    final StringArrayParam codeCols;
    final Param<String> familyIdCol;
    final Param<String> familyLabelCol;
    final DoubleParam similarityThreshold;
    final IntParam numBands;
    final IntParam rowsPerBand;

    ParamSet(IncidentFamilyParams owner) {
      serviceCol = new Param<>(owner, "serviceCol", "column of the affected service");
      categoryCol = new Param<>(owner, "categoryCol", "column of the incident category");
      entityCol = new Param<>(owner, "entityCol", "column of the configuration item");
      titleCol = new Param<>(owner, "titleCol", "column of the free-text title");
      symptomCol =
          new Param<>(owner, "symptomCol", "column of symptom codes, used when a title is missing");
      codeCols =
          new StringArrayParam(
              owner, "codeCols", "columns of structured codes naming the problem of weak titles");
      familyIdCol = new Param<>(owner, "familyIdCol", "output column of the family id");
      familyLabelCol = new Param<>(owner, "familyLabelCol", "output column of the family label");
      similarityThreshold =
          new DoubleParam(
              owner,
              "similarityThreshold",
              "least Jaccard similarity of two title templates to share a family, in (0, 1]",
              ParamValidators.inRange(0.0, 1.0, false, true));
      numBands =
          new IntParam(
              owner, "numBands", "LSH bands of the MinHash signature", ParamValidators.gtEq(1));
      rowsPerBand =
          new IntParam(
              owner, "rowsPerBand", "MinHash values per LSH band", ParamValidators.gtEq(1));
      owner.setDefault(serviceCol, "service");
      owner.setDefault(categoryCol, "category");
      owner.setDefault(entityCol, "entity");
      owner.setDefault(titleCol, "title");
      owner.setDefault(symptomCol, "root_cause");
      owner.setDefault(codeCols, new String[] {"subcategory", "symptom"});
      owner.setDefault(familyIdCol, "family_id");
      owner.setDefault(familyLabelCol, "family_label");
      owner.setDefault(similarityThreshold, 0.5);
      owner.setDefault(numBands, 16);
      owner.setDefault(rowsPerBand, 2);
    }
  }
}
