package io.nightshift.jobs.stages.incidents;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.nightshift.jobs.config.IncidentSettings;
import io.nightshift.jobs.schema.Cols;
import io.nightshift.jobs.schema.IncidentFamiliesTable;
import io.nightshift.jobs.schema.RecurringIncidentsTable;
import io.nightshift.models.incidents.LocalFamilyFigures;
import io.nightshift.models.incidents.LocalFamilyFigures.Figures;
import io.nightshift.models.incidents.LocalPrecursorMiner;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recurring-incident tables of one window built on the driver: a window's incidents are a
 * small, bounded table ({@code nightshift.incidents.maxIncidentsOnDriver}), so they are collected
 * once with their families, and the figures ({@link LocalFamilyFigures}), precursors ({@link
 * LocalPrecursorMiner}) and descriptions ({@link PrecursorWords}) are computed in plain Java; the
 * two tables are then local Datasets in their declared schemas. The Spark jobs left are the
 * collects (incidents, changes, the precursor events of the recurring families' services, the log
 * templates' text when a log template is a precursor) and the writes. Same rows as the Spark path
 * of {@code RecurringIncidentStage} (doubles up to the order of summation).
 */
public final class LocalRecurringIncidents {
  private static final Logger LOG = LoggerFactory.getLogger(LocalRecurringIncidents.class);

  private final IncidentSettings settings;
  private final Instant windowStart;
  private final Instant windowEnd;

  public LocalRecurringIncidents(
      IncidentSettings settings, Instant windowStart, Instant windowEnd) {
    this.settings = settings;
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
  }

  /**
   * The window's incidents, when there are at most {@code maxIncidentsOnDriver} of them (one Spark
   * job); empty when there are more.
   */
  public Optional<List<Row>> collectIncidents(Dataset<Row> incidents) {
    int max = settings.maxIncidentsOnDriver();
    List<Row> rows = incidents.coalesce(1).limit(oneMore(max)).collectAsList();
    if (rows.size() > max) {
      LOG.info(
          "recurring incidents: more than {} incidents in the window"
              + " (nightshift.incidents.maxIncidentsOnDriver): grouped with Spark jobs",
          max);
      return Optional.empty();
    }
    return Optional.of(rows);
  }

  /** A change: service, time and status (the precursor event's detail). */
  public record Change(String service, Instant ts, String status) {}

  /** The changes of the window (one Spark job), or null when the input has no change table. */
  public static List<Change> collectChanges(Optional<Dataset<Row>> changes) {
    if (changes.isEmpty()) {
      return null;
    }
    List<Change> out = new ArrayList<>();
    for (Row r : changes.get().select(Cols.SERVICE, Cols.TS, Cols.STATUS).collectAsList()) {
      out.add(new Change(r.getString(0), instant(r.get(1)), r.getString(2)));
    }
    return out;
  }

  /** The two tables tonight. */
  public record Tables(Dataset<Row> recurringIncidents, Dataset<Row> incidentFamilies) {}

  /**
   * Builds both tables; empty when the recurring families' services have more precursor events than
   * {@code maxPrecursorEventsOnDriver} (the caller then mines them with Spark jobs).
   *
   * @param schema the incidents' schema
   * @param incidents the window's incidents ({@link #collectIncidents})
   * @param familyIds each incident's family id, in the same order
   * @param familyLabels each incident's family label, in the same order
   * @param changes the window's changes, or null without a change table
   * @param signalEvents the anomaly, log template and saturation events of some services (service,
   *     start, end, kind, name, and optionally entity and detail), empty when no table has any
   * @param templateTexts template_id, template, example of the log templates, if known
   */
  public Optional<Tables> build(
      SparkSession spark,
      StructType schema,
      List<Row> incidents,
      List<String> familyIds,
      List<String> familyLabels,
      List<Change> changes,
      Function<List<String>, Optional<Dataset<Row>>> signalEvents,
      Supplier<Optional<Dataset<Row>>> templateTexts) {
    List<LocalFamilyFigures.Incident> withFamily = new ArrayList<>(incidents.size());
    List<Row> families = new ArrayList<>(incidents.size());
    for (int k = 0; k < incidents.size(); k++) {
      Row r = incidents.get(k);
      withFamily.add(
          new LocalFamilyFigures.Incident(
              string(r, schema, Cols.INCIDENT_ID),
              familyIds.get(k),
              familyLabels.get(k),
              string(r, schema, Cols.SERVICE),
              string(r, schema, Cols.ENTITY),
              string(r, schema, Cols.CATEGORY),
              string(r, schema, Cols.SEVERITY),
              instant(value(r, schema, Cols.OPENED_AT)),
              instant(value(r, schema, Cols.DETECTED_AT)),
              instant(value(r, schema, Cols.RESOLVED_AT)),
              string(r, schema, Cols.ROOT_CAUSE)));
      families.add(RowFactory.create(string(r, schema, Cols.INCIDENT_ID), familyIds.get(k)));
    }
    List<Figures> recurring = new ArrayList<>();
    for (Figures f :
        new LocalFamilyFigures(
                windowStart,
                windowEnd,
                settings.severityWeights(),
                settings.defaultSeverityWeight(),
                settings.linkedChangeHours())
            .compute(
                withFamily,
                changes == null
                    ? null
                    : changes.stream()
                        .map(c -> new LocalFamilyFigures.Change(c.service(), c.ts()))
                        .toList(),
                Arrays.asList(schema.fieldNames()).contains(Cols.ROOT_CAUSE))) {
      if (f.incidentCount() >= settings.minFamilySize()) {
        recurring.add(f);
      }
    }
    recurring.sort(RANKING);
    Optional<Map<String, List<Row>>> mined =
        precursors(spark, withFamily, recurring, changes, signalEvents, templateTexts);
    if (mined.isEmpty()) {
      return Optional.empty();
    }
    Map<String, List<Row>> precursors = mined.get();
    List<Row> rows = new ArrayList<>(recurring.size());
    for (int k = 0; k < recurring.size(); k++) {
      Figures f = recurring.get(k);
      rows.add(row(k + 1, f, precursors.getOrDefault(f.familyId(), List.of())));
    }
    return Optional.of(
        new Tables(
            spark.createDataFrame(rows, RecurringIncidentsTable.SCHEMA),
            spark.createDataFrame(families, IncidentFamiliesTable.SCHEMA)));
  }

  /** The table's order: impact, trend, incident count (all highest first), then family id. */
  static final Comparator<Figures> RANKING =
      Comparator.comparing(
              Figures::impact, Comparator.nullsFirst(Comparator.<Double>naturalOrder()))
          .thenComparingLong(Figures::trend)
          .thenComparingLong(Figures::incidentCount)
          .reversed()
          .thenComparing(Figures::familyId, Comparator.nullsFirst(Comparator.naturalOrder()));

  /**
   * Precursors of the recurring families, described, as rows of {@link
   * RecurringIncidentsTable#PRECURSOR} per family, rank order; nothing without events; empty over
   * the bound on events.
   */
  private Optional<Map<String, List<Row>>> precursors(
      SparkSession spark,
      List<LocalFamilyFigures.Incident> incidents,
      List<Figures> recurring,
      List<Change> changes,
      Function<List<String>, Optional<Dataset<Row>>> signalEvents,
      Supplier<Optional<Dataset<Row>>> templateTexts) {
    Map<String, Figures> byFamily = new HashMap<>();
    List<String> services = new ArrayList<>();
    for (Figures f : recurring) {
      byFamily.put(f.familyId(), f);
      services.addAll(f.services());
    }
    List<LocalPrecursorMiner.Incident> members = new ArrayList<>();
    for (LocalFamilyFigures.Incident i : incidents) {
      if (byFamily.containsKey(i.familyId())) {
        members.add(
            new LocalPrecursorMiner.Incident(
                i.id(), i.familyId(), i.service(), i.entity(), i.opened()));
      }
    }
    if (members.isEmpty()) {
      return Optional.of(Map.of());
    }
    Optional<Dataset<Row>> signals = signalEvents.apply(services.stream().distinct().toList());
    if (signals.isEmpty() && changes == null) {
      return Optional.of(Map.of());
    }
    List<LocalPrecursorMiner.Event> events = new ArrayList<>();
    if (changes != null) {
      for (Change c : changes) {
        events.add(
            new LocalPrecursorMiner.Event(
                c.service(),
                null,
                c.ts(),
                null,
                RecurringIncidentsTable.KIND_CHANGE,
                "change",
                c.status()));
      }
    }
    if (signals.isPresent()) {
      int max = settings.maxPrecursorEventsOnDriver();
      List<Row> rows = eventColumns(signals.get()).coalesce(1).limit(oneMore(max)).collectAsList();
      if (rows.size() + events.size() > max) {
        LOG.info(
            "recurring incidents: more than {} precursor events"
                + " (nightshift.incidents.maxPrecursorEventsOnDriver): mined with Spark jobs",
            max);
        return Optional.empty();
      }
      for (Row r : rows) {
        events.add(
            new LocalPrecursorMiner.Event(
                r.getString(0),
                r.getString(1),
                instant(r.get(2)),
                instant(r.get(3)),
                r.getString(4),
                r.getString(5),
                r.getString(6)));
      }
    }
    Map<String, List<LocalPrecursorMiner.Precursor>> mined =
        new LocalPrecursorMiner(
                windowStart,
                windowEnd,
                settings.precursorLookbackHours().stream().mapToInt(Integer::intValue).toArray(),
                settings.precursorMinSupport(),
                settings.precursorMinLift(),
                settings.precursorMinIncidents(),
                settings.topPrecursors())
            .mine(members, events);
    Map<String, String[]> texts = templates(mined, templateTexts);
    Map<String, List<Row>> out = new HashMap<>();
    mined.forEach(
        (family, ps) -> {
          Figures f = byFamily.get(family);
          List<Row> described = new ArrayList<>(ps.size());
          for (LocalPrecursorMiner.Precursor p : ps) {
            described.add(describe(p, f, texts));
          }
          out.put(family, described);
        });
    return Optional.of(out);
  }

  private Row describe(LocalPrecursorMiner.Precursor p, Figures f, Map<String, String[]> texts) {
    String[] text =
        RecurringIncidentsTable.KIND_LOG_TEMPLATE.equals(p.kind())
            ? texts.getOrDefault(p.name(), new String[2])
            : new String[2];
    List<PrecursorWords.Detail> details =
        p.details().stream().map(d -> new PrecursorWords.Detail(d.events(), d.detail())).toList();
    String description =
        PrecursorWords.describe(
            new PrecursorWords.Item(
                p.kind(),
                p.name(),
                p.support(),
                p.lift(),
                p.incidents(),
                p.hours(),
                f.incidentCount(),
                f.services(),
                details,
                text[0],
                text[1]),
            settings.precursorSaturationRatio());
    return RowFactory.create(
        p.rank(), p.kind(), p.name(), p.support(), p.lift(), p.incidents(), p.hours(), description);
  }

  /**
   * The text and example of the log templates that are precursors (one Spark job, only when one
   * is), by template id.
   */
  private static Map<String, String[]> templates(
      Map<String, List<LocalPrecursorMiner.Precursor>> mined,
      Supplier<Optional<Dataset<Row>>> templateTexts) {
    List<String> ids =
        mined.values().stream()
            .flatMap(List::stream)
            .filter(p -> RecurringIncidentsTable.KIND_LOG_TEMPLATE.equals(p.kind()))
            .map(LocalPrecursorMiner.Precursor::name)
            .distinct()
            .toList();
    Map<String, String[]> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    Optional<Dataset<Row>> t = templateTexts.get();
    if (t.isEmpty()) {
      return out;
    }
    Column id = col("template_id").cast("string");
    for (Row r :
        t.get()
            .select(id.as("id"), col("template"), col("example"))
            .where(id.isin(ids.toArray()))
            .collectAsList()) {
      out.putIfAbsent(r.getString(0), new String[] {r.getString(1), r.getString(2)});
    }
    return out;
  }

  /**
   * service, entity, start, end, kind, name, detail of the events (null where a column is absent).
   */
  private static Dataset<Row> eventColumns(Dataset<Row> events) {
    List<String> cols = Arrays.asList(events.columns());
    return events.select(
        col("service").cast("string"),
        (cols.contains("entity") ? col("entity").cast("string") : lit(null).cast("string"))
            .as("entity"),
        col("start").cast("timestamp"),
        col("end").cast("timestamp"),
        col("kind").cast("string"),
        col("name").cast("string"),
        (cols.contains("detail") ? col("detail").cast("string") : lit(null).cast("string"))
            .as("detail"));
  }

  private static Row row(int rank, Figures f, List<Row> precursors) {
    List<Row> causes = new ArrayList<>(f.rootCauses().size());
    for (LocalFamilyFigures.RootCause c : f.rootCauses()) {
      causes.add(RowFactory.create(c.cause(), c.incidents(), c.share()));
    }
    return RowFactory.create(
        rank,
        f.familyId(),
        f.label(),
        f.category(),
        f.services(),
        f.entities(),
        f.incidentCount(),
        f.countFirstHalf(),
        f.countSecondHalf(),
        f.trend(),
        f.impact(),
        f.mttrMean(),
        f.mttrP50(),
        f.mttrP90(),
        f.mttdMean(),
        f.mttdP50(),
        f.mttdP90(),
        f.lastOccurrence() == null ? null : Timestamp.from(f.lastOccurrence()),
        f.linkedChangeShare(),
        precursors,
        f.incidentIds(),
        causes);
  }

  /**
   * A bound plus one row, to tell "at the bound" from "over it" in one collect; the collects read
   * one partition ({@code coalesce(1)}), so a limit takes one job, not one per growing batch of
   * partitions.
   */
  private static int oneMore(int max) {
    return max == Integer.MAX_VALUE ? max : max + 1;
  }

  private static Object value(Row r, StructType schema, String name) {
    return Arrays.asList(schema.fieldNames()).contains(name)
        ? r.get(schema.fieldIndex(name))
        : null;
  }

  private static String string(Row r, StructType schema, String name) {
    Object v = value(r, schema, name);
    return v == null ? null : v.toString();
  }

  private static Instant instant(Object v) {
    if (v == null) {
      return null;
    }
    return v instanceof Timestamp t ? t.toInstant() : (Instant) v;
  }
}
