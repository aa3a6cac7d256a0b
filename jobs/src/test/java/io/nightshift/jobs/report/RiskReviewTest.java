package io.nightshift.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.SampleFleetNight;
import io.nightshift.jobs.risk.CapacityDays;
import io.nightshift.jobs.schema.CapacityForecastTable;
import io.nightshift.jobs.schema.RiskScoresTable;
import io.nightshift.testkit.SparkExtension;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reviews the risk outputs of a real night of the bundled sample fleet ({@link SampleFleetNight}),
 * as a reader would cross-check them: every "full in N days" a risk factor quotes is the capacity
 * forecast's figure for the same resource; a rank is shown only where it orders something (entities
 * with equal probabilities share it); the page says plainly when nothing stands out; the table's
 * columns are exactly its declared constants.
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class RiskReviewTest {
  private static final LocalDate RUN = SampleFleetNight.RUN;
  private static final Pattern FULL_IN =
      Pattern.compile("(\\S+) full in about ([0-9,]+) days \\(capacity forecast\\)");

  private static Path night(SparkSession spark) {
    return SampleFleetNight.reviewed(spark);
  }

  private static Dataset<Row> table(SparkSession spark, String name) throws Exception {
    return spark.read().parquet(night(spark).resolve(name + "/run_date=" + RUN).toString());
  }

  @Test
  void everyDaysToFullInTheFactorsIsTheCapacityForecastsFigure(SparkSession spark)
      throws Exception {
    Map<String, Double> capacity = new HashMap<>();
    for (Row r :
        table(spark, CapacityForecastTable.NAME)
            .filter(col(CapacityForecastTable.THRESHOLD_PCT).equalTo(CapacityDays.FULL_PCT))
            .collectAsList()) {
      Double d = r.getAs(CapacityForecastTable.DAYS_P50);
      String resource = ((String) r.getAs(CapacityForecastTable.RESOURCE)).replaceAll("\\W", "_");
      capacity.put(r.getAs(CapacityForecastTable.ENTITY) + "/" + resource, d);
    }
    List<String> problems = new ArrayList<>();
    int quoted = 0;
    for (Row r : table(spark, RiskScoresTable.NAME).collectAsList()) {
      String factors = r.getAs(RiskScoresTable.FACTORS);
      if (factors == null) {
        continue;
      }
      Matcher m = FULL_IN.matcher(factors);
      while (m.find()) {
        quoted++;
        String key = r.getAs(RiskScoresTable.ENTITY) + "/" + m.group(1);
        Double days = capacity.get(key);
        long said = Long.parseLong(m.group(2).replace(",", ""));
        if (days == null || Math.round(days) != said) {
          problems.add(key + ": factor says " + said + " days, capacity forecast " + days);
        }
      }
      if (factors.replaceAll(FULL_IN.pattern(), "").contains("full in")) {
        problems.add(r.getAs(RiskScoresTable.ENTITY) + ": own days-to-full: " + factors);
      }
    }
    System.out.println("risk review: " + quoted + " days-to-full quoted from capacity_forecast");
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void equalProbabilitiesShareARankAndOnlyEntitiesThatStandOutShowOne(SparkSession spark)
      throws Exception {
    List<Row> rows = table(spark, RiskScoresTable.NAME).collectAsList();
    Map<String, Integer> rankOf = new HashMap<>();
    for (Row r : rows) {
      String key =
          r.getAs(RiskScoresTable.HORIZON_HOURS) + "/" + r.getAs(RiskScoresTable.PROBABILITY);
      Integer rank = r.getAs(RiskScoresTable.RANK);
      Integer other = rankOf.putIfAbsent(key, rank);
      assertTrue(other == null || other.equals(rank), "two ranks for one probability: " + key);
      double base = r.getAs(RiskScoresTable.BASE_RATE);
      assertTrue(base >= 0 && base <= 1, "base rate " + base);
    }
    String page = Files.readString(night(spark).resolve("reports/" + RUN + "/risk.html"));
    String index = Files.readString(night(spark).resolve("reports/" + RUN + "/index.html"));
    boolean anyStandsOut =
        rows.stream().anyMatch(r -> r.<Boolean>getAs(RiskScoresTable.STANDS_OUT));
    long shortestOut =
        rows.stream()
            .filter(r -> r.<Integer>getAs(RiskScoresTable.HORIZON_HOURS) == 24)
            .filter(r -> r.<Boolean>getAs(RiskScoresTable.STANDS_OUT))
            .count();
    assertTrue(page.contains("the usual"), "probabilities are shown beside the fleet's usual");
    if (!anyStandsOut) {
      assertTrue(page.contains("nothing stands out tonight"), "the page says so");
    }
    if (shortestOut == 0) {
      assertTrue(index.contains("nothing stands out tonight"), "the summary says so");
      String top =
          index.substring(index.indexOf("id=\"top-risks\""), index.indexOf("id=\"saturating\""));
      assertFalse(top.contains("<table"), "the summary numbers no tie: " + top);
    }
  }

  @Test
  void onlyEntitiesThatStandOutAreDrawnInTheAlertColour(SparkSession spark) throws Exception {
    long standOut =
        table(spark, RiskScoresTable.NAME).filter(col(RiskScoresTable.STANDS_OUT)).count();
    String page = Files.readString(night(spark).resolve("reports/" + RUN + "/risk.html"));
    Matcher bars = Pattern.compile("class=\"bar-fill\"[^>]*fill=\"([^\"]+)\"").matcher(page);
    long red = 0;
    long drawn = 0;
    while (bars.find()) {
      drawn++;
      red += bars.group(1).equals(Bar.Tone.ALERT.fill) ? 1 : 0;
    }
    assertTrue(drawn > 0, "the page draws its probabilities as bars");
    assertTrue(red <= standOut, red + " red bars, " + standOut + " entity-horizons stand out");
  }

  @Test
  void theRiskTableHasExactlyItsDeclaredColumns(SparkSession spark) throws Exception {
    Set<String> declared = new TreeSet<>();
    for (Field f : RiskScoresTable.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers())
          && f.getType() == String.class
          && !f.getName().equals("NAME")) {
        declared.add((String) f.get(null));
      }
    }
    Set<String> written = new TreeSet<>(List.of(table(spark, RiskScoresTable.NAME).columns()));
    assertEquals(declared, written);
  }
}
