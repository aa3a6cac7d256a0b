package io.nightshift.jobs.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nightshift.jobs.SparkSessions;
import io.nightshift.jobs.cli.CommonOptions;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.eval.risk.RiskBacktest;
import io.nightshift.jobs.eval.risk.RiskEvaluation;
import io.nightshift.jobs.risk.RiskRanking;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
    description =
        "Backtest the incident-risk model: replay the last nights (nightshift.risk.eval.testDays) as"
            + " if each were tonight, and compare with ranking by incidents in the last 30 days and"
            + " by the current count of anomalous metric-hours. Writes OUT/risk_eval.json.")
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

  @Option(
      names = "--until",
      paramLabel = "YYYY-MM-DD",
      description =
          "Treat the input as ending on this day (later data is not read). Replaying the nights"
              + " before the real test window this way is how settings are chosen without seeing"
              + " it.")
  LocalDate until;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws IOException {
    NightshiftConfig config = common.load(Map.of("nightshift.input.path", input));
    SparkSession spark = SparkSessions.start(config.spark());
    RiskEvaluation.Result r = new RiskEvaluation(spark, config).truth(truth).until(until).execute();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("input", input);
    json.putAll(r.json());
    Files.createDirectories(out);
    Path file = out.resolve("risk_eval.json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    print(System.out, r, RiskBacktest.K);
    System.out.println("wrote " + file);
    return 0;
  }

  @SuppressWarnings("unchecked")
  private static void print(PrintStream o, RiskEvaluation.Result result, int k) {
    for (RiskBacktest.HorizonResult r : result.horizons()) {
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
      row(o, "presence", r.presence(), k);
      margin(o, r.margin());
      Map<String, Object> c = result.ceilings().get(r.horizonHours());
      if (c != null && c.get("precision_at_" + k) != null) {
        o.printf(
            "foreseeable: %.1f entities a night had an incident ahead whose precursor had begun;"
                + " P@%d from those alone %.3f%n",
            (Double) c.get("foreseeable_positives_per_night"),
            k,
            (Double) c.get("precision_at_" + k));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void margin(PrintStream o, Map<String, Object> m) {
    if (m == null || m.get("pr_auc_ratio_95") == null) {
      return;
    }
    List<Double> ci = (List<Double>) m.get("pr_auc_ratio_95");
    o.printf(
        "PR-AUC model / %s: %.2fx (95%% of %d night resamples: %.2fx to %.2fx; model higher in"
            + " %.0f%%)%n",
        m.get("versus"),
        (Double) m.get("pr_auc_ratio_median"),
        (Integer) m.get("resamples"),
        ci.get(0),
        ci.get(1),
        100 * (Double) m.get("model_better_share"));
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
