package io.nightshift.jobs.io;

import io.nightshift.jobs.Fixtures;
import io.nightshift.jobs.schema.OutputTable;
import io.nightshift.jobs.stages.NightlyPipeline;
import io.nightshift.jobs.stages.NightlyRun;
import io.nightshift.jobs.stages.NightlyStage;
import io.nightshift.jobs.stages.RunContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A nightly run in a child JVM that stops in the middle of writing an output and waits to be
 * killed: after reading, validating and staging the quarantine, a first stage writes a table whose
 * second task signals (creates the marker file) and sleeps while its first task's file is already
 * on disk; the real stages would follow. Args: input, output, run date, marker file.
 */
public final class PausedRunMain {
  private PausedRunMain() {}

  public static void main(String[] args) {
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("paused-run")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    List<NightlyStage> stages = new ArrayList<>();
    stages.add(new PausingStage(args[3]));
    stages.addAll(NightlyPipeline.stages());
    new NightlyRun(spark, Fixtures.config(Path.of(args[0]), Path.of(args[1])))
        .runDate(LocalDate.parse(args[2]))
        .stages(stages)
        .outputSchemas(withPaused())
        .execute();
    System.exit(0);
  }

  /** The declared tables and the pausing stage's own table {@code paused} (one bigint column). */
  private static Map<String, StructType> withPaused() {
    Map<String, StructType> m = new HashMap<>(OutputTable.schemas());
    m.put("paused", new StructType().add("n", DataTypes.LongType));
    return m;
  }

  /** A stage whose output's second partition blocks while being written. */
  static final class PausingStage implements NightlyStage {
    private final String marker;

    PausingStage(String marker) {
      this.marker = marker;
    }

    @Override
    public String name() {
      return "pausing";
    }

    @Override
    public Map<String, Dataset<Row>> compute(RunContext ctx) {
      Dataset<Long> ids = ctx.spark().range(0, 1000, 1, 2).as(Encoders.LONG());
      return Map.of("paused", ids.mapPartitions(new Pause(marker), Encoders.LONG()).toDF("n"));
    }
  }

  /** Signals and sleeps in partition 1; passes partition 0 through. */
  static final class Pause implements MapPartitionsFunction<Long, Long> {
    private static final long serialVersionUID = 1L;
    private final String marker;

    Pause(String marker) {
      this.marker = marker;
    }

    @Override
    public Iterator<Long> call(Iterator<Long> rows) throws InterruptedException {
      if (TaskContext.getPartitionId() == 1) {
        try {
          Files.writeString(Path.of(marker), "writing");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        Thread.sleep(600_000);
      }
      return rows;
    }
  }
}
