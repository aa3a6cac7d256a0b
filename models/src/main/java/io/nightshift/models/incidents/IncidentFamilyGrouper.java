package io.nightshift.models.incidents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
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
import org.apache.spark.sql.SparkSession;
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

  /** A fit on the driver: the model, and each incident's family id and label in input order. */
  public record LocalFit(
      IncidentFamilyModel model, List<String> familyIds, List<String> familyLabels) {}

  /**
   * Fits on incidents already on the driver (a window's incidents are few) with no Spark job: the
   * same templates, family ids and labels as {@link #fit} and then {@link
   * IncidentFamilyModel#transform} of the same rows give, computed by the same plain-Java cores
   * ({@link FamilyAssigner} per block). The model's templates are a local Dataset, so the model
   * saves and transforms like a fitted one.
   *
   * @param schema the incidents' schema (validated as by {@link #fit})
   * @param incidents the rows, in that schema
   */
  public LocalFit fitLocally(SparkSession spark, StructType schema, List<Row> incidents) {
    transformSchema(schema);
    List<String> columns = Arrays.asList(schema.fieldNames());
    List<String[]> keys = new ArrayList<>(incidents.size());
    SortedMap<String, SortedMap<String, Long>> counts = new TreeMap<>();
    for (Row r : incidents) {
      String[] key =
          FamilyTemplates.blockAndTemplate(
              this,
              columns,
              c -> {
                Object v = r.get(schema.fieldIndex(c));
                return v == null ? null : v.toString();
              });
      keys.add(key);
      counts.computeIfAbsent(key[0], k -> new TreeMap<>()).merge(key[1], 1L, Long::sum);
    }
    List<Row> templates = FamilyTemplates.assignLocally(counts, this);
    Map<List<String>, Row> byKey = new HashMap<>();
    for (Row t : templates) {
      byKey.put(List.of(t.getString(0), t.getString(1)), t);
    }
    List<String> ids = new ArrayList<>(incidents.size());
    List<String> labels = new ArrayList<>(incidents.size());
    for (String[] key : keys) {
      Row t = byKey.get(List.of(key[0], key[1]));
      ids.add(t.getString(3));
      labels.add(t.getString(4));
    }
    IncidentFamilyModel model =
        new IncidentFamilyModel(uid, spark.createDataFrame(templates, FamilyTemplates.SCHEMA))
            .setParent(this);
    return new LocalFit(copyValues(model, extractParamMap()), ids, labels);
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
