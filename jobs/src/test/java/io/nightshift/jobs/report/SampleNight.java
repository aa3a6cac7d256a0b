package io.nightshift.jobs.report;

import static io.nightshift.jobs.Fixtures.row;
import static io.nightshift.jobs.Fixtures.ts;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sin;
import static org.apache.spark.sql.functions.timestamp_seconds;

import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.OutputWriter;
import io.nightshift.jobs.schema.AnomaliesTable;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.OutputTable;
import io.nightshift.jobs.schema.RiskBacktestTable;
import io.nightshift.jobs.schema.RiskScoresTable;
import io.nightshift.jobs.stages.CapacityForecastStage;
import io.nightshift.jobs.stages.KpiStage;
import io.nightshift.jobs.stages.NightlyRun;
import io.nightshift.jobs.stages.NightlyStage;
import io.nightshift.jobs.stages.RecurringIncidentStage;
import io.nightshift.jobs.stages.RunContext;
import io.nightshift.jobs.stages.RunListeners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * One small night for the report tests, run once per test JVM: a lake with a week of hourly
 * metrics, incidents (one titled with a {@code <script>} tag, one with an unknown severity that is
 * quarantined) and changes; the real capacity forecast, recurring-incident and KPI stages; and a
 * stage writing hand-made risk, anomaly and backtest tables in the shapes the report accepts.
 * Hostile text sits in an incident title, an entity and a service so that every page has some to
 * escape.
 */
final class SampleNight {
  static final LocalDate RUN = LocalDate.parse("2026-06-30");
  static final String EVIL = "<script>alert('x')</script>";
  static final String EVIL_ENTITY = "db-" + EVIL;

  private static Path out;

  private SampleNight() {}

