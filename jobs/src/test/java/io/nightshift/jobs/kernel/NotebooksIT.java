package io.nightshift.jobs.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.jobs.cluster.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notebooks as a user runs them: the sample night through the launcher ({@code ./nightshift run
 * --run-date 2026-06-30}), the kernel registered with {@code ./nightshift kernel --install}, then
 * Jupyter's own {@code jupyter nbconvert --execute} with {@code NIGHTSHIFT_OUT} pointing at the
 * night. Every notebook runs with no error output, at least one shows a chart, and the outputs
 * committed in {@code notebooks/} are the ones a re-execution gives (apart from timestamps and cell
 * ids): a change that alters what a notebook shows must re-execute and commit it (see
 * notebooks/README.md). Runs after {@code package}; skipped, loudly, where Jupyter is not
 * installed.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class NotebooksIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN_DATE = "2026-06-30";

  @Test
  void everyNotebookExecutesInJupyterAndMatchesItsCommittedOutputs(@TempDir Path dir)
      throws Exception {
    assumeTrue(
        Boolean.getBoolean("nightshift.it.phase"),
        "runs in the integration-test phase of mvn verify, after the jar is packaged");
    Path repo = ChildJvm.repoDir();
    assumeTrue(
        Files.exists(repo.resolve("jobs/target/local-classpath.txt")),
        "needs the packaged jar (runs in `mvn verify` after `package`)");
    assumeTrue(
        jupyterAvailable(),
        "SKIPPED: Jupyter (jupyter-nbconvert, python3-nbclient, python3-ipykernel) is not"
            + " installed; the notebooks were not executed");
    Path out = dir.resolve("out");
    Path data = dir.resolve("jupyter");
    run(
        repo,
        dir,
        Map.of(),
        launcher(repo),
        "run",
        "--run-date",
        RUN_DATE,
        "--output",
        out.toString());
    run(repo, dir, Map.of(), launcher(repo), "kernel", "--install", "--data-dir", data.toString());
    List<Path> books = notebooks(repo);
    assertTrue(books.size() >= 4, "notebooks in " + repo.resolve("notebooks") + ": " + books);
    Path executed = dir.resolve("executed");
    List<String> cmd = new ArrayList<>(List.of("jupyter", "nbconvert", "--to", "notebook"));
    cmd.addAll(
        List.of(
            "--execute",
            "--ExecutePreprocessor.kernel_name=" + KernelSpec.NAME,
            "--ExecutePreprocessor.timeout=600",
            "--ExecutePreprocessor.startup_timeout=300",
            "--output-dir",
            executed.toString()));
    books.forEach(b -> cmd.add(b.toString()));
    run(
        repo,
        dir,
        Map.of("NIGHTSHIFT_OUT", out.toString(), "JUPYTER_DATA_DIR", data.toString()),
        cmd.toArray(String[]::new));
    boolean chart = false;
    for (Path book : books) {
      JsonNode now = JSON.readTree(executed.resolve(book.getFileName()).toFile());
      assertTrue(errors(now).isEmpty(), book.getFileName() + " has error output: " + errors(now));
      chart |= now.toString().contains("image/svg+xml");
      assertEquals(
          comparable(JSON.readTree(book.toFile())),
          comparable(now),
          book.getFileName()
              + ": the committed outputs are not what the notebook shows today; re-execute it"
              + " (notebooks/README.md) and commit");
    }
    assertTrue(chart, "at least one notebook shows a chart");
  }

  private static String launcher(Path repo) {
    return repo.resolve("nightshift").toString();
  }

  private static List<Path> notebooks(Path repo) throws IOException {
    try (Stream<Path> s = Files.list(repo.resolve("notebooks"))) {
      return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  /** Error outputs and anything a cell wrote to stderr. */
  private static List<String> errors(JsonNode nb) {
    List<String> found = new ArrayList<>();
    for (JsonNode cell : nb.path("cells")) {
      for (JsonNode o : cell.path("outputs")) {
        boolean error = o.path("output_type").asText().equals("error");
        boolean stderr = o.path("name").asText().equals("stderr");
        if (error || stderr) {
          found.add(o.toString());
        }
      }
    }
    return found;
  }

  /** A notebook's cells with their sources and outputs, less timestamps and ids. */
  static String comparable(JsonNode nb) {
    ArrayNode cells = JSON.createArrayNode();
    for (JsonNode cell : nb.path("cells")) {
      ObjectNode c = cells.addObject();
      c.put("type", cell.path("cell_type").asText());
      c.put("source", join(cell.path("source")));
      ArrayNode outs = c.putArray("outputs");
      for (JsonNode o : cell.path("outputs")) {
        ObjectNode copy = ((ObjectNode) o).deepCopy();
        copy.remove("metadata");
        copy.remove("execution_count");
        if (copy.has("text")) {
          copy.put("text", join(copy.get("text")));
        }
        if (copy.has("data")) {
          ObjectNode d = (ObjectNode) copy.get("data");
          List<String> keys = new ArrayList<>();
          d.fieldNames().forEachRemaining(keys::add);
          for (String k : keys) {
            d.put(k, join(d.get(k)));
          }
        }
        outs.add(copy);
      }
    }
    return cells.toPrettyString();
  }

  private static String join(JsonNode textOrLines) {
    if (textOrLines.isArray()) {
      StringBuilder b = new StringBuilder();
      textOrLines.forEach(l -> b.append(l.asText()));
      return b.toString();
    }
    return textOrLines.asText();
  }

  private static boolean jupyterAvailable() {
    try {
      Process p =
          new ProcessBuilder("jupyter", "nbconvert", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs a command from the repository root, as the README's commands are run; output to a log. */
  private static void run(Path repo, Path dir, Map<String, String> env, String... cmd)
      throws Exception {
    Path log = Files.createTempFile(dir, "cmd", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(repo.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(ChildJvm.environment());
    pb.environment().putAll(env);
    Process p = pb.start();
    boolean done = p.waitFor(15, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    assertTrue(
        done && p.exitValue() == 0,
        String.join(" ", cmd) + " failed:\n" + tail(Files.readString(log)));
  }

  private static String tail(String s) {
    return s.length() <= 6000 ? s : s.substring(s.length() - 6000);
  }
}
