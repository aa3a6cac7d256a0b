package io.nightshift.jobs.stages.situations;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_extract_all;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.nightshift.jobs.config.SituationSettings;
import io.nightshift.jobs.schema.AnomaliesTable;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.LogLevels;
import io.nightshift.jobs.schema.LogSignalsTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Builds the signals situations are made of, all with one layout ({@link #ID}, {@link #SOURCE},
 * entity, service, metric, start, end, score, {@link #PEER}, {@link #DETAIL}): metric anomalies,
 * log-signal spikes and bursts of WARN/ERROR lines naming another service; and the dependency map
 * learned from those bursts. Everything is built-in Spark SQL; the only driver-side collect is the
 * learned service-pair list (a few rows per pair of services).
 */
public final class SignalTables {
  private SignalTables() {}

  public static final String ID = "id";
  public static final String SOURCE = "source";
  public static final String START = "start";
  public static final String END = "end";
  public static final String SCORE = "score";
  public static final String PEER = "peer_service";
  public static final String DETAIL = "detail";

  /** Signal sources as written to situation_members. */
  public static final String ANOMALY = "anomaly";

  public static final String LOG = "log";
  public static final String MENTION = "mention";

  private static Dataset<Row> layout(
      Dataset<Row> d,
      Column id,
      String source,
      Column metric,
      Column start,
      Column end,
      Column score,
      Column peer,
      Column detail) {
    return d.select(
        id.as(ID),
        lit(source).as(SOURCE),
        col(Cols.ENTITY).as(Cols.ENTITY),
        col(Cols.SERVICE).cast("string").as(Cols.SERVICE),
        metric.as(Cols.METRIC),
        start.cast("timestamp").as(START),
        end.cast("timestamp").as(END),
        score.cast("double").as(SCORE),
        peer.cast("string").as(PEER),
        detail.cast("string").as(DETAIL));
  }

  /** The anomalies table's events as signals (id {@code entity|metric|start}). */
  public static Dataset<Row> fromAnomalies(Dataset<Row> anomalies) {
    return layout(
        anomalies,
        concat_ws(
            "|",
            col(AnomaliesTable.ENTITY),
            col(AnomaliesTable.METRIC),
            date_format(col(AnomaliesTable.START), "yyyy-MM-dd'T'HH:mm:ss")),
        ANOMALY,
        col(AnomaliesTable.METRIC),
        col(AnomaliesTable.START),
        col(AnomaliesTable.END),
        col(AnomaliesTable.SCORE),
        lit(null),
        col(AnomaliesTable.REASON));
  }

  /** Windows of the log_signals table whose log anomaly score reaches {@code minScore}. */
  public static Dataset<Row> fromLogSignals(Dataset<Row> logSignals, double minScore) {
    Dataset<Row> high = logSignals.where(col(LogSignalsTable.LOG_ANOMALY_SCORE).geq(minScore));
    return layout(
        high,
        concat_ws(
            "|",
            col(Cols.ENTITY),
            lit("log"),
            date_format(col(LogSignalsTable.WINDOW_START), "yyyy-MM-dd'T'HH:mm:ss")),
        LOG,
        lit("log_anomaly_score"),
        col(LogSignalsTable.WINDOW_START),
        col(LogSignalsTable.WINDOW_END),
        col(LogSignalsTable.LOG_ANOMALY_SCORE),
        lit(null),
        format_string(
            "%d of %d lines above their template's expected rate",
            col(LogSignalsTable.UNEXPECTED_LINES).cast("long"),
            col(LogSignalsTable.LINES).cast("long")));
  }

  /**
   * Bursts of WARN/ERROR lines in {@code [from, to)} that name another known service (a message
   * token equal to the service name, e.g. "Timeout after 3000 ms waiting for payments-db"): at
   * least {@code mentionMinLines} lines of one entity naming one peer within a mention window,
   * consecutive windows merged. Known services are the {@code service} values of {@code services}
   * (a few dozen, gathered on the driver): a token is a mention when it is one of them (a filter,
   * not a join).
   */
  public static Dataset<Row> mentions(
      Dataset<Row> logs, Dataset<Row> services, Instant from, Instant to, SituationSettings s) {
    long window = s.mentionWindowMinutes() * 60L;
    Set<String> known = names(services);
    Dataset<Row> lines =
        logs.where(col(Cols.TS).geq(Timestamp.from(from)).and(col(Cols.TS).lt(Timestamp.from(to))))
            .where(upper(col(Cols.LEVEL)).isin(LogLevels.warnOrWorse()))
            .where(mayName(col(Cols.MESSAGE), known))
            .select(
                col(Cols.TS),
                col(Cols.ENTITY),
                col(Cols.SERVICE),
                explode(namedWords(col(Cols.MESSAGE), known)).as("_peer"));
    Dataset<Row> named =
        lines
            .where(col("_peer").isin(known.toArray()))
            .where(col("_peer").notEqual(col(Cols.SERVICE)))
            .withColumn("_bucket", floor(unix_timestamp(col(Cols.TS)).divide(window)));
    Dataset<Row> buckets =
        named
            .groupBy(col(Cols.ENTITY), col(Cols.SERVICE), col("_peer"), col("_bucket"))
            .agg(count(lit(1)).as("_lines"), min(Cols.TS).as("_s"), max(Cols.TS).as("_e"))
            .where(col("_lines").geq(s.mentionMinLines()));
    WindowSpec byPair = Window.partitionBy(Cols.ENTITY, "_peer").orderBy("_bucket");
    Column gap = col("_bucket").minus(lag(col("_bucket"), 1).over(byPair));
    Dataset<Row> bursts =
        buckets
            .withColumn("_new", when(gap.isNull().or(gap.gt(1)), 1).otherwise(0))
            .withColumn(
                "_burst",
                sum("_new")
                    .over(byPair.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
            .groupBy(col(Cols.ENTITY), col("_peer"), col("_burst"))
            .agg(
                max(Cols.SERVICE).as(Cols.SERVICE),
                min("_s").as("_s"),
                max("_e").as("_e"),
                sum("_lines").as("_lines"));
    return layout(
        bursts,
        concat_ws(
            "|",
            col(Cols.ENTITY),
            concat_ws(":", lit("mentions"), col("_peer")),
            date_format(col("_s"), "yyyy-MM-dd'T'HH:mm:ss")),
        MENTION,
        lit("log_mentions"),
        col("_s"),
        col("_e"),
        lit(1.0),
        col("_peer"),
        format_string("%d WARN/ERROR lines naming %s", col("_lines"), col("_peer")));
  }

  /** More known services than this: every line is split, without the substring test first. */
  static final int MAX_PREFILTER_NAMES = 256;

  /**
   * Whether a message may name one of {@code names}: it contains one of them. A token equal to a
   * name is a substring of the message, so a message containing none names none, and the lines that
   * fail this cheap test need not be split into words (splitting the window's WARN/ERROR lines with
   * a regular expression was most of the mentions' cost, and most lines name no service). True for
   * every message when a name is empty or there are too many names to test.
   */
  static Column mayName(Column message, Set<String> names) {
    if (names.contains("") || names.size() > MAX_PREFILTER_NAMES) {
      return lit(true);
    }
    Column any = lit(false);
    for (String n : names) {
      any = any.or(message.contains(n));
    }
    return any;
  }

  /** The characters of a word. */
  private static final String WORD_CHAR = "[A-Za-z0-9_.\\-]";

  /** What separates the words of a message: any other character. */
  private static final String SEPARATORS = "[^A-Za-z0-9_.\\-]+";

  /**
   * The words of a message that may be one of {@code names}, in order: only the words equal to a
   * name (one regular expression matching whole words, a name between two non-word characters), or,
   * when a name is empty or there are too many names to test, every word (the message split at its
   * separators, empty words at its ends included). The mentions keep the words equal to a name, so
   * both give the same mentions; the first builds no array of every word.
   */
  static Column namedWords(Column message, Set<String> names) {
    if (names.contains("") || names.size() > MAX_PREFILTER_NAMES) {
      return split(message, SEPARATORS);
    }
    List<String> words = new ArrayList<>();
    for (String n : names) {
      if (n.matches(WORD_CHAR + "+")) {
        words.add(Pattern.quote(n));
      }
    }
    if (words.isEmpty()) {
      return array().cast("array<string>");
    }
    String whole = "(?<!" + WORD_CHAR + ")(" + String.join("|", words) + ")(?!" + WORD_CHAR + ")";
    return regexp_extract_all(message, lit(whole), lit(1));
  }

  /**
   * The distinct non-null names of a services table: a local table of a few dozen rows ({@code
   * KnownServices}), or a small Dataset in tests.
   */
  private static Set<String> names(Dataset<Row> services) {
    Set<String> out = new TreeSet<>();
    for (Row r :
        services.where(col(Cols.SERVICE).isNotNull()).select(Cols.SERVICE).collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  /**
   * The dependency map learned from mention bursts: {@code {service, peer}} pairs whose bursts were
   * seen on at least {@code minDays} distinct days. Small (at most one row per pair of services).
   * The days are counted as the size of their set: one shuffle, where a distinct count takes two.
   */
  public static List<String[]> learnedDependencies(Dataset<Row> mentions, int minDays) {
    List<Row> pairs =
        mentions
            .groupBy(col(Cols.SERVICE), col(PEER))
            .agg(size(collect_set(to_date(col(START)))).as("_days"))
            .where(col("_days").geq(minDays))
            .where(col(Cols.SERVICE).isNotNull())
            .collectAsList();
    List<String[]> out = new ArrayList<>();
    for (Row r : pairs) {
      out.add(new String[] {r.getString(0), r.getString(1)});
    }
    return out;
  }

  /**
   * Adds {@code changes}: the changes to each signal's service at most {@code
   * changeLookbackMinutes} before it started (an equi-join on service and time bucket).
   */
  public static Dataset<Row> withChanges(
      Dataset<Row> signals, Dataset<Row> changes, SituationSettings s) {
    long bucket = s.bucketMinutes() * 60L;
    long lookback = s.changeLookbackMinutes() * 60L;
    Column startS = unix_timestamp(col(START));
    Dataset<Row> keyed =
        signals.select(
            col(ID),
            col(Cols.SERVICE).as("_svc"),
            startS.as("_start_s"),
            explode(
                    sequence(
                        floor(startS.minus(lookback).divide(bucket)), floor(startS.divide(bucket))))
                .as("_bucket"));
    Dataset<Row> ch =
        changes.select(
            col(Cols.CHANGE_ID).as("_cid"),
            col(Cols.SERVICE).as("_csvc"),
            unix_timestamp(col(Cols.TS)).as("_cts"),
            col(Cols.STATUS).as("_status"),
            floor(unix_timestamp(col(Cols.TS)).divide(bucket)).as("_cbucket"));
    Dataset<Row> linked =
        keyed
            .join(
                ch, col("_svc").equalTo(col("_csvc")).and(col("_bucket").equalTo(col("_cbucket"))))
            .where(
                col("_cts")
                    .leq(col("_start_s"))
                    .and(col("_cts").geq(col("_start_s").minus(lookback))))
            .groupBy(col(ID))
            .agg(
                collect_list(struct(col("_cid"), col("_csvc"), col("_cts"), col("_status")))
                    .as("changes"));
    // One row per signal with a change before it: a night's few hundred rows, broadcast rather
    // than shuffled with the signals.
    return signals.join(broadcast(linked), new String[] {ID}, "left");
  }
}
