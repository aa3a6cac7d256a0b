package io.nightshift.testkit;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a real local {@link SparkSession} into test classes
 * ({@code @ExtendWith(SparkExtension.class)}, then a {@code SparkSession} parameter on a
 * constructor, {@code @BeforeAll} or test method).
 *
 * <p>One session serves the whole test JVM and is stopped when the JVM's tests end: starting Spark
 * costs seconds, and test classes must not depend on each other's state anyway (each writes to its
 * own temp folder). Settings: {@code local[2]}, UI off, two shuffle partitions, bound to 127.0.0.1,
 * UTC.
 */
public final class SparkExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(SparkExtension.class);

  /** The shared session, created on first use. */
  public static synchronized SparkSession session() {
    SparkSession active = SparkSession.getActiveSession().getOrElse(() -> null);
    if (active != null && !active.sparkContext().isStopped()) {
      return active;
    }
    return SparkSession.builder()
        .master("local[2]")
        .appName("nightshift-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.adaptive.enabled", "true")
        .getOrCreate();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(NS)
        .getOrComputeIfAbsent(
            "spark",
            k -> (ExtensionContext.Store.CloseableResource) () -> session().stop(),
            ExtensionContext.Store.CloseableResource.class);
    session();
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return session();
  }
}
