package io.nightshift.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nightshift.jobs.io.ModelPolicy.Candidate;
import io.nightshift.jobs.io.ModelPolicy.Decision;
import io.nightshift.jobs.io.ModelPolicy.Kind;
import io.nightshift.jobs.io.ModelPolicy.Retrain;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The model policy, without Spark: tonight reuses the newest saved model while it is younger than
 * the model's retrain setting and was fitted with tonight's settings; otherwise it fits, and says
 * why.
 */
class ModelPolicyTest {
  private static final LocalDate TONIGHT = LocalDate.parse("2026-06-30");
  private static final Map<String, String> SETTINGS =
      Map.of("featureCols", "[cpu_z, incidents_7d]", "regParam", "0.01");

  private static Optional<Candidate> savedOn(String date, Map<String, String> settings) {
    return Optional.of(new Candidate(LocalDate.parse(date), Optional.of(settings)));
  }

  private static Decision decide(Retrain retrain, Optional<Candidate> newest) {
    return ModelPolicy.decide("risk_24h", TONIGHT, retrain, newest, SETTINGS);
  }

  @Test
  void reusesAYoungCompatibleModelAndSaysHowOldItIs() {
    Decision d = decide(Retrain.everyDays(7), savedOn("2026-06-28", SETTINGS));
    assertEquals(Kind.REUSED, d.kind());
    assertTrue(d.reused());
    assertEquals(LocalDate.parse("2026-06-28"), d.savedRunDate());
    assertEquals("reused model of 2026-06-28 (2 days old, retrain every 7 days)", d.reason());
  }

  @Test
  void reusesUntilTheModelIsAsOldAsTheRetrainSetting() {
    assertEquals(Kind.REUSED, decide(Retrain.everyDays(7), savedOn("2026-06-24", SETTINGS)).kind());
    Decision old = decide(Retrain.everyDays(7), savedOn("2026-06-23", SETTINGS));
    assertEquals(Kind.FITTED, old.kind());
    assertEquals(TONIGHT, old.savedRunDate(), "a fitted model is saved with tonight's outputs");
    assertEquals(
        "fitted: saved model of 2026-06-23 is 7 days old (retrain every 7 days)", old.reason());
  }

  @Test
  void aCarriedModelIsAsOldAsItsFitNotAsTheNightThatKeptIt() {
    Candidate carried =
        new Candidate(
            LocalDate.parse("2026-06-29"), LocalDate.parse("2026-06-24"), Optional.of(SETTINGS));
    Decision young = decide(Retrain.everyDays(7), Optional.of(carried));
    assertEquals(LocalDate.parse("2026-06-29"), young.savedRunDate(), "streams on from 06-29");
    assertEquals(
        "reused model of 2026-06-29 (fitted 2026-06-24, 6 days old, retrain every 7 days)",
        young.reason());
    Decision due =
        ModelPolicy.decide(
            "anomaly", TONIGHT.plusDays(1), Retrain.everyDays(7), Optional.of(carried), SETTINGS);
    assertEquals(Kind.FITTED, due.kind());
    assertEquals(
        "fitted: saved model of 2026-06-29 (fitted 2026-06-24) is 7 days old (retrain every 7"
            + " days)",
        due.reason());
  }

  @Test
  void aModelSavedEarlierTheSameDateIsReusedUnlessRetrainedEveryNight() {
    assertEquals(
        "reused model of 2026-06-30 (0 days old, retrain every 1 day)",
        decide(Retrain.everyDays(1), savedOn("2026-06-30", SETTINGS)).reason());
    assertEquals(
        "fitted: retrained every night",
        decide(Retrain.everyNight(), savedOn("2026-06-30", SETTINGS)).reason());
  }

  @Test
  void fitsWhenNoModelWasSaved() {
    Decision d = decide(Retrain.everyDays(7), Optional.empty());
    assertEquals(Kind.FITTED, d.kind());
    assertEquals("fitted: no saved model", d.reason());
  }

  @Test
  void fitsWhenTheSavedModelHasOtherFeatures() {
    Map<String, String> other = Map.of("featureCols", "[cpu_z]", "regParam", "0.01");
    Decision d = decide(Retrain.everyDays(7), savedOn("2026-06-29", other));
    assertEquals(Kind.FITTED, d.kind());
    assertEquals(
        "fitted: saved model of 2026-06-29 was fitted with featureCols [cpu_z], tonight's is"
            + " [cpu_z, incidents_7d]",
        d.reason());
  }

  @Test
  void namesTheFirstDifferingSettingAndLeavesLongValuesOut() {
    String longList = "[" + "x, ".repeat(30) + "y]";
    Map<String, String> other = Map.of("featureCols", longList, "regParam", "0.07");
    assertEquals(
        "fitted: saved model of 2026-06-29 was fitted with other featureCols",
        decide(Retrain.everyDays(7), savedOn("2026-06-29", other)).reason());
    assertEquals(
        "fitted: saved model of 2026-06-29 was fitted without regParam (tonight's is 0.01)",
        decide(
                Retrain.everyDays(7),
                savedOn("2026-06-29", Map.of("featureCols", SETTINGS.get("featureCols"))))
            .reason());
  }

  @Test
  void fitsWhenTheSavedModelRecordsNoSettings() {
    Optional<Candidate> legacy =
        Optional.of(new Candidate(LocalDate.parse("2026-06-29"), Optional.empty()));
    assertEquals(
        "fitted: saved model of 2026-06-29 records no settings to compare with tonight's",
        decide(Retrain.everyDays(7), legacy).reason());
  }

  @Test
  void aFittedModelThatIsNotSavedHasNoSavedRunDate() {
    Decision d = decide(Retrain.everyNight(), Optional.empty()).notSaved("saveModel = false");
    assertNull(d.savedRunDate());
    assertEquals("fitted: retrained every night (not saved: saveModel = false)", d.reason());
  }

  @Test
  void refusesAModelFromAfterTheRunDateAndANegativeRetrainSetting() {
    IllegalArgumentException future =
        assertThrows(
            IllegalArgumentException.class,
            () -> decide(Retrain.everyDays(7), savedOn("2026-07-01", SETTINGS)));
    assertTrue(future.getMessage().startsWith("model risk_24h of 2026-07-01 is newer than"));
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> Retrain.everyDays(0));
    assertTrue(zero.getMessage().startsWith("retrain every 0 days: must be >= 1"));
  }
}
