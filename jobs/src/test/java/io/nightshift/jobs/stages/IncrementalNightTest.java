package io.nightshift.jobs.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.config.NightshiftConfig;
import io.nightshift.jobs.io.OutputLayout;
import io.nightshift.jobs.schema.InputTable;
import io.nightshift.jobs.schema.OutputTable;
import io.nightshift.jobs.validate.ValidatedDays;
import io.nightshift.testkit.SharedData;
import io.nightshift.testkit.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A steady night (the validated days of earlier nights kept under {@code state/}) writes the same
 * tables as a full recompute of the same night, row for row, on the sample fleet: the night after a
 * kept night, with every reason to recompute a day at once (the new day; a late file that changed a
 * past partition and a late log file that brought a template no night had seen into a past day; a
 * kept day deleted, and a kept day's fingerprint lost as a killed night leaves it) and the other
 * days reused. The two output roots share their history (one is a copy of the other after the first
 * night), so only the kept days differ between them.
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class IncrementalNightTest {
  private static final LocalDate NIGHT = LocalDate.parse("2026-06-30");

  @Test
  void aSteadyNightWritesWhatAFullRecomputeWrites(
      SparkSession spark, @TempDir Path in, @TempDir Path steady, @TempDir Path full)
      throws IOException {
    copy(SharedData.repoDir().resolve("data-samples/fleet"), in);
    night(spark, in, steady, NIGHT.minusDays(1), false);
    copy(steady, full);

    lateCopyOfAPastDay(in);
    lateLogsWithANewTemplate(spark, in);
    Path state = Path.of(new OutputLayout(steady.toString()).state(ValidatedDays.STATE));
    deleteTree(state.resolve("logs/dt=" + NIGHT.minusDays(4)));
    Files.delete(state.resolve("metrics/dt=" + NIGHT.minusDays(5) + "/fingerprint.json"));

    Map<String, Object> written = night(spark, in, steady, NIGHT, false);
    night(spark, in, full, NIGHT, true);
    Map<String, Integer> why = Map.of("new", 1, "changed", 1, "state missing", 1);
    assertEquals(why, recomputed(steady, "metrics"));
    assertEquals(why, recomputed(steady, "logs"));
    assertEquals(4, reused(steady, "metrics"), "four of seven days reused");
    assertTrue(quarantined(steady, "metrics") > 0, "the late copies are quarantined");
    assertEquals(
        1,
        spark
            .read()
            .parquet(steady.resolve("log_templates/run_date=" + NIGHT).toString())
            .where("template like 'Disk quota exceeded%'")
            .count(),
        "the late lines' template is mined from the past day");
    OutputEquality.assertSameTables(spark, steady, full, NIGHT, written.keySet());
  }

  /** Runs every stage for one night; returns the tables written. */
  private static Map<String, Object> night(
      SparkSession spark, Path in, Path out, LocalDate date, boolean full) {
    NightshiftConfig cfg = Fixtures.config(in, out, "nightshift.risk.maxIter", 10);
    NightlyRun.Result r = new NightlyRun(spark, cfg).runDate(date).full(full).execute();
    assertFalse(r.outputs().isEmpty());
    return Map.copyOf(r.outputs());
  }

  /**
   * A data team re-delivers an earlier day late: a copy of one of its metric files lands in the
   * next day's partition (so every row is a copy, stamped outside its partition's day).
   */
  private static void lateCopyOfAPastDay(Path in) throws IOException {
    Path from = in.resolve("metrics/dt=" + NIGHT.minusDays(3));
    Path file;
    try (Stream<Path> s = Files.list(from)) {
      file = s.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    Files.copy(
        file, in.resolve("metrics/dt=" + NIGHT.minusDays(2)).resolve("late-redelivery.parquet"));
  }

  /**
   * A late log file lands in a past day's partition, its lines stamped within that day, with a
   * message no night has seen: the steady night mines it from that day alone.
   */
  private static void lateLogsWithANewTemplate(SparkSession spark, Path in) throws IOException {
    LocalDate day = NIGHT.minusDays(2);
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      rows.add(
          RowFactory.create(
              Timestamp.valueOf(day + " 0" + (i % 10) + ":1" + i % 6 + ":00"),
              "host-00" + (i % 3 + 1),
              "cart",
              "WARN",
              "Disk quota exceeded for volume vol-" + i + " by " + (10 + i * 7) + " MB"));
    }
    Path staged = in.resolve("_late");
    spark
        .createDataFrame(rows, InputTable.LOGS.schema())
        .coalesce(1)
        .write()
        .parquet(staged.toString());
    try (Stream<Path> s = Files.list(staged)) {
      Path file = s.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
      Files.move(file, in.resolve("logs/dt=" + day).resolve("late-quota.parquet"));
    }
    deleteTree(staged);
  }

  private static JsonNode input(Path out, String table) throws IOException {
    Path m = Path.of(new OutputLayout(out.toString()).runDir(NIGHT)).resolve("manifest.json");
    return new ObjectMapper().readTree(m.toFile()).path("inputs").path(table);
  }

  private static int reused(Path out, String table) throws IOException {
    return input(out, table).path("partitions_reused").asInt();
  }

  private static long quarantined(Path out, String table) throws IOException {
    return input(out, table).path("quarantined").asLong();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Integer> recomputed(Path out, String table) throws IOException {
    return new ObjectMapper()
        .convertValue(input(out, table).path("partitions_recomputed_by_reason"), Map.class);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  static List<String> declared() {
    return OutputTable.schemas().keySet().stream().sorted().toList();
  }
}
