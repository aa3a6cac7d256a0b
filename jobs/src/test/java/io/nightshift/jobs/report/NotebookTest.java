package io.nightshift.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.testkit.SparkExtension;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Executes every code cell of every notebook in {@code notebooks/}, in order, through the JDK's
 * JShell API in this JVM (the project's test classpath, the shared Spark session), against the
 * sample night's outputs; any compile error or exception fails the test, naming the notebook and
 * cell. This stands in for a Java Jupyter kernel, which Maven Central does not offer.
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class NotebookTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyNotebookCellRunsAgainstTheSampleNight(SparkSession spark) throws IOException {
    Path out = SampleNight.output(spark);
    Path dir = Path.of(System.getProperty("nightshift.repo.dir", "..")).resolve("notebooks");
    List<Path> books;
    try (Stream<Path> s = Files.list(dir)) {
      books = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
    assertTrue(books.size() >= 4, "notebooks found in " + dir + ": " + books);
    String previous = System.getProperty("nightshift.out");
    System.setProperty("nightshift.out", out.toString());
    try {
      for (Path book : books) {
        String printed = run(book);
        assertTrue(printed.contains("night of 2026-06-30"), book + " opened the sample night");
      }
    } finally {
      if (previous == null) {
        System.clearProperty("nightshift.out");
      } else {
        System.setProperty("nightshift.out", previous);
      }
    }
  }

  /** Runs one notebook's code cells; returns what the cells printed. */
  private static String run(Path book) throws IOException {
    JsonNode nb = JSON.readTree(book.toFile());
    assertEquals(
        "java",
        nb.path("metadata").path("kernelspec").path("language").asText(),
        book + " is a Java notebook");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    try (JShell shell =
        JShell.builder()
            .executionEngine("local")
            .out(new PrintStream(printed, true, StandardCharsets.UTF_8))
            .err(new PrintStream(printed, true, StandardCharsets.UTF_8))
            .build()) {
      for (String entry : classpath()) {
        shell.addToClasspath(entry);
      }
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      int cellNo = 0;
      for (JsonNode cell : nb.path("cells")) {
        cellNo++;
        if (!cell.path("cell_type").asText().equals("code")) {
          continue;
        }
        StringBuilder src = new StringBuilder();
        cell.path("source").forEach(l -> src.append(l.asText()));
        runCell(shell, book.getFileName() + " cell " + cellNo, src.toString());
      }
    } finally {
      System.setOut(stdout);
    }
    String text = printed.toString(StandardCharsets.UTF_8);
    stdout.println("--- " + book.getFileName() + " printed ---\n" + text);
    return text;
  }

  private static void runCell(JShell shell, String where, String source) {
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    String rest = source;
    while (!rest.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
      if (!info.completeness().isComplete()) {
        fail(where + ": incomplete code: " + rest);
      }
      for (SnippetEvent e : shell.eval(info.source())) {
        if (e.status() == Snippet.Status.REJECTED) {
          String diags =
              shell
                  .diagnostics(e.snippet())
                  .map(d -> d.getMessage(null))
                  .collect(Collectors.joining("; "));
          fail(where + ": does not compile: " + diags + "\n" + info.source());
        }
        if (e.exception() != null) {
          fail(where + ": threw " + e.exception() + "\n" + info.source(), e.exception());
        }
      }
      rest = info.remaining();
    }
  }

  /** The test JVM's real classpath (surefire may hide it behind a manifest-only jar). */
  private static List<String> classpath() {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> out = new ArrayList<>();
    for (String e : cp.split(File.pathSeparator)) {
      if (!e.isBlank()) {
        out.add(e);
      }
    }
    return out;
  }
}
