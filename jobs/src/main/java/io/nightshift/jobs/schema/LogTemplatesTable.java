package io.nightshift.jobs.schema;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import org.apache.spark.sql.types.StructType;

/**
 * Columns of the {@code log_templates} output table: one row per template of the persisted
 * dictionary, with what the look-back window and the run date saw of it.
 */
public final class LogTemplatesTable {
  private LogTemplatesTable() {}

  public static final String NAME = "log_templates";

  /** Stable id derived from the template text (same text, same id, every night). */
  public static final String TEMPLATE_ID = "template_id";

  /** The template: tokens with variables as {@code <*>}. */
  public static final String TEMPLATE = "template";

  /** Date (UTC) the template was first seen, kept across nights by the dictionary. */
  public static final String FIRST_SEEN = "first_seen";

  /** Date (UTC) the template was last seen. */
  public static final String LAST_SEEN = "last_seen";

  /** Whether the template was first seen on the run date. */
  public static final String IS_NEW = "is_new";

  /** Lines of the template on the run date. */
  public static final String COUNT = "count";

  /** Lines of the template in the whole look-back window. */
  public static final String COUNT_WINDOW = "count_window";

  /** Lines per level on the run date (map level to count). */
  public static final String LEVEL_MIX = "level_mix";

  /** Share of the run date's lines of the template at ERROR level (null without lines). */
  public static final String ERROR_SHARE = "error_share";

  /** One real line of the template. */
  public static final String EXAMPLE = "example";

  /** The table's schema, in column order. */
  public static final StructType SCHEMA =
      new StructType()
          .add(TEMPLATE_ID, StringType)
          .add(TEMPLATE, StringType)
          .add(FIRST_SEEN, DateType)
          .add(LAST_SEEN, DateType)
          .add(IS_NEW, BooleanType)
          .add(COUNT, LongType)
          .add(COUNT_WINDOW, LongType)
          .add(LEVEL_MIX, createMapType(StringType, LongType))
          .add(ERROR_SHARE, DoubleType)
          .add(EXAMPLE, StringType);
}
