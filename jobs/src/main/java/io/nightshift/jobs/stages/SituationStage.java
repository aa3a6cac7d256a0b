package io.nightshift.jobs.stages;

import static org.apache.spark.sql.functions.col;

import io.nightshift.jobs.config.SituationSettings;
import io.nightshift.jobs.io.TableHistory;
import io.nightshift.jobs.schema.AnomaliesTable;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.LogSignalsTable;
import io.nightshift.jobs.schema.SituationMembersTable;
import io.nightshift.jobs.schema.SituationsTable;
import io.nightshift.jobs.stages.situations.KnownServices;
import io.nightshift.jobs.stages.situations.SignalTables;
import io.nightshift.jobs.stages.situations.SituationGrouping;
import io.nightshift.jobs.stages.situations.SituationLinks;
import io.nightshift.models.situations.Relatedness;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code situations} and {@code situation_members} tables: the run date's metric anomalies,
 * log-signal spikes and bursts of log lines naming another service are grouped into situations
 * (related signals overlapping in time), each with its probable causes, linked changes and
 * incidents, a severity, and whether it is worth reporting (noise minimums, benign recurring
 * patterns). See docs/situations.md.
 */
public final class SituationStage implements NightlyStage {

  @Override
  public String name() {
    return "situation";
  }

  @Override
  public Set<InputTable> needs() {
    return Set.of(InputTable.METRICS);
  }

  @Override
  public Map<String, Dataset<Row>> compute(RunContext ctx) {
    Optional<Dataset<Row>> anomalies = ctx.table(AnomaliesTable.NAME);
    if (anomalies.isEmpty()) {
      return Map.of();
    }
    Instant dayStart = ctx.windowEnd().minus(1, ChronoUnit.DAYS);
    Inputs in =
        new Inputs(
            anomalies.get(),
            ctx.table(LogSignalsTable.NAME),
            // the mentions read WARN/ERROR lines only: the kept days' warnings when the night has
            // them
            ctx.inputs().logWarnings().orElseGet(() -> ctx.inputs().logs()),
            KnownServices.of(ctx),
            ctx.inputs().changes(),
            ctx.inputs().incidents(),
            past(ctx.history(), ctx.runDate(), ctx.config().input().lookbackDays()),
            ctx.windowStart(),
            dayStart,
            ctx.windowEnd());
    return compute(in, ctx.config().situations(), ctx::cacheForStage);
  }

  /**
   * What the situations are computed from.
   *
   * @param anomalies the anomalies table (events of the period)
   * @param logSignals the log_signals table, if written
   * @param logs the logs of the look-back window, or only their WARN-or-worse lines ({@code
   *     LogWarnings}): the mentions and the learned dependencies read those
   * @param services every service the window's metrics and logs name (one {@code service} column;
   *     {@link KnownServices}): a WARN/ERROR line naming one of them mentions it
   * @param changes the changes input, if any
   * @param incidents the incidents input
   * @param past earlier nights' situations, if any
   * @param windowStart start of the look-back window (dependencies are learned from here)
   * @param from start of the period whose situations are computed (the run date)
   * @param to end of the period (exclusive)
   */
  public record Inputs(
      Dataset<Row> anomalies,
      Optional<Dataset<Row>> logSignals,
      Dataset<Row> logs,
      Dataset<Row> services,
      Optional<Dataset<Row>> changes,
      Dataset<Row> incidents,
      Optional<Dataset<Row>> past,
      Instant windowStart,
      Instant from,
      Instant to) {}

  /**
   * Computes both tables (tests and evaluations over longer periods); caches with {@code cache()}.
   */
  public static Map<String, Dataset<Row>> compute(Inputs in, SituationSettings s) {
    return compute(in, s, Dataset::cache);
  }

  /**
   * Computes both tables.
   *
   * @param cache persists an intermediate result read more than once (the pipeline releases it
   *     after the stage)
   */
  public static Map<String, Dataset<Row>> compute(
      Inputs in, SituationSettings s, UnaryOperator<Dataset<Row>> cache) {
    Dataset<Row> signals = SignalTables.fromAnomalies(in.anomalies());
    if (in.logSignals().isPresent() && s.logSignalMinScore() <= 1) {
      signals =
          signals.unionByName(
              SignalTables.fromLogSignals(in.logSignals().get(), s.logSignalMinScore()));
    }
    // One pass over the window's logs: its mention bursts teach the dependency map, and those of
    // the period are members.
    Dataset<Row> mentions =
        cache.apply(SignalTables.mentions(in.logs(), in.services(), in.windowStart(), in.to(), s));
    Relatedness relatedness =
        s.learnDependencies()
            ? new Relatedness(SignalTables.learnedDependencies(mentions, s.dependencyMinDays()))
            : Relatedness.none();
    signals =
        signals.unionByName(
            mentions.where(
                col(SignalTables.END)
                    .geq(Timestamp.from(in.from()))
                    .and(col(SignalTables.START).lt(Timestamp.from(in.to())))));
    Dataset<Row> withChanges =
        in.changes().isPresent()
            ? SignalTables.withChanges(signals, in.changes().get(), s)
            : signals.withColumn(
                "changes",
                org.apache
                    .spark
                    .sql
                    .functions
                    .lit(null)
                    .cast("array<struct<_cid:string,_csvc:string,_cts:bigint,_status:string>>"));
    Dataset<Row> grouped =
        cache.apply(SituationGrouping.group(withChanges, s.rules(), relatedness));
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    out.put(SituationsTable.NAME, SituationLinks.situations(grouped, in.incidents(), in.past(), s));
    out.put(SituationMembersTable.NAME, SituationLinks.members(grouped));
    return out;
  }

  /**
   * Earlier nights' situations within the look-back window (signature, linked incidents, run date),
   * if the output root holds any. Read with their declared types: a night written before signatures
   * existed has none (null), so it matches no signature.
   */
  static Optional<Dataset<Row>> past(TableHistory history, LocalDate runDate, int lookbackDays) {
    StructType needed =
        new StructType()
            .add(SituationsTable.SCHEMA.apply(SituationsTable.SIGNATURE))
            .add(SituationsTable.SCHEMA.apply(SituationsTable.LINKED_INCIDENTS));
    return history.read(SituationsTable.NAME, runDate.minusDays(lookbackDays), runDate, needed);
  }
}
