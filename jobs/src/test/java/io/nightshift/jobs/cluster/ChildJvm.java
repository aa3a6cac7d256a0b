package io.nightshift.jobs.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A child JVM started by a test (a nightly run to kill, a Spark master or worker), with its output
 * in a log file. {@link #close} kills it and its descendants by pid, so a test that fails still
 * stops everything it started; a shutdown hook does the same if the test JVM itself is stopped.
 */
public final class ChildJvm implements AutoCloseable {
  /** Spark's JVM options (from the pom, via surefire), with the same list as a fallback. */
  public static final List<String> SPARK_OPENS =
      Arrays.asList(
          System.getProperty(
                  "nightshift.jvm.opens",
                  "-XX:+IgnoreUnrecognizedVMOptions"
                      + " --add-opens=java.base/java.lang=ALL-UNNAMED"
                      + " --add-opens=java.base/java.lang.invoke=ALL-UNNAMED"
                      + " --add-opens=java.base/java.lang.reflect=ALL-UNNAMED"
                      + " --add-opens=java.base/java.io=ALL-UNNAMED"
                      + " --add-opens=java.base/java.net=ALL-UNNAMED"
                      + " --add-opens=java.base/java.nio=ALL-UNNAMED"
                      + " --add-opens=java.base/java.util=ALL-UNNAMED"
                      + " --add-opens=java.base/java.util.concurrent=ALL-UNNAMED"
                      + " --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"
                      + " --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED"
                      + " --add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
                      + " --add-opens=java.base/sun.nio.cs=ALL-UNNAMED"
                      + " --add-opens=java.base/sun.security.action=ALL-UNNAMED"
                      + " --add-opens=java.base/sun.util.calendar=ALL-UNNAMED"
                      + " --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED"
                      + " -Djdk.reflect.useDirectMethodHandle=false"
                      + " -Dio.netty.tryReflectionSetAccessible=true")
              .trim()
              .split("\\s+"));

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread hook;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.hook = new Thread(this::kill, "kill-" + name);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** The java executable of the running JVM (a JDK 17, as the build requires). */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The repository root (from surefire's nightshift.repo.dir, else found from the cwd). */
  public static Path repoDir() {
    String p = System.getProperty("nightshift.repo.dir");
    if (p != null) {
      return Path.of(p);
    }
    Path d = Path.of("").toAbsolutePath();
    while (d != null && !Files.exists(d.resolve("jobs/pom.xml"))) {
      d = d.getParent();
    }
    return d;
  }

  /**
   * A command line running {@code mainClass} on this test JVM's classpath with Spark's JVM options,
   * a heap limit and the launcher's log configuration.
   */
  public static List<String> javaCommand(String heap, String mainClass, String... args) {
    return javaCommand(heap, List.of(), mainClass, args);
  }

  /** As {@link #javaCommand(String, String, String...)}, with extra JVM options. */
  public static List<String> javaCommand(
      String heap, List<String> jvmOptions, String mainClass, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java());
    cmd.add("-Xmx" + heap);
    cmd.addAll(SPARK_OPENS);
    cmd.addAll(jvmOptions);
    cmd.add("-Dlog4j2.configurationFile=" + repoDir().resolve("conf/log4j2.properties"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    return cmd;
  }

  /**
   * The environment every child JVM gets, and passes on to its own children (a cluster's executors,
   * the launcher's JVM, a notebook kernel): {@code JDK_JAVA_OPTIONS} from surefire's {@code
   * nightshift.test.childJvmOptions}, by default {@code -XX:TieredStopAtLevel=1}. A short night in
   * a fresh JVM spends more CPU in the C2 compiler than its faster code gives back (JFR: compiler
   * threads used 61 s of CPU in a 46 s sample night); on a two-core machine running the suite, that
   * CPU is the suite's time. What the children compute does not depend on it.
   */
  public static Map<String, String> environment() {
    String opts = System.getProperty("nightshift.test.childJvmOptions", "").trim();
    return opts.isEmpty() ? Map.of() : Map.of("JDK_JAVA_OPTIONS", opts);
  }

  /** Starts a command with its stdout and stderr in {@code log}. */
  public static ChildJvm start(String name, List<String> command, Path log, Map<String, String> env)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().putAll(environment());
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return new ChildJvm(name, pb.start(), log);
  }

  /** The process id. */
  public long pid() {
    return process.pid();
  }

  /** The process. */
  public Process process() {
    return process;
  }

  /** What it has printed so far. */
  public String output() {
    try {
      return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for it to exit; returns the exit code, or fails the test with its output. */
  public int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      throw new AssertionError(name + " did not finish within " + timeout + "; output:\n" + tail());
    }
    return process.exitValue();
  }

  /** Waits until {@code condition} holds; fails with the output if it dies or times out first. */
  public void await(String what, BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new AssertionError(
            name + " exited (" + process.exitValue() + ") before " + what + "; output:\n" + tail());
      }
      if (System.nanoTime() > end) {
        throw new AssertionError(
            name + ": no " + what + " within " + timeout + "; output:\n" + tail());
      }
      Thread.sleep(50);
    }
  }

  /** The last lines of its output, for failure messages. */
  public String tail() {
    String s = output();
    return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
  }

  /** SIGKILL to the process and its descendants (kill -9: no shutdown hooks run). */
  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs anyway
    }
  }
}
