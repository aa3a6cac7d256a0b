package io.nightshift.jobs.stages.situations;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.SituationsTable;
import io.nightshift.models.situations.Cause;
import io.nightshift.models.situations.Relatedness;
import io.nightshift.models.situations.Signal;
import io.nightshift.models.situations.Situation;
import io.nightshift.models.situations.SituationAssembler;
import io.nightshift.models.situations.SituationRules;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Groups signals into situations in Spark. Signals are first cut into <em>time sessions</em>: in
 * start order, a signal that starts more than the tolerance (or the series gap, if longer) after
 * every earlier signal ended opens a new session (a running max over one ordered window of the
 * night's signals, a few hundred to a few thousand compact rows). A situation never spans two
 * sessions, so each session is grouped, ranked and described independently by the plain-Java core
 * ({@link SituationAssembler}) in {@code groupByKey(session).flatMapGroups(...)}. Output: one row
 * per member with its situation's columns ({@link #OUTPUT}).
 */
public final class SituationGrouping {
  private SituationGrouping() {}

  /**
   * Output layout: the situation's columns (prefix-free), then the member's (prefix {@code m_}).
   */
  public static final StructType OUTPUT =
      new StructType()
          .add(SituationsTable.SITUATION_ID, DataTypes.StringType)
          .add(SituationsTable.HEADLINE, DataTypes.StringType)
          .add(SituationsTable.START, DataTypes.TimestampType)
          .add(SituationsTable.END, DataTypes.TimestampType)
          .add(SituationsTable.DURATION_MINUTES, DataTypes.DoubleType)
          .add(SituationsTable.SEVERITY, DataTypes.DoubleType)
          .add(SituationsTable.TOP_CAUSE, DataTypes.StringType)
          .add(SituationsTable.SERVICES, DataTypes.createArrayType(DataTypes.StringType))
          .add(SituationsTable.ENTITIES, DataTypes.createArrayType(DataTypes.StringType))
          .add(SituationsTable.MEMBERS, DataTypes.IntegerType)
          .add(SituationsTable.ANOMALIES, DataTypes.IntegerType)
          .add(SituationsTable.MAX_SCORE, DataTypes.DoubleType)
          .add(SituationsTable.LINKED_CHANGES, DataTypes.createArrayType(DataTypes.StringType))
          .add(SituationsTable.PROBABLE_CAUSES, DataTypes.createArrayType(SituationsTable.CAUSE))
          .add(SituationsTable.SIGNATURE, DataTypes.StringType)
          .add("passes", DataTypes.BooleanType)
          .add("m_index", DataTypes.IntegerType)
          .add("m_id", DataTypes.StringType)
          .add("m_source", DataTypes.StringType)
          .add("m_entity", DataTypes.StringType)
          .add("m_service", DataTypes.StringType)
          .add("m_metric", DataTypes.StringType)
          .add("m_start", DataTypes.TimestampType)
          .add("m_end", DataTypes.TimestampType)
          .add("m_score", DataTypes.DoubleType)
          .add("m_peer", DataTypes.StringType)
          .add("m_cause_rank", DataTypes.IntegerType)
          .add("m_detail", DataTypes.StringType);

  /**
   * Situations of the signals (see {@link SignalTables}, with a {@code changes} column from {@link
   * SignalTables#withChanges}).
   */
  public static Dataset<Row> group(
      Dataset<Row> signals, SituationRules rules, Relatedness relatedness) {
    long tol = Math.max(rules.toleranceSeconds(), rules.seriesGapSeconds());
    Column startS = unix_timestamp(col(SignalTables.START));
    Column endS = unix_timestamp(col(SignalTables.END));
    WindowSpec inOrder = Window.orderBy(col(SignalTables.START), col(SignalTables.ID));
    Column reach = max(endS.plus(tol)).over(inOrder.rowsBetween(Window.unboundedPreceding(), -1));
    Dataset<Row> sessions =
        signals
            .withColumn("_new", when(reach.isNull().or(startS.gt(reach)), 1L).otherwise(0L))
            .withColumn(
                "_session",
                sum("_new")
                    .over(inOrder.rowsBetween(Window.unboundedPreceding(), Window.currentRow())));
    return sessions
        .groupByKey(
            (org.apache.spark.api.java.function.MapFunction<Row, Long>)
                r -> r.getLong(r.fieldIndex("_session")),
            Encoders.LONG())
        .flatMapGroups(new Assemble(rules, relatedness), Encoders.row(OUTPUT));
  }

  /** The core, run on one time session. */
  static final class Assemble implements FlatMapGroupsFunction<Long, Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter ID_TIME =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);
    private final SituationRules rules;
    private final Relatedness relatedness;

    Assemble(SituationRules rules, Relatedness relatedness) {
      this.rules = rules;
      this.relatedness = relatedness;
    }

    @Override
    public Iterator<Row> call(Long session, Iterator<Row> rows) {
      List<Signal> signals = new ArrayList<>();
      Map<String, String> details = new HashMap<>();
      Map<String, String> sources = new HashMap<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        Signal s = toSignal(r);
        signals.add(s);
        details.put(s.id(), r.getAs(SignalTables.DETAIL));
        sources.put(s.id(), r.getAs(SignalTables.SOURCE));
      }
      List<Row> out = new ArrayList<>();
      for (Situation sit : new SituationAssembler(rules, relatedness).assemble(signals)) {
        emit(sit, details, sources, out);
      }
      return out.iterator();
    }

    private static Signal toSignal(Row r) {
      String source = r.getAs(SignalTables.SOURCE);
      List<Signal.Change> changes = new ArrayList<>();
      int ci = r.fieldIndex("changes");
      if (!r.isNullAt(ci)) {
        for (Row c : r.<Row>getList(ci)) {
          changes.add(
              new Signal.Change(c.getString(0), c.getString(1), c.getLong(2), c.getString(3)));
        }
      }
      Object score = r.getAs(SignalTables.SCORE);
      return new Signal(
          r.getAs(SignalTables.ID),
          switch (source) {
            case SignalTables.LOG -> Signal.Source.LOG;
            case SignalTables.MENTION -> Signal.Source.MENTION;
            default -> Signal.Source.METRIC;
          },
          r.getAs(Cols.ENTITY),
          r.getAs(Cols.SERVICE),
          r.getAs(Cols.METRIC),
          ((Timestamp) r.getAs(SignalTables.START)).toInstant().getEpochSecond(),
          ((Timestamp) r.getAs(SignalTables.END)).toInstant().getEpochSecond(),
          score == null ? 0 : ((Number) score).doubleValue(),
          r.getAs(SignalTables.PEER),
          changes);
    }

    private static void emit(
        Situation sit, Map<String, String> details, Map<String, String> sources, List<Row> out) {
      List<String> ids = new ArrayList<>();
      Set<String> changeIds = new LinkedHashSet<>();
      int anomalies = 0;
      for (Signal s : sit.members()) {
        ids.add(s.id());
        s.changes().forEach(c -> changeIds.add(c.id()));
        anomalies += s.source() == Signal.Source.METRIC ? 1 : 0;
      }
      String id = situationId(sit.start(), ids);
      List<Row> causes = new ArrayList<>();
      Map<String, Integer> causeRank = new HashMap<>();
      for (Cause c : sit.causes()) {
        causes.add(
            RowFactory.create(
                c.rank(),
                c.kind(),
                c.ref(),
                c.entity(),
                c.service(),
                c.metric(),
                c.score(),
                c.why()));
        causeRank.put(c.ref(), c.rank());
      }
      String top = sit.causes().isEmpty() ? null : describe(sit.causes().get(0));
      int index = 0;
      for (Signal s : sit.members()) {
        out.add(
            RowFactory.create(
                id,
                sit.headline(),
                ts(sit.start()),
                ts(sit.end()),
                (sit.end() - sit.start()) / 60.0,
                sit.severity(),
                top,
                seq(sit.services()),
                seq(sit.entities()),
                sit.members().size(),
                anomalies,
                sit.maxScore(),
                seq(new ArrayList<>(changeIds)),
                seq(causes),
                sit.signature(),
                sit.passesMinimums(),
                index++,
                s.id(),
                sources.get(s.id()),
                s.entity(),
                s.service(),
                s.metric(),
                ts(s.start()),
                ts(s.end()),
                s.score(),
                s.peerService(),
                causeRank.get(s.id()),
                details.get(s.id())));
      }
    }

    private static String describe(Cause c) {
      String what =
          c.kind().equals("change")
              ? "change " + c.ref() + " to " + c.service()
              : c.kind() + " " + c.service() + " " + c.metric() + " on " + c.entity();
      return what + ": " + c.why();
    }

    private static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
      return scala.jdk.javaapi.CollectionConverters.asScala(list).toList();
    }

    private static Timestamp ts(long epochSeconds) {
      return Timestamp.from(Instant.ofEpochSecond(epochSeconds));
    }

    static String situationId(long start, List<String> memberIds) {
      List<String> sorted = new ArrayList<>(memberIds);
      sorted.sort(null);
      try {
        byte[] h =
            MessageDigest.getInstance("SHA-1")
                .digest(String.join("\n", sorted).getBytes(StandardCharsets.UTF_8));
        return "S"
            + ID_TIME.format(Instant.ofEpochSecond(start))
            + "-"
            + HexFormat.of().formatHex(h, 0, 3);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-1 is not available", e);
      }
    }
  }
}
