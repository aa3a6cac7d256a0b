package io.nightshift.models.risk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Persistence of {@link RiskModel}, in the layout of Spark's own writers: {@code metadata/} (one
 * JSON line: class, uid, params, prior, classifier kind, split days), {@code data/} (Parquet, one
 * row per feature with its statistics), and the fitted {@code classifier/} saved with its own ML
 * writer; the Platt calibration's slope and intercept are in the metadata (a model saved before
 * Platt calibration loads with the identity).
 */
final class RiskModelIO {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StructType DATA_SCHEMA =
      new StructType()
          .add("index", DataTypes.IntegerType)
          .add("feature", DataTypes.StringType)
          .add("centre", DataTypes.DoubleType)
          .add("scale", DataTypes.DoubleType)
          .add("direction", DataTypes.DoubleType)
          .add("weight", DataTypes.DoubleType);

  private RiskModelIO() {}

  /** Writes a model. */
  static final class Writer extends MLWriter {
    private final RiskModel model;

    Writer(RiskModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      SparkSession spark = sparkSession();
      ObjectNode meta = JSON.createObjectNode();
      meta.put("class", RiskModel.class.getName());
      meta.put("timestamp", System.currentTimeMillis());
      meta.put("sparkVersion", spark.version());
      meta.put("uid", model.uid());
      ObjectNode params = meta.putObject("paramMap");
      for (ParamPair<?> pp : model.extractParamMap().toList()) {
        @SuppressWarnings("unchecked")
        Param<Object> p = (Param<Object>) pp.param();
        params.put(p.name(), p.jsonEncode(pp.value()));
      }
      meta.put("prior", model.prior());
      Model<?> clf = model.classifier();
      meta.put(
          "classifier",
          clf == null ? "none" : clf instanceof GBTClassificationModel ? "gbt" : "logistic");
      meta.put("calibrationSlope", model.calibration().slope());
      meta.put("calibrationIntercept", model.calibration().intercept());
      ArrayNode fit = meta.putArray("fitDays");
      model.split().fit().forEach(d -> fit.add(d.toString()));
      ArrayNode cal = meta.putArray("calibrationDays");
      model.split().calibration().forEach(d -> cal.add(d.toString()));
      try {
        spark
            .createDataset(List.of(JSON.writeValueAsString(meta)), Encoders.STRING())
            .coalesce(1)
            .write()
            .text(path + "/metadata");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      FeatureStats s = model.stats();
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < s.names().size(); i++) {
        rows.add(
            RowFactory.create(
                i, s.names().get(i), s.centre()[i], s.scale()[i], s.direction()[i], s.weight()[i]));
      }
      spark.createDataFrame(rows, DATA_SCHEMA).coalesce(1).write().parquet(path + "/data");
      try {
        if (clf != null) {
          ((MLWritable) clf).save(path + "/classifier");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save risk model parts under " + path, e);
      }
    }
  }

  /** Reads a model. */
  static final class Reader extends MLReader<RiskModel> {
    @Override
    public RiskModel load(String path) {
      SparkSession spark = sparkSession();
      JsonNode meta;
      try {
        meta = JSON.readTree(metadataLine(spark, path + "/metadata"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read risk model metadata at " + path, e);
      }
      if (!RiskModel.class.getName().equals(meta.path("class").asText())) {
        throw new IllegalArgumentException(
            "not a risk model at " + path + ": class is " + meta.path("class").asText());
      }
      List<Row> rows =
          new ArrayList<>(spark.read().schema(DATA_SCHEMA).parquet(path + "/data").collectAsList());
      rows.sort(Comparator.comparingInt(r -> r.getInt(0)));
      int k = rows.size();
      List<String> names = new ArrayList<>();
      double[] centre = new double[k];
      double[] scale = new double[k];
      double[] direction = new double[k];
      double[] weight = new double[k];
      for (int i = 0; i < k; i++) {
        Row r = rows.get(i);
        names.add(r.getString(1));
        centre[i] = r.getDouble(2);
        scale[i] = r.getDouble(3);
        direction[i] = r.getDouble(4);
        weight[i] = r.getDouble(5);
      }
      String kind = meta.path("classifier").asText();
      Model<?> clf =
          switch (kind) {
            case "gbt" -> GBTClassificationModel.load(path + "/classifier");
            case "logistic" -> LogisticRegressionModel.load(path + "/classifier");
            default -> null;
          };
      PlattCalibration cal =
          meta.has("calibrationSlope")
              ? new PlattCalibration(
                  meta.path("calibrationSlope").asDouble(),
                  meta.path("calibrationIntercept").asDouble())
              : PlattCalibration.identity();
      TimeSplit split =
          new TimeSplit(days(meta.path("fitDays")), days(meta.path("calibrationDays")));
      RiskModel model =
          new RiskModel(
              meta.path("uid").asText(),
              clf,
              cal,
              meta.path("prior").asDouble(),
              new FeatureStats(names, centre, scale, direction, weight),
              split);
      meta.path("paramMap")
          .fields()
          .forEachRemaining(
              e -> {
                if (model.hasParam(e.getKey())) {
                  Param<Object> p = model.getParam(e.getKey());
                  model.set(p, p.jsonDecode(e.getValue().asText()));
                }
              });
      return model;
    }

    /**
     * The one line the writer put in {@code metadata/}, read on the driver with Hadoop's file
     * system (a Spark job to read one short line costs more than the line).
     */
    private static String metadataLine(SparkSession spark, String dir) throws IOException {
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      Path folder = new Path(dir);
      FileSystem fs = folder.getFileSystem(conf);
      FileStatus[] parts =
          fs.listStatus(folder, p -> !p.getName().startsWith("_") && !p.getName().startsWith("."));
      Arrays.sort(parts, Comparator.comparing(f -> f.getPath().getName()));
      CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
      for (FileStatus part : parts) {
        if (part.isDirectory() || part.getLen() == 0) {
          continue;
        }
        CompressionCodec codec = codecs.getCodec(part.getPath());
        InputStream raw = fs.open(part.getPath());
        try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(
                    codec == null ? raw : codec.createInputStream(raw), StandardCharsets.UTF_8))) {
          String line = in.readLine();
          if (line != null) {
            return line;
          }
        }
      }
      throw new IOException("no metadata line under " + dir);
    }

    private static List<LocalDate> days(JsonNode arr) {
      List<LocalDate> out = new ArrayList<>();
      arr.forEach(n -> out.add(LocalDate.parse(n.asText())));
      return out;
    }
  }
}
