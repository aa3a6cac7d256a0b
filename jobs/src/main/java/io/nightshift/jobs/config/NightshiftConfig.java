package io.nightshift.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one typed configuration object, built at start-up from {@code reference.conf} (every key
 * documented there), an optional {@code --config FILE}, and {@code -Dnightshift.*} system
 * properties, in increasing priority. It is validated when built: a wrong or missing value fails
 * with {@link BadConfigException} naming the key. Nothing else in Nightshift reads configuration.
 */
public final class NightshiftConfig {
  /** The root path of every Nightshift key. */
  public static final String ROOT = "nightshift";

  private final Config raw;
  private final SparkSettings spark;
  private final InputSettings input;
  private final OutputSettings output;
  private final ValidationSettings validation;
  private final KpiSettings kpis;
  private final AnomalySettings anomaly;
  private final ForecastSettings forecast;
  private final LogSettings logs;
  private final IncidentSettings incidents;
  private final SituationSettings situations;
  private final RiskSettings risk;
  private final ReportSettings reports;
  private final StageSettings stages;

  private NightshiftConfig(Config raw) {
    this.raw = raw;
    Config n = raw.getConfig(ROOT);
    this.spark = section(n, "spark", SparkSettings::from);
    this.input = section(n, "input", InputSettings::from);
    this.output = section(n, "output", OutputSettings::from);
    this.validation = section(n, "validation", ValidationSettings::from);
    this.kpis = section(n, "kpis", KpiSettings::from);
    this.anomaly = section(n, "anomaly", AnomalySettings::from);
    this.forecast = section(n, "forecast", ForecastSettings::from);
    this.logs = section(n, "logs", LogSettings::from);
    this.incidents = section(n, "incidents", IncidentSettings::from);
    this.situations = section(n, "situations", SituationSettings::from);
    this.risk = section(n, "risk", RiskSettings::from);
    this.reports = section(n, "reports", ReportSettings::from);
    this.stages = section(n, "stages", StageSettings::from);
  }

  /**
   * Builds one section's settings; any error is reported with the full key ({@code
   * nightshift.<section>.<key>}).
   */
  private static <T> T section(Config n, String name, java.util.function.Function<Config, T> from) {
    String prefix = ROOT + "." + name;
    try {
      return from.apply(n.getConfig(name));
    } catch (BadConfigException e) {
      throw new BadConfigException(qualify(e.getMessage(), prefix), e);
    } catch (ConfigException e) {
      throw new BadConfigException(
          "config section '" + prefix + "': " + qualify(e.getMessage(), prefix), e);
    }
  }

  private static String qualify(String message, String prefix) {
    return message.replaceFirst("^config key '(?!nightshift\\.)", "config key '" + prefix + ".");
  }

  /** Defaults from {@code reference.conf} and system properties only. */
  public static NightshiftConfig load() {
    return load(null, Map.of());
  }

  /**
   * Loads the layered configuration.
   *
   * @param file an optional user config file ({@code --config}); must exist when given
   * @param overrides highest-priority overrides (full key to value), e.g. from the command line
   */
  public static NightshiftConfig load(Path file, Map<String, Object> overrides) {
    try {
      ConfigFactory.invalidateCaches();
      Config cfg = ConfigFactory.systemProperties();
      Config over = ConfigFactory.empty();
      for (Map.Entry<String, Object> e : overrides.entrySet()) {
        over = over.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue()));
      }
      cfg = over.withFallback(cfg);
      if (file != null) {
        File f = file.toFile();
        if (!f.isFile()) {
          throw new BadConfigException("config file not found: " + file.toAbsolutePath());
        }
        cfg =
            cfg.withFallback(
                ConfigFactory.parseFile(f, ConfigParseOptions.defaults().setAllowMissing(false)));
      }
      cfg = cfg.withFallback(ConfigFactory.defaultReference()).resolve();
      return new NightshiftConfig(cfg);
    } catch (BadConfigException e) {
      throw e;
    } catch (ConfigException e) {
      throw new BadConfigException(e.getMessage(), e);
    }
  }

  /**
   * The effective Nightshift configuration as JSON, with secret-looking keys masked (for the
   * manifest).
   */
  public String effectiveJson() {
    Config n = raw.getConfig(ROOT);
    for (Map.Entry<String, com.typesafe.config.ConfigValue> e : n.entrySet()) {
      String k = e.getKey().toLowerCase(java.util.Locale.ROOT);
      if (k.contains("password") || k.contains("secret") || k.contains("token")) {
        n = n.withValue(e.getKey(), ConfigValueFactory.fromAnyRef("***"));
      }
    }
    return n.root().render(ConfigRenderOptions.concise());
  }

  public SparkSettings spark() {
    return spark;
  }

  public InputSettings input() {
    return input;
  }

  public OutputSettings output() {
    return output;
  }

  public ValidationSettings validation() {
    return validation;
  }

  public KpiSettings kpis() {
    return kpis;
  }

  public AnomalySettings anomaly() {
    return anomaly;
  }

  public ForecastSettings forecast() {
    return forecast;
  }

  public LogSettings logs() {
    return logs;
  }

  public IncidentSettings incidents() {
    return incidents;
  }

  public SituationSettings situations() {
    return situations;
  }

  public RiskSettings risk() {
    return risk;
  }

  public ReportSettings reports() {
    return reports;
  }

  public StageSettings stages() {
    return stages;
  }
}
