package io.nightshift.jobs.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nightshift.jobs.SparkSessions;
import io.nightshift.jobs.cli.CommonOptions;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.eval.risk.RiskBacktest;
import io.nightshift.jobs.eval.risk.TruthIncidents;
import io.nightshift.jobs.io.InputFiles;
import io.nightshift.jobs.io.InputTables;
import io.nightshift.jobs.io.TableReader;
import io.nightshift.jobs.risk.RiskFeatures;
import io.nightshift.jobs.risk.RiskRanking;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.validate.BadInputException;
import io.nightshift.jobs.validate.Validation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code eval risk}: replays the last nights of an input as if each were tonight and compares the
 * risk model with two baselines ({@link RiskBacktest}); writes {@code OUT/risk_eval.json}.
 */
@Command(
    name = "risk",
    mixinStandardHelpOptions = true,
    description = {
      "Backtest the incident-risk model: replay the last nights (nightshift.risk.eval.testDays) as if",
      "each were tonight, and compare with ranking by incidents in the last 30 days and by the current",
      "count of anomalous metric-hours. Writes OUT/risk_eval.json."
    })
public final class EvalRiskCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, paramLabel = "DIR", description = "Input lake root.")
  String input;

  @Option(
      names = "--truth",
      paramLabel = "DIR",
      description =
          "Ground truth folder with incidents.csv; without it labels come from the incidents table.")
  String truth;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Where risk_eval.json goes.")
  Path out;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws IOException {
    NightshiftConfig probe = common.load(Map.of("nightshift.input.path", input));
    SparkSession spark = SparkSessions.start(probe.spark());
    TableReader reader = new TableReader(spark, probe.input(), false);
    List<InputFiles.Partition> parts =
        InputFiles.list(
            reader.rootOf(InputTable.METRICS),
            LocalDate.of(1970, 1, 1),
            LocalDate.of(9999, 12, 31),
            spark.sparkContext().hadoopConfiguration());
    if (parts.isEmpty()) {
      throw new BadInputException(
          "no metrics partitions under " + reader.rootOf(InputTable.METRICS));
    }
    LocalDate first = parts.get(0).date();
    LocalDate last = parts.get(parts.size() - 1).date();
    Map<InputTable, Dataset<Row>> accepted = new EnumMap<>(InputTable.class);
    List<Validation.Outcome> outcomes = new ArrayList<>();
    Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    for (InputTable table : List.of(InputTable.METRICS, InputTable.INCIDENTS, InputTable.CHANGES)) {
      TableReader.RawTable raw = reader.read(table, first, last);
      if (raw.present()) {
        Validation.Outcome o = Validation.run(raw, probe.validation(), start, end);
        outcomes.add(o);
        accepted.put(table, o.accepted());
      }
    }
    NightshiftConfig config = probe;
    InputTables t = new InputTables(accepted, start, end);
    Dataset<Row> labels = truth == null ? t.incidents() : TruthIncidents.read(spark, truth);
    spark.sparkContext().setJobGroup("eval:risk", "risk backtest", false);
    List<RiskBacktest.HorizonResult> results =
        new RiskBacktest(config.risk())
            .run(
                new RiskFeatures.Inputs(t.metrics(), t.incidents(), t.changes(), Map.of()),
                labels,
                first,
                last);
    outcomes.forEach(Validation.Outcome::release);

    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, Object> byHorizon = new LinkedHashMap<>();
    for (RiskBacktest.HorizonResult r : results) {
      byHorizon.put(RiskRanking.horizonText(r.horizonHours()), RiskBacktest.json(r, 15));
    }
    if (results.isEmpty()) {
      Map<String, Object> none = new LinkedHashMap<>();
      for (String k :
          List.of("pr_auc", "roc_auc", "precision_at_10", "recall_at_10", "median_lead_hours")) {
        none.put(k, null);
      }
      Map<String, Object> model = new LinkedHashMap<>(none);
      model.put("ece", null);
      json.put("model", model);
      json.put(
          "baselines",
          Map.of(RiskBacktest.RECENT_INCIDENTS, none, RiskBacktest.ANOMALY_COUNT, none));
      json.put("note", "input too short for any horizon: " + first + " to " + last);
    } else {
      json.putAll(RiskBacktest.json(results.get(0), 15));
    }
    json.put("input", input);
    json.put("labels", truth == null ? "incidents table" : truth + "/incidents.csv");
    json.put("classifier", config.risk().classifier());
    json.put("by_horizon", byHorizon);
    Files.createDirectories(out);
    Path file = out.resolve("risk_eval.json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    print(System.out, results, config.risk().topK());
    System.out.println("wrote " + file);
    return 0;
  }

  @SuppressWarnings("unchecked")
  private static void print(PrintStream o, List<RiskBacktest.HorizonResult> results, int k) {
    for (RiskBacktest.HorizonResult r : results) {
      o.printf(
          "risk backtest, horizon %s, nights %s..%s, %d entity-nights, %d positive%n",
          RiskRanking.horizonText(r.horizonHours()),
          r.firstNight(),
          r.lastNight(),
          r.rows(),
          r.positives());
      o.printf(
          "%-18s %8s %8s %8s %8s %10s %6s%n",
          "scorer", "PR-AUC", "ROC-AUC", "P@" + k, "R@" + k, "lead(h)", "ECE");
      row(o, "model", r.model(), k);
      row(o, "recent_incidents", r.recentIncidents(), k);
      row(o, "anomaly_count", r.anomalyCount(), k);
    }
  }

  private static void row(PrintStream o, String name, Map<String, Object> m, int k) {
    o.printf(
        "%-18s %8s %8s %8s %8s %10s %6s%n",
        name,
        f(m.get("pr_auc")),
        f(m.get("roc_auc")),
        f(m.get("precision_at_" + k)),
        f(m.get("recall_at_" + k)),
        f(m.get("median_lead_hours")),
        f(m.get("ece")));
  }

  private static String f(Object v) {
    return v == null ? "-" : String.format("%.3f", (Double) v);
  }
}
