package io.nightshift.jobs.kernel;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

/**
 * The {@code nightshift} Jupyter kernel: Java cells executed by the JDK's JShell in this JVM, with
 * the project's classpath (Nightshift, Spark, Hadoop, Parquet), so a notebook opens a night's
 * outputs with the same classes the nightly job wrote them with. The Jupyter wire protocol comes
 * from JJava's protocol layer ({@code org.dflib.jjava:jjava-jupyter}); this class only evaluates.
 *
 * <p>Cells keep state (JShell declarations persist), print to the cell, and show rich output
 * through {@link Display}; a cell whose last snippet is an expression shows its value ({@link
 * Display#render} turns a Spark {@code Dataset} into an HTML table). Code runs in-process ("local"
 * execution engine), so lambdas handed to Spark must be avoided in cells: use Spark's built-in
 * functions, as the project's own code does.
 */
public final class NightshiftKernel extends BaseKernel {
  private final JShell shell;

  NightshiftKernel(
      String name,
      String version,
      HistoryManager history,
      JupyterIO io,
      CommManager comms,
      Renderer renderer,
      MagicParser magicParser,
      MagicsRegistry magics,
      StringStyler errorStyler) {
    super(
        name,
        version,
        new LanguageInfo.Builder("java")
            .version(Runtime.version().toString())
            .mimetype("text/x-java-source")
            .fileExtension(".jshell")
            .pygments("java")
            .codemirror("java")
            .build(),
        List.of(new HelpLink("Nightshift notebooks", "notebooks/README.md")),
        history,
        io,
        comms,
        renderer,
        magicParser,
        magics,
        false,
        errorStyler);
    this.shell = JShell.builder().executionEngine("local").out(System.out).err(System.err).build();
    for (String entry : classpath()) {
      shell.addToClasspath(entry);
    }
  }

  /** Starts the kernel on a Jupyter connection file; returns when Jupyter shuts it down. */
  public static void serve(Path connectionFile) throws Exception {
    KernelConnectionProperties props =
        KernelConnectionProperties.parse(Files.readString(connectionFile));
    NightshiftKernel kernel = new NightshiftKernelBuilder().build();
    JupyterConnection connection = new JupyterConnection(props);
    kernel.becomeHandlerForConnection(connection);
    kernel.onStartup();
    connection.connect();
    connection.waitUntilClose();
  }

  @Override
  public Object evalRaw(String source) {
    String rest = source;
    String lastValueName = null;
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    while (!rest.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
      if (!info.completeness().isComplete()) {
        throw new CellException("incomplete code: " + rest.strip());
      }
      lastValueName = evalSnippet(info.source());
      rest = info.remaining();
    }
    return lastValueName == null ? null : valueOf(lastValueName);
  }

  /** Evaluates one snippet; returns the name of the value it produced, or null. */
  private String evalSnippet(String code) {
    String valueName = null;
    for (SnippetEvent e : shell.eval(code)) {
      if (e.status() == Snippet.Status.REJECTED) {
        String why =
            shell
                .diagnostics(e.snippet())
                .map(d -> d.getMessage(null))
                .collect(Collectors.joining("; "));
        throw new CellException("does not compile: " + why + "\n" + code.strip());
      }
      if (e.exception() != null) {
        throw new CellException(describe(e.exception()), e.exception());
      }
      if (e.causeSnippet() == null && e.value() != null && isValue(e.snippet())) {
        valueName = name(e.snippet());
      }
    }
    return valueName;
  }

  private static boolean isValue(Snippet s) {
    return s.kind() == Snippet.Kind.EXPRESSION
        || s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
  }

  private static String name(Snippet s) {
    if (s instanceof jdk.jshell.VarSnippet v) {
      return v.name();
    }
    return ((jdk.jshell.ExpressionSnippet) s).name();
  }

  /** The live object behind a JShell value name, through {@link Display#stash}. */
  private Object valueOf(String name) {
    Display.clearStash();
    evalSnippet("io.nightshift.jobs.kernel.Display.stash(" + name + ");");
    Object v = Display.takeStash();
    return v == null ? null : Display.render(v);
  }

  private static String describe(Throwable t) {
    if (t instanceof jdk.jshell.EvalException ee) {
      return ee.getExceptionClassName() + ": " + ee.getMessage();
    }
    return t.toString();
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    return null;
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    int[] anchor = new int[1];
    List<String> words =
        shell.sourceCodeAnalysis().completionSuggestions(code, at, anchor).stream()
            .map(SourceCodeAnalysis.Suggestion::continuation)
            .distinct()
            .toList();
    return words.isEmpty() ? null : new ReplacementOptions(words, anchor[0], at);
  }

  @Override
  public String isComplete(String code) {
    SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(code);
    return switch (info.completeness()) {
      case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> IS_COMPLETE_YES;
      case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "    ";
      default -> IS_COMPLETE_BAD;
    };
  }

  @Override
  public void interrupt() {
    shell.stop();
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    shell.close();
  }

  @Override
  public List<String> formatError(Throwable e) {
    List<String> lines = new ArrayList<>();
    lines.add(errorStyler.secondary(e.getMessage() == null ? e.toString() : e.getMessage()));
    return lines;
  }

  /** This JVM's classpath, handed to JShell's compiler and class loader. */
  private static List<String> classpath() {
    List<String> out = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!e.isBlank()) {
        out.add(e);
      }
    }
    return out;
  }

  /** A cell that did not compile or threw; its message is what the notebook shows. */
  static final class CellException extends RuntimeException {
    CellException(String message) {
      super(message);
    }

    CellException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
