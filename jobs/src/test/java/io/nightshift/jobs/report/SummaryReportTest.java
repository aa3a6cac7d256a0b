package io.nightshift.jobs.report;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nightshift.jobs.schema.SituationsTable;
import io.nightshift.testkit.SparkExtension;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The morning summary's situations: reported ones only, worst first, and in one order every time
 * the night is run, however the table's rows arrive (equal severities are the rule, not the
 * exception: every single-signal situation has severity 1).
 */
@ExtendWith(SparkExtension.class)
class SummaryReportTest {
  private static final StructType SITUATIONS =
      new StructType()
          .add(SituationsTable.SITUATION_ID, DataTypes.StringType)
          .add(SituationsTable.START, DataTypes.TimestampType)
          .add(SituationsTable.SEVERITY, DataTypes.DoubleType)
          .add(SituationsTable.REPORTED, DataTypes.BooleanType);

  @Test
  void listsReportedSituationsWorstFirstThenByStartThenId(SparkSession spark) {
    List<Row> rows =
        List.of(
            row("s3", ts("2026-06-30T11:25:00Z"), 1.0, true),
            row("b", ts("2026-06-30T12:00:00Z"), 1.0, true),
            row("s2", ts("2026-06-30T10:55:00Z"), 1.0, true),
            row("benign", ts("2026-06-30T08:00:00Z"), 5.0, false),
            row("a", ts("2026-06-30T12:00:00Z"), 1.0, true),
            row("s1", ts("2026-06-30T09:05:00Z"), 1.0, true),
            row("worst", ts("2026-06-30T13:00:00Z"), 2.0, true));
    List<String> ids =
        SummaryReport.reportedWorstFirst(spark.createDataFrame(rows, SITUATIONS).coalesce(1))
            .select(SituationsTable.SITUATION_ID)
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .toList();
    assertEquals(List.of("worst", "s1", "s2", "s3", "a", "b"), ids);
  }
}
