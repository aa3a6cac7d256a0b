package io.nightshift.models.incidents;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * Fitted incident families: every known (block, template) with its family id and label. {@link
 * #transform} appends {@code familyIdCol} and {@code familyLabelCol} to incidents: a known template
 * gets its family directly; the new templates of a block are clustered together with the block's
 * known templates, joining a known family when similar enough, else forming new families. Saved as
 * Spark ML metadata plus a Parquet {@code data/} folder of the templates.
 */
public final class IncidentFamilyModel extends Model<IncidentFamilyModel>
    implements IncidentFamilyParams, MLWritable {
  private static final long serialVersionUID = 1L;
  private final String uid;
  private final ParamSet p;
  private final transient Dataset<Row> templates;

  IncidentFamilyModel(String uid, Dataset<Row> templates) {
    this.uid = uid;
    this.p = new ParamSet(this);
    this.templates = templates;
  }

  /**
   * The known templates: block, template, count (incidents at fit time), family_id, family_label.
   */
  public Dataset<Row> templates() {
    return templates;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    Dataset<Row> df = dataset.toDF();
    transformSchema(df.schema());
    Dataset<Row> keyed = FamilyTemplates.withBlockAndTemplate(df, this);
    Dataset<Row> seen = FamilyTemplates.distinctTemplates(keyed).drop("family_id", "family_label");
    Dataset<Row> known =
        templates.select(
            FamilyTemplates.BLOCK,
            FamilyTemplates.TEMPLATE,
            FamilyTemplates.FAMILY_ID,
            FamilyTemplates.FAMILY_LABEL);
    List<String> keys = List.of(FamilyTemplates.BLOCK, FamilyTemplates.TEMPLATE);
    scala.collection.immutable.Seq<String> keySeq =
        scala.jdk.javaapi.CollectionConverters.asScala(keys).toSeq();
    Dataset<Row> matched = seen.join(known, keySeq, "inner");
    Dataset<Row> unmatched = seen.join(known, keySeq, "left_anti");
    Dataset<Row> openBlocks = unmatched.select(FamilyTemplates.BLOCK).distinct();
    Dataset<Row> items =
        unmatched
            .withColumn(FamilyTemplates.FAMILY_ID, lit(null).cast(DataTypes.StringType))
            .withColumn(FamilyTemplates.FAMILY_LABEL, lit(null).cast(DataTypes.StringType))
            .unionByName(
                templates
                    .join(openBlocks, FamilyTemplates.BLOCK)
                    .select(
                        FamilyTemplates.BLOCK,
                        FamilyTemplates.TEMPLATE,
                        FamilyTemplates.COUNT,
                        FamilyTemplates.FAMILY_ID,
                        FamilyTemplates.FAMILY_LABEL));
    Dataset<Row> assigned =
        FamilyTemplates.assign(items, this)
            .join(unmatched.select(FamilyTemplates.BLOCK, FamilyTemplates.TEMPLATE), keySeq);
    Dataset<Row> mapping =
        matched
            .select(
                FamilyTemplates.BLOCK,
                FamilyTemplates.TEMPLATE,
                FamilyTemplates.FAMILY_ID,
                FamilyTemplates.FAMILY_LABEL)
            .unionByName(
                assigned.select(
                    FamilyTemplates.BLOCK,
                    FamilyTemplates.TEMPLATE,
                    FamilyTemplates.FAMILY_ID,
                    FamilyTemplates.FAMILY_LABEL));
    List<Column> out = new ArrayList<>();
    for (String c : df.columns()) {
      out.add(col("i.`" + c + "`"));
    }
    out.add(col("m." + FamilyTemplates.FAMILY_ID).as(getFamilyIdCol()));
    out.add(col("m." + FamilyTemplates.FAMILY_LABEL).as(getFamilyLabelCol()));
    return keyed
        .as("i")
        .join(
            mapping.as("m"),
            col("i." + FamilyTemplates.tmp(FamilyTemplates.BLOCK))
                .equalTo(col("m." + FamilyTemplates.BLOCK))
                .and(
                    col("i." + FamilyTemplates.tmp(FamilyTemplates.TEMPLATE))
                        .equalTo(col("m." + FamilyTemplates.TEMPLATE))),
            "left")
        .select(out.toArray(Column[]::new));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return outputSchema(schema);
  }

  @Override
  public IncidentFamilyModel copy(ParamMap extra) {
    return copyValues(new IncidentFamilyModel(uid, templates), extra).setParent(parent());
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /** Reads a saved model. */
  public static MLReader<IncidentFamilyModel> read() {
    return new Reader();
  }

  /** Loads a saved model. */
  public static IncidentFamilyModel load(String path) {
    return read().load(path);
  }

  private static final class Writer extends MLWriter {
    private final IncidentFamilyModel model;

    Writer(IncidentFamilyModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(model, path, sparkSession());
      model.templates.write().parquet(path + "/data");
    }
  }

  private static final class Reader extends MLReader<IncidentFamilyModel> {
    @Override
    public IncidentFamilyModel load(String path) {
      DefaultParamsReader.Metadata meta =
          DefaultParamsReader.loadMetadata(
              path, sparkSession(), IncidentFamilyModel.class.getName());
      Dataset<Row> data = sparkSession().read().parquet(path + "/data");
      IncidentFamilyModel m = new IncidentFamilyModel(meta.uid(), data);
      meta.getAndSetParams(m, Option.empty());
      return m;
    }
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

  public IncidentFamilyModel setFamilyIdCol(String v) {
    return (IncidentFamilyModel) set(p.familyIdCol, v);
  }

  public IncidentFamilyModel setFamilyLabelCol(String v) {
    return (IncidentFamilyModel) set(p.familyLabelCol, v);
  }

  public IncidentFamilyModel setSimilarityThreshold(double v) {
    return (IncidentFamilyModel) set(p.similarityThreshold, v);
  }
}
