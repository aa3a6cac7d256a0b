package io.nightshift.models.incidents;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Learns incident families: groups incidents of the same service and category whose normalised
 * titles are near-duplicates (MinHash LSH over title tokens, exact Jaccard check, single linkage),
 * and incidents without a title by service, category, configuration item and symptom codes. The
 * fitted {@link IncidentFamilyModel} remembers every template and its family, so it assigns the
 * same ids to later incidents of known families.
 */
public final class IncidentFamilyGrouper extends Estimator<IncidentFamilyModel>
    implements IncidentFamilyParams, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private final String uid;
  private final ParamSet p;

  public IncidentFamilyGrouper() {
    this(Identifiable.randomUID("incidentFamilyGrouper"));
  }

  public IncidentFamilyGrouper(String uid) {
    this.uid = uid;
    this.p = new ParamSet(this);
  }

  @Override
  public IncidentFamilyModel fit(Dataset<?> dataset) {
    Dataset<Row> df = dataset.toDF();
    transformSchema(df.schema());
    Dataset<Row> templates =
        FamilyTemplates.distinctTemplates(FamilyTemplates.withBlockAndTemplate(df, this));
    Dataset<Row> data = FamilyTemplates.assign(templates, this);
    return copyValues(new IncidentFamilyModel(uid, data).setParent(this), extractParamMap());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return outputSchema(schema);
  }

  @Override
  public IncidentFamilyGrouper copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** Reads a saved (unfitted) grouper. */
  public static MLReader<IncidentFamilyGrouper> read() {
    return new DefaultParamsReader<>();
  }

  /** Loads a saved (unfitted) grouper. */
  public static IncidentFamilyGrouper load(String path) {
    return read().load(path);
  }

  @Override
  public Param<String> serviceCol() {
    return p.serviceCol;
  }

  @Override
  public Param<String> categoryCol() {
    return p.categoryCol;
  }

  @Override
  public Param<String> entityCol() {
    return p.entityCol;
  }

  @Override
  public Param<String> titleCol() {
    return p.titleCol;
  }

  @Override
  public Param<String> symptomCol() {
    return p.symptomCol;
  }

  @Override
  public StringArrayParam codeCols() {
    return p.codeCols;
  }

  @Override
  public Param<String> familyIdCol() {
    return p.familyIdCol;
  }

  @Override
  public Param<String> familyLabelCol() {
    return p.familyLabelCol;
  }

  @Override
  public DoubleParam similarityThreshold() {
    return p.similarityThreshold;
  }

  @Override
  public IntParam numBands() {
    return p.numBands;
  }

  @Override
  public IntParam rowsPerBand() {
    return p.rowsPerBand;
  }

  public IncidentFamilyGrouper setServiceCol(String v) {
    return (IncidentFamilyGrouper) set(p.serviceCol, v);
  }

  public IncidentFamilyGrouper setCategoryCol(String v) {
    return (IncidentFamilyGrouper) set(p.categoryCol, v);
  }

  public IncidentFamilyGrouper setEntityCol(String v) {
    return (IncidentFamilyGrouper) set(p.entityCol, v);
  }

  public IncidentFamilyGrouper setTitleCol(String v) {
    return (IncidentFamilyGrouper) set(p.titleCol, v);
  }

  public IncidentFamilyGrouper setSymptomCol(String v) {
    return (IncidentFamilyGrouper) set(p.symptomCol, v);
  }

  public IncidentFamilyGrouper setCodeCols(String... v) {
    return (IncidentFamilyGrouper) set(p.codeCols, v);
  }

  public IncidentFamilyGrouper setFamilyIdCol(String v) {
    return (IncidentFamilyGrouper) set(p.familyIdCol, v);
  }

  public IncidentFamilyGrouper setFamilyLabelCol(String v) {
    return (IncidentFamilyGrouper) set(p.familyLabelCol, v);
  }

  public IncidentFamilyGrouper setSimilarityThreshold(double v) {
    return (IncidentFamilyGrouper) set(p.similarityThreshold, v);
  }

  public IncidentFamilyGrouper setNumBands(int v) {
    return (IncidentFamilyGrouper) set(p.numBands, v);
  }

  public IncidentFamilyGrouper setRowsPerBand(int v) {
    return (IncidentFamilyGrouper) set(p.rowsPerBand, v);
  }
}
