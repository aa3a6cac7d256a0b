package io.nightshift.jobs.stages.incidents;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

import io.nightshift.jobs.schema.RecurringIncidentsTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Gives every mined precursor its {@code description} ({@link PrecursorWords}) and the element type
 * of {@link RecurringIncidentsTable#PRECURSOR}: the mined precursors are exploded (a handful per
 * family), joined with their family's services and size and, for log templates, the template's text
 * and an example line, described by a UDF (text composition has no built-in), and gathered back in
 * rank order.
 */
public final class DescribedPrecursors {
  private DescribedPrecursors() {}

  /**
   * @param mined family_id, precursors as {@link io.nightshift.models.incidents.PrecursorMiner}
   *     writes them (with details)
   * @param families family_id, services, incident_count
   * @param templates template_id, template, example of the log templates, or null when unknown
   * @param saturationRatio the share of capacity at which a saturation event starts
   * @return family_id, precursors (array of {@link RecurringIncidentsTable#PRECURSOR}, rank order)
   */
  public static Dataset<Row> describe(
      Dataset<Row> mined, Dataset<Row> families, Dataset<Row> templates, double saturationRatio) {
    Dataset<Row> p =
        mined
            .select(col("family_id"), explode(col("precursors")).as("p"))
            .join(
                families.select(
                    col("family_id"),
                    col(RecurringIncidentsTable.SERVICES).as("_services"),
                    col(RecurringIncidentsTable.INCIDENT_COUNT).as("_n")),
                "family_id");
    if (templates == null) {
      p = p.withColumn("_tt", lit(null).cast("string")).withColumn("_te", lit(null).cast("string"));
    } else {
      Dataset<Row> t =
          templates.select(
              col("template_id").cast("string").as("_tid"),
              col("template").as("_tt"),
              col("example").as("_te"));
      p =
          p.join(
                  t,
                  col("p.kind")
                      .equalTo(lit(RecurringIncidentsTable.KIND_LOG_TEMPLATE))
                      .and(col("p.name").equalTo(col("_tid"))),
                  "left")
              .drop("_tid");
    }
    Column item = struct(col("p"), col("_services"), col("_n"), col("_tt"), col("_te"));
    Column described =
        struct(
            col("p.rank"),
            col("p.kind"),
            col("p.name"),
            col("p.support"),
            col("p.lift"),
            col("p.incidents"),
            col("p.hours"),
            words(saturationRatio).apply(item).as("description"));
    return p.groupBy("family_id")
        .agg(
            array_sort(collect_list(described))
                .cast(DataTypes.createArrayType(RecurringIncidentsTable.PRECURSOR))
                .as(RecurringIncidentsTable.PRECURSORS));
  }

  private static UserDefinedFunction words(double saturationRatio) {
    return udf(
        (UDF1<Row, String>) r -> PrecursorWords.describe(item(r), saturationRatio),
        DataTypes.StringType);
  }

  /** The plain-Java item of a row struct(p, _services, _n, _tt, _te). */
  static PrecursorWords.Item item(Row r) {
    Row p = r.getStruct(0);
    List<PrecursorWords.Detail> details = new ArrayList<>();
    if (!p.isNullAt(p.fieldIndex("details"))) {
      for (Row d : p.<Row>getList(p.fieldIndex("details"))) {
        details.add(new PrecursorWords.Detail(d.getLong(0), d.getString(1)));
      }
    }
    List<String> services = r.isNullAt(1) ? List.of() : r.<String>getList(1);
    return new PrecursorWords.Item(
        p.getAs("kind"),
        p.getAs("name"),
        p.<Double>getAs("support"),
        p.<Double>getAs("lift"),
        p.<Long>getAs("incidents"),
        p.<Integer>getAs("hours"),
        r.isNullAt(2) ? 0 : r.getLong(2),
        services,
        details,
        r.isNullAt(3) ? null : r.getString(3),
        r.isNullAt(4) ? null : r.getString(4));
  }
}
