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

  private NightshiftConfig(Config raw) {
    this.raw = raw;
    Config n = raw.getConfig(ROOT);
    try {
      this.spark = SparkSettings.from(n.getConfig("spark"));
      this.input = InputSettings.from(n.getConfig("input"));
      this.output = OutputSettings.from(n.getConfig("output"));
      this.validation = ValidationSettings.from(n.getConfig("validation"));
      this.kpis = KpiSettings.from(n.getConfig("kpis"));
      this.anomaly = AnomalySettings.from(n.getConfig("anomaly"));
      this.forecast = ForecastSettings.from(n.getConfig("forecast"));
      this.logs = LogSettings.from(n.getConfig("logs"));
      this.incidents = IncidentSettings.from(n.getConfig("incidents"));
      this.situations = SituationSettings.from(n.getConfig("situations"));
      this.risk = RiskSettings.from(n.getConfig("risk"));
      this.reports = ReportSettings.from(n.getConfig("reports"));
    } catch (ConfigException e) {
      throw new BadConfigException(e.getMessage(), e);
    }
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
}
