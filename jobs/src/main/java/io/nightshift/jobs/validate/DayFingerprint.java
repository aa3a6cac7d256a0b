package io.nightshift.jobs.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.jobs.io.InputFiles;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What a night knew about one input day partition when it validated it: the files (path, size,
 * modification time), the rows their footers declare, the files skipped as corrupt, the rows it
 * kept, and the state version and settings it judged them with. A later night reuses the day's
 * validated rows while all of it still holds, and says why when it does not ({@link #why}).
 *
 * @param version the state layout version ({@link #VERSION} when written by this code)
 * @param table the input table's name
 * @param dt the partition's day (YYYY-MM-DD)
 * @param settings the settings the day's rows were judged with ({@link ValidatedDays#settingsKey})
 * @param files the partition's data files when it was read
 * @param rowsInFiles rows the readable files' footers declare
 * @param corruptFiles files skipped because they could not be decoded
 * @param rows rows kept for the day (every row read, accepted or not)
 * @param judged the day's rows by what the day step found ({@link #ACCEPTED} for none), with {@link
 *     #OFF_DAY} rows stamped outside the day (or without a time stamp) counted apart; null until
 *     the rows are written
 */
public record DayFingerprint(
    int version,
    String table,
    String dt,
    String settings,
    List<InputFiles.FileStamp> files,
    long rowsInFiles,
    List<String> corruptFiles,
    long rows,
    java.util.Map<String, Long> judged) {

  /**
   * Key of {@link #judged}: rows no day rule quarantines and no earlier copy in the day repeats.
   */
  public static final String ACCEPTED = "";

  /**
   * Key of {@link #judged}: rows stamped outside the day (their reason then depends on the window).
   */
  public static final String OFF_DAY = "_off_day";

  /**
   * The version of the state this code writes; a day kept by another version is recomputed. 2: a
   * metrics day keeps its hourly roll-up; 3: the roll-up gains the hour's capacity and service
   * ranges, a logs day keeps its lines counted by shape, and every day its rows counted by what the
   * day step found; 4: a logs day also keeps its WARN-or-worse lines.
   */
  public static final int VERSION = 4;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(
              com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
              false);

  /** Why a day partition is recomputed tonight (the manifest's words). */
  public enum Why {
    /** {@code --full}: the night was asked to recompute everything. */
    FULL("full"),
    /** A day after every day the state holds: the night's new data. */
    NEW("new"),
    /** The partition's files differ from the ones the state was built from (late data). */
    CHANGED("changed"),
    /** No state for a day the state should hold (first night, or state deleted). */
    STATE_MISSING("state missing"),
    /** State written by another state version or with other validation settings. */
    STATE_VERSION("state version");

    private final String words;

    Why(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  /**
   * Why the day must be recomputed, or empty when its kept state still holds.
   *
   * @param saved the day's kept fingerprint, if any
   * @param now the partition as listed tonight
   * @param settings tonight's settings key
   * @param newestKept the latest day the state holds for this table, if any
   * @param full whether the night recomputes everything
   */
  public static Optional<Why> why(
      Optional<DayFingerprint> saved,
      InputFiles.Partition now,
      String settings,
      Optional<LocalDate> newestKept,
      boolean full) {
    if (full) {
      return Optional.of(Why.FULL);
    }
    if (saved.isEmpty()) {
      boolean isNew = newestKept.isPresent() && now.date().isAfter(newestKept.get());
      return Optional.of(isNew ? Why.NEW : Why.STATE_MISSING);
    }
    DayFingerprint s = saved.get();
    if (s.version() != VERSION || !s.settings().equals(settings)) {
      return Optional.of(Why.STATE_VERSION);
    }
    if (!s.files().equals(now.stamps())) {
      return Optional.of(Why.CHANGED);
    }
    return Optional.empty();
  }

  /** The fingerprint as JSON. */
  public String toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses {@link #toJson}'s output; empty when the text is not a fingerprint of this shape. */
  public static Optional<DayFingerprint> parse(String json) {
    try {
      return Optional.of(JSON.readValue(json, DayFingerprint.class));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
