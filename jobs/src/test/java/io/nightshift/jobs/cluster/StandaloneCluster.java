package io.nightshift.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Spark standalone cluster on 127.0.0.1 for tests: one master and N workers (1 core, 1g each),
 * from the Spark jars Maven already resolved (no Spark download): a {@code SPARK_HOME/jars} folder
 * of links to the jars on the launcher's classpath, which workers use to build executors'
 * classpaths. Every process is a {@link ChildJvm}; {@link #close} kills them all by pid.
 */
public final class StandaloneCluster implements AutoCloseable {
  private final Path home;
  private final Path logs;
  private final Map<String, String> env;
  private final List<ChildJvm> processes = new ArrayList<>();
  private final List<ChildJvm> workers = new ArrayList<>();
  private int port;

  private StandaloneCluster(Path home, Path logs) {
    this.home = home;
    this.logs = logs;
    this.env =
        Map.of(
            "SPARK_HOME", home.toString(),
            "SPARK_SCALA_VERSION", "2.13",
            "SPARK_LOCAL_IP", "127.0.0.1");
  }

  /**
   * Prepares {@code SPARK_HOME} under {@code dir} from the jars listed in {@code classpathFile}
   * (the launcher's {@code jobs/target/local-classpath.txt}).
   */
  public static StandaloneCluster prepare(Path dir, Path classpathFile) throws IOException {
    Path home = dir.resolve("spark-home");
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String entry : Files.readString(classpathFile).trim().split(":")) {
      Path jar = Path.of(entry);
      if (entry.endsWith(".jar") && Files.exists(jar)) {
        Path link = jars.resolve(jar.getFileName());
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, jar.toAbsolutePath());
        }
      }
    }
    Files.writeString(home.resolve("RELEASE"), "Spark from Maven jars, for tests\n");
    return new StandaloneCluster(home, Files.createDirectories(dir.resolve("logs")));
  }

  /** The classpath of Spark's own processes. */
  public String sparkClasspath() {
    return home.resolve("jars") + "/*";
  }

  /** The environment every cluster process gets. */
  public Map<String, String> env() {
    return env;
  }

  /** spark://127.0.0.1:port */
  public String masterUrl() {
    return "spark://127.0.0.1:" + port;
  }

  private List<String> sparkCommand(String heap, String mainClass, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ChildJvm.java());
    cmd.add("-Xmx" + heap);
    cmd.addAll(ChildJvm.SPARK_OPENS);
    cmd.add("-Dspark.master.rest.enabled=false");
    cmd.add("-Dspark.ui.showConsoleProgress=false");
    cmd.add("-cp");
    cmd.add(sparkClasspath());
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    return cmd;
  }

  private ChildJvm launch(String name, List<String> cmd) throws IOException {
    ChildJvm p = ChildJvm.start(name, cmd, logs.resolve(name + ".log"), env);
    processes.add(p);
    return p;
  }

  /** Starts the master and {@code n} workers and waits until every worker is registered. */
  public void start(int n, Duration timeout) throws IOException, InterruptedException {
    port = freePort();
    ChildJvm master =
        launch(
            "master",
            sparkCommand(
                "384m",
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--webui-port",
                "0"));
    master.await(
        "master start", () -> master.output().contains("I have been elected leader"), timeout);
    for (int i = 1; i <= n; i++) {
      Path work = Files.createDirectories(home.resolve("work-" + i));
      ChildJvm w =
          launch(
              "worker-" + i,
              sparkCommand(
                  "256m",
                  "org.apache.spark.deploy.worker.Worker",
                  "--host",
                  "127.0.0.1",
                  "--port",
                  "0",
                  "--webui-port",
                  "0",
                  "--cores",
                  "1",
                  "--memory",
                  "1g",
                  "--work-dir",
                  work.toString(),
                  masterUrl()));
      workers.add(w);
    }
    for (ChildJvm w : workers) {
      w.await(
          "registration with the master",
          () -> w.output().contains("Successfully registered with master"),
          timeout);
    }
  }

  /**
   * Submits an application jar in client mode (the driver is a child JVM with its own log); Spark
   * settings as {@code --conf key=value} pairs in {@code conf}.
   */
  public ChildJvm submit(
      String name,
      Path appJar,
      String mainClass,
      String driverHeap,
      Map<String, String> conf,
      List<String> appArgs,
      Path log4jConfig)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ChildJvm.java());
    cmd.add("-Xmx" + driverHeap);
    cmd.addAll(ChildJvm.SPARK_OPENS);
    cmd.add("-Dlog4j2.configurationFile=" + log4jConfig);
    cmd.add("-cp");
    cmd.add(sparkClasspath());
    cmd.add("org.apache.spark.deploy.SparkSubmit");
    cmd.addAll(List.of("--master", masterUrl(), "--deploy-mode", "client"));
    cmd.addAll(List.of("--class", mainClass));
    conf.forEach((k, v) -> cmd.addAll(List.of("--conf", k + "=" + v)));
    cmd.add(appJar.toString());
    cmd.addAll(appArgs);
    return launch(name, cmd);
  }

  /** The executor processes the workers have started, found by pid among their children. */
  public List<ProcessHandle> executors() {
    List<ProcessHandle> out = new ArrayList<>();
    for (ChildJvm w : workers) {
      w.process()
          .descendants()
          .filter(ProcessHandle::isAlive)
          .filter(
              p ->
                  p.info()
                      .arguments()
                      .map(a -> String.join(" ", a).contains("CoarseGrainedExecutorBackend"))
                      .orElse(p.info().commandLine().orElse("").contains("Executor")))
          .forEach(out::add);
    }
    return out;
  }

  /** An executor's log folder contents (stderr), for failure messages. */
  public Optional<String> logsDir() {
    return Optional.of(logs.toString());
  }

  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
