package io.nightshift.jobs.stages.logs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.upper;

import io.nightshift.jobs.io.InputTables;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.LogLevels;
import io.nightshift.jobs.schema.LogShapes;
import io.nightshift.jobs.schema.LogTemplatesTable;
import io.nightshift.models.logs.LogTemplateModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The hours in which a WARN-or-worse log line of a template was written on a service, over the
 * window: {@code service, hour, template_id}, one row each. From the kept days' shape counts when
 * the night has them (a line's template depends on its shape alone), else from the window's WARN
 * and ERROR lines counted by shape; the same rows either way. The counts are read once: reduced to
 * their distinct (service, hour, shape), each given its template by the dictionary (a line's
 * template depends on its shape alone), rather than matching the distinct shapes and joining them
 * back onto the counts (two passes over the window's counts).
 */
public final class WarningHours {
  /** The hour's start. */
  public static final String HOUR = "hour";

  private WarningHours() {}

  /** The warning hours of the window's logs under {@code dict}. */
  public static Dataset<Row> of(LogTemplateModel dict, InputTables inputs, LogShapes.Spec spec) {
    Dataset<Row> shapes =
        inputs
            .logShapes()
            .map(s -> s.where(col(LogShapes.LEVEL).isin(LogLevels.warnOrWorse())))
            .orElseGet(
                () ->
                    LogShapes.of(
                        inputs.logs().where(upper(col(Cols.LEVEL)).isin(LogLevels.warnOrWorse())),
                        spec));
    Dataset<Row> hours =
        shapes
            .select(
                col(Cols.SERVICE),
                date_trunc("hour", col(LogShapes.BUCKET)).as(LogShapes.BUCKET),
                col(LogShapes.SHAPE))
            .distinct();
    return dict.transformShapes(hours, LogShapes.SHAPE)
        .select(
            col(Cols.SERVICE),
            col(LogShapes.BUCKET).as(HOUR),
            col(dict.getIdCol()).as(LogTemplatesTable.TEMPLATE_ID))
        .distinct();
  }
}