  /** The output root of the sample night (computed on first use). */
  static synchronized Path output(SparkSession spark) {
    if (out == null) {
      try {
        Path root = Files.createTempDirectory("nightshift-report-test");
        Path in = root.resolve("in");
        lake(spark, in);
        out = root.resolve("out");
        NightshiftConfig cfg = Fixtures.config(in, out);
        new NightlyRun(spark, cfg)
            .runDate(RUN)
            .stages(
                List.of(
                    new HandMadeOutputs(),
                    new CapacityForecastStage(),
                    new RecurringIncidentStage(),
                    new KpiStage()))
            .outputSchemas(HandMadeOutputs.SCHEMAS)
            .listeners(RunListeners.defaults())
            .execute();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** The report folder of the sample night. */
  static Path reports(SparkSession spark) {
    return output(spark).resolve("reports").resolve(RUN.toString());
  }

  /** Writes the input lake. */
  static void lake(SparkSession spark, Path in) {
    long start = ts("2026-06-24T00:00:00Z").getTime() / 1000;
    List<Dataset<Row>> series = new ArrayList<>();
    Object[][] specs = {
      {"h1", "disk_used_pct", "web", 60.0, 0.12},
      {EVIL_ENTITY, "mem_used_pct", "db", 70.0, 0.10},
      {"h2", "cpu_used_pct", "web", 40.0, 0.0},
    };
    for (Object[] s : specs) {
      series.add(
          spark
              .range(7 * 24)
              .select(
                  timestamp_seconds(col("id").multiply(3600).plus(start)).as("ts"),
                  lit(s[0]).as("entity"),
                  lit(s[1]).as("metric"),
                  lit((Double) s[3])
                      .plus(col("id").multiply((Double) s[4]))
                      .plus(sin(col("id").multiply(Math.PI / 12)).multiply(3))
                      .as("value"),
                  lit(s[2]).as("service"),
                  lit(100.0).as("capacity")));
    }
    Fixtures.write(in, InputTable.METRICS, series.get(0).union(series.get(1)).union(series.get(2)));
    Fixtures.write(
        spark,
        in,
        InputTable.LOGS,
        row(ts("2026-06-29T10:00:00Z"), "h1", "web", "ERROR", "Timeout after 3000 ms"));
    List<Row> incidents = new ArrayList<>();
    for (int d = 0; d < 4; d++) {
      incidents.add(
          incident(
              "INC-D" + d,
              "web",
              "h1",
              "SEV2",
              "Disk full on /var " + EVIL,
              String.format("2026-06-%02dT03:00:00Z", 24 + d * 2),
              20,
              90));
    }
    for (int d = 0; d < 2; d++) {
      incidents.add(
          incident(
              "INC-P" + d,
              "db",
              EVIL_ENTITY,
              "SEV1",
              "DB connection pool exhausted",
              String.format("2026-06-%02dT14:00:00Z", 27 + d * 2),
              5,
              45));
    }
    incidents.add(incident("INC-BAD", "web", "h2", "SEV9", "odd", "2026-06-29T01:00:00Z", 1, 2));
    Fixtures.write(
        in,
        InputTable.INCIDENTS,
        Fixtures.rows(spark, InputTable.INCIDENTS, incidents.toArray(Row[]::new)));
    Fixtures.write(
        spark,
        in,
        InputTable.CHANGES,
        row("CHG1", "web", "h1", ts("2026-06-26T02:30:00Z"), "failed"),
        row("CHG2", "db", EVIL_ENTITY, ts("2026-06-29T09:00:00Z"), "success"));
  }

  private static Row incident(
      String id,
      String service,
      String entity,
      String sev,
      String title,
      String opened,
      int detectMin,
      int resolveMin) {
    java.sql.Timestamp o = ts(opened);
    return row(
        id,
        service,
        entity,
        sev,
        "disk",
        title,
        o,
        new java.sql.Timestamp(o.getTime() + detectMin * 60_000L),
        new java.sql.Timestamp(o.getTime() + resolveMin * 60_000L),
        null);
  }

  /** Hand-made outputs of the stages other engineers are building, in shapes the report reads. */
  static final class HandMadeOutputs implements NightlyStage {
    /** The declared tables, with the hand-made ones written as they are (not as declared). */
    static final Map<String, StructType> SCHEMAS = new LinkedHashMap<>(OutputTable.schemas());

    static {
      for (String t :
          List.of("capacity_forecast", "incident_families", "recurring_incidents", "anomalies")) {
        SCHEMAS.put(t, OutputWriter.UNCHECKED);
      }
    }

    @Override
    public String name() {
      return "hand_made_outputs";
    }

    @Override
    public Map<String, Dataset<Row>> compute(RunContext ctx) {
      SparkSession spark = ctx.spark();
      Map<String, Dataset<Row>> m = new LinkedHashMap<>();
      java.sql.Date modelDate = java.sql.Date.valueOf("2026-06-30");
      m.put(
          RiskScoresTable.NAME,
          spark.createDataFrame(
              List.of(
                  riskRow(EVIL_ENTITY, "db", 0.82, 1, "2 incident(s) on it in 7 days", modelDate),
                  riskRow("h1", "web", 0.64, 2, "mem_used_pct trend", modelDate),
                  riskRow("h2", "web", 0.05, 3, "", modelDate)),
              RiskScoresTable.SCHEMA));
      m.put(
          RiskBacktestTable.NAME,
          spark.createDataFrame(
              List.of(
                  row(java.sql.Date.valueOf("2026-06-28"), 24, "24h", 3L, 0.4, 1L, 1L, 1L, "h1*")),
              RiskBacktestTable.SCHEMA));
      m.put(
          AnomaliesTable.NAME,
          spark.createDataFrame(
              List.of(
                  anomaly(EVIL_ENTITY, "db", "mem_used_pct", "2026-06-30T12:00:00Z", 95.0, 1.0),
                  anomaly("h1", "web", "disk_used_pct", "2026-06-30T02:00:00Z", 88.0, 0.91)),
              AnomaliesTable.SCHEMA));
      return m;
    }

    /** A 24-hour risk score in RiskScoresTable's shape; the fleet's usual level is 0.2. */
    private static Row riskRow(
        String entity, String service, double p, int rank, String factor, java.sql.Date day) {
      return row(
          entity,
          service,
          24,
          "24h",
          p,
          0.2,
          p / 0.2,
          p / 0.2 >= 2,
          rank,
          factor,
          factor,
          null,
          null,
          day);
    }

    /** An anomaly event of one hour, expected 70 (60 to 80), in AnomaliesTable's shape. */
    private static Row anomaly(
        String entity, String service, String metric, String peak, double value, double score) {
      java.sql.Timestamp t = ts(peak);
      return row(
          entity,
          service,
          metric,
          new java.sql.Timestamp(t.getTime() - 1_800_000L),
          new java.sql.Timestamp(t.getTime() + 1_800_000L),
          t,
          t,
          value,
          70.0,
          60.0,
          80.0,
          score,
          3L,
          "above the expected band for this hour");
    }
  }
}
