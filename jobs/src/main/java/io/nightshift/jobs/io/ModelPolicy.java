package io.nightshift.jobs.io;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The one rule for every fitted model of the nightly run: tonight reuses the newest model saved on
 * or before the run date while it is young enough for the model's retrain setting and was fitted
 * with the same settings (its fingerprint: the estimator's params, features included); otherwise
 * tonight fits a new one, which is saved with the night's outputs. Each decision carries its reason
 * in words, for the log and the run manifest's {@code models} section.
 *
 * <p>Plain Java on dates and strings: {@link ModelStore} finds the saved model and its fingerprint,
 * this class decides.
 */
public final class ModelPolicy {
  private static final int SHORT_VALUE = 40;

  private ModelPolicy() {}

  /**
   * How long a model may be reused.
   *
   * @param everyDays a saved model is reused while it is younger than this many days; 0: never
   *     reused, fitted every night
   */
  public record Retrain(int everyDays) {
    public Retrain {
      if (everyDays < 0) {
        throw new IllegalArgumentException("retrain every " + everyDays + " days: must be >= 0");
      }
    }

    /** Fitted every night, never reused. */
    public static Retrain everyNight() {
      return new Retrain(0);
    }

    /** Reused while younger than {@code days} (at least 1). */
    public static Retrain everyDays(int days) {
      if (days < 1) {
        throw new IllegalArgumentException("retrain every " + days + " days: must be >= 1");
      }
      return new Retrain(days);
    }

    /** Whether a saved model is never reused. */
    public boolean isEveryNight() {
      return everyDays == 0;
    }

    @Override
    public String toString() {
      return isEveryNight()
          ? "retrain every night"
          : "retrain every " + everyDays + (everyDays == 1 ? " day" : " days");
    }
  }

  /**
   * The newest saved model on or before the run date.
   *
   * @param runDate the night that saved it
   * @param fittedOn the night that fitted it: {@code runDate}, or earlier for a streaming model
   *     carried forward by later nights (its age counts from its fit)
   * @param fingerprint the settings it was fitted with; empty when it recorded none
   */
  public record Candidate(
      LocalDate runDate, LocalDate fittedOn, Optional<Map<String, String>> fingerprint) {
    public Candidate {
      if (fittedOn.isAfter(runDate)) {
        throw new IllegalArgumentException(
            "a model saved on " + runDate + " cannot be fitted on " + fittedOn);
      }
    }

    /** A model saved by the night that fitted it. */
    public Candidate(LocalDate runDate, Optional<Map<String, String>> fingerprint) {
      this(runDate, runDate, fingerprint);
    }
  }

  /** Reuse the saved model, or fit a new one. */
  public enum Kind {
    REUSED,
    FITTED;

    /** {@code reused} or {@code fitted}, as in the manifest. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * What the policy decided for one model tonight.
   *
   * @param model the model's name
   * @param kind reuse or fit
   * @param savedRunDate the night whose saved model is used: the reused model's, or tonight's for a
   *     model fitted and saved tonight; null when the fitted model is not saved
   * @param reason the decision in words
   */
  public record Decision(String model, Kind kind, LocalDate savedRunDate, String reason) {
    public Decision {
      Objects.requireNonNull(model);
      Objects.requireNonNull(kind);
      Objects.requireNonNull(reason);
    }

    public boolean reused() {
      return kind == Kind.REUSED;
    }

    /** The same decision for a fitted model that is not saved, with why. */
    public Decision notSaved(String why) {
      return new Decision(model, kind, null, reason + " (not saved: " + why + ")");
    }

    /** The same decision with a note appended to the reason. */
    public Decision withNote(String note) {
      return new Decision(model, kind, savedRunDate, reason + "; " + note);
    }
  }

  /**
   * Decides whether tonight reuses {@code newest} or fits {@code model} anew.
   *
   * @param tonight the run date
   * @param retrain the model's retrain setting
   * @param newest the newest model saved on or before {@code tonight}, if any
   * @param wanted the settings tonight would fit with (param name to value)
   */
  public static Decision decide(
      String model,
      LocalDate tonight,
      Retrain retrain,
      Optional<Candidate> newest,
      Map<String, String> wanted) {
    if (retrain.isEveryNight()) {
      return fitted(model, tonight, "retrained every night");
    }
    if (newest.isEmpty()) {
      return fitted(model, tonight, "no saved model");
    }
    Candidate saved = newest.get();
    if (saved.runDate().isAfter(tonight)) {
      throw new IllegalArgumentException(
          "model " + model + " of " + saved.runDate() + " is newer than the run date " + tonight);
    }
    long age = ChronoUnit.DAYS.between(saved.fittedOn(), tonight);
    boolean carried = !saved.fittedOn().equals(saved.runDate());
    String of =
        "saved model of " + saved.runDate() + (carried ? " (fitted " + saved.fittedOn() + ")" : "");
    String ageText = age + (age == 1 ? " day" : " days") + " old";
    if (age >= retrain.everyDays()) {
      return fitted(model, tonight, of + " is " + ageText + " (" + retrain + ")");
    }
    if (saved.fingerprint().isEmpty()) {
      return fitted(model, tonight, of + " records no settings to compare with tonight's");
    }
    Optional<String> difference = difference(saved.fingerprint().get(), wanted);
    if (difference.isPresent()) {
      return fitted(model, tonight, of + " " + difference.get());
    }
    return new Decision(
        model,
        Kind.REUSED,
        saved.runDate(),
        "reused model of "
            + saved.runDate()
            + " ("
            + (carried ? "fitted " + saved.fittedOn() + ", " : "")
            + ageText
            + ", "
            + retrain
            + ")");
  }

  private static Decision fitted(String model, LocalDate tonight, String why) {
    return new Decision(model, Kind.FITTED, tonight, "fitted: " + why);
  }

  /**
   * The first setting (by name) in which the saved model differs from tonight's, in words: "was
   * fitted with other featureCols", or with both values when they are short.
   */
  static Optional<String> difference(Map<String, String> saved, Map<String, String> wanted) {
    TreeSet<String> names = new TreeSet<>(saved.keySet());
    names.addAll(wanted.keySet());
    for (String name : names) {
      String was = saved.get(name);
      String now = wanted.get(name);
      if (Objects.equals(was, now)) {
        continue;
      }
      if (was == null) {
        return Optional.of("was fitted without " + name + " (tonight's is " + shortly(now) + ")");
      }
      if (now == null) {
        return Optional.of("was fitted with " + name + ", which tonight's settings lack");
      }
      if (was.length() <= SHORT_VALUE && now.length() <= SHORT_VALUE) {
        return Optional.of("was fitted with " + name + " " + was + ", tonight's is " + now);
      }
      return Optional.of("was fitted with other " + name);
    }
    return Optional.empty();
  }

  private static String shortly(String value) {
    return value.length() <= SHORT_VALUE ? value : value.substring(0, SHORT_VALUE) + "...";
  }
}
