package io.nightshift.jobs.stages.situations;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.config.SituationSettings;
import io.nightshift.jobs.schema.InputTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The mentions' substring test before a line is split into words ({@link SignalTables#mayName}): it
 * passes every line that names a service by a word, so the bursts are those of splitting every
 * line, including a line whose word only contains a service's name, an empty service name and more
 * names than are tested.
 */
@ExtendWith(io.nightshift.testkit.SparkExtension.class)
class MentionPrefilterTest {
  private static final Instant DAY = Instant.parse("2026-06-30T00:00:00Z");

  private static Dataset<Row> logs(SparkSession spark) {
    List<Row> lines = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String t = "2026-06-30T02:0" + i + ":00Z";
      lines.add(row(ts(t), "host-2", "checkout", "ERROR", "Timeout waiting for payments-db"));
      // contains the name in a longer word: not a mention of payments-db
      lines.add(row(ts(t), "host-4", "checkout", "WARN", "Retrying payments-db-replica (1 of 3)"));
      lines.add(row(ts(t), "host-5", "search", "WARN", "Upstream checkout,payments-db failed"));
      lines.add(row(ts(t), "host-6", "search", "INFO", "Upstream checkout returned 200"));
    }
    return spark.createDataFrame(lines, InputTable.LOGS.schema());
  }

  private static Dataset<Row> services(SparkSession spark, List<String> names) {
    List<Row> rows = new ArrayList<>();
    names.forEach(n -> rows.add(row(n)));
    return spark.createDataFrame(rows, new StructType().add("service", DataTypes.StringType));
  }

  private static List<String> bursts(SparkSession spark, List<String> names) {
    SituationSettings s = NightshiftConfig.load().situations();
    return SignalTables.mentions(
            logs(spark), services(spark, names), DAY, DAY.plusSeconds(86400), s)
        .orderBy(SignalTables.ID)
        .collectAsList()
        .stream()
        .map(
            r ->
                r.getString(r.fieldIndex(SignalTables.ID))
                    + " "
                    + r.getString(r.fieldIndex(SignalTables.DETAIL)))
        .toList();
  }

  @Test
  void findsTheBurstsOfSplittingEveryLine(SparkSession spark) {
    List<String> expected =
        List.of(
            "host-2|mentions:payments-db|2026-06-30T02:00:00 6 WARN/ERROR lines naming payments-db",
            "host-5|mentions:checkout|2026-06-30T02:00:00 6 WARN/ERROR lines naming checkout",
            "host-5|mentions:payments-db|2026-06-30T02:00:00 6 WARN/ERROR lines naming payments-db");
    assertEquals(expected, bursts(spark, List.of("payments-db", "checkout", "search")));
    // an empty name is in every message: every line is split, and the empty word after a line's
    // last separator names it, as without the test
    List<String> withEmpty = new ArrayList<>(expected);
    withEmpty.add(1, "host-4|mentions:|2026-06-30T02:00:00 6 WARN/ERROR lines naming ");
    assertEquals(withEmpty, bursts(spark, List.of("payments-db", "checkout", "search", "")));
    // too many names to test one by one: every line is split, with the same bursts
    List<String> many = new ArrayList<>(List.of("payments-db", "checkout", "search"));
    for (int i = 0; i < SignalTables.MAX_PREFILTER_NAMES; i++) {
      many.add("svc-" + i);
    }
    assertEquals(expected, bursts(spark, many));
  }

  @Test
  void namedWordsAreTheWordsOfSplittingThatAreNames(SparkSession spark) {
    List<String> names = List.of("cart", "cart-db", "a.b", "pay ments", "db");
    List<String> messages =
        List.of(
            "cart-db timeout; cart retried",
            "db db,db (db)",
            "cart-dbx and xcart and cart.",
            "a.b axb a.b-c",
            "pay ments down",
            "",
            "cart");
    Dataset<Row> lines =
        spark.createDataFrame(
            messages.stream().map(m -> row(m)).toList(),
            new StructType().add("message", DataTypes.StringType));
    List<Row> got =
        lines
            .select(
                SignalTables.namedWords(functions.col("message"), new java.util.TreeSet<>(names)),
                functions.filter(
                    functions.split(functions.col("message"), "[^A-Za-z0-9_.\\-]+"),
                    w -> w.isin(names.toArray())))
            .collectAsList();
    for (int i = 0; i < messages.size(); i++) {
      assertEquals(got.get(i).getList(1), got.get(i).getList(0), messages.get(i));
    }
    assertEquals(List.of("cart-db", "cart"), got.get(0).getList(0));
    assertEquals(List.of("db", "db", "db", "db"), got.get(1).getList(0));
  }

  @Test
  void findsNoBurstWithoutServices(SparkSession spark) {
    assertEquals(List.of(), bursts(spark, List.of()));
  }
}
