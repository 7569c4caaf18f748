package org.dnsmesh.infra.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Everything that decides where and how the local stack runs. Values come from system properties
 * ({@code mesh.*}), then environment variables ({@code MESH_*}), then defaults sized for one 2-core machine.
 */
public record StackConfig(
    Path home,
    Path stateDir,
    Path cacheDir,
    Path mavenRepository,
    Path javaHome,
    PostgresSettings postgres,
    int catalogPort,
    int trinoPort,
    int trinoHttpsPort,
    int kafkaPort,
    int kafkaControllerPort,
    List<String> domains,
    Duration startTimeout) {

  public static final List<String> DEFAULT_DOMAINS = List.of("na", "eu", "apac", "security");

  public StackConfig {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(cacheDir, "cacheDir");
    Objects.requireNonNull(mavenRepository, "mavenRepository");
    Objects.requireNonNull(javaHome, "javaHome");
    Objects.requireNonNull(postgres, "postgres");
    domains = List.copyOf(domains);
    Objects.requireNonNull(startTimeout, "startTimeout");
    for (String domain : domains) {
      if (!domain.matches("[a-z][a-z0-9_]{0,30}")) {
        throw new StackException("Invalid domain name '" + domain
            + "' in MESH_DOMAINS: use lowercase letters, digits and '_', starting with a letter.");
      }
    }
  }

  /** Reads the configuration for a project checkout at {@code home}. */
  public static StackConfig fromEnvironment(Path home) {
    return fromSources(home, System.getProperties(), System.getenv());
  }

  static StackConfig fromSources(Path home, Properties properties, Map<String, String> environment) {
    Settings settings = new Settings(properties, environment);
    Path absoluteHome = home.toAbsolutePath().normalize();
    Path userHome = Path.of(System.getProperty("user.home"));
    return new StackConfig(
        absoluteHome,
        absoluteHome.resolve(settings.get("state-dir", ".mesh")).normalize(),
        Path.of(settings.get("cache-dir", userHome.resolve(".cache/dnsmesh").toString())),
        Path.of(settings.get("maven-repository", userHome.resolve(".m2/repository").toString())),
        Path.of(settings.get("java-home", System.getProperty("java.home"))),
        new PostgresSettings(
            settings.get("pg-url", "jdbc:postgresql://127.0.0.1:5432/"),
            settings.get("pg-user", "postgres"),
            settings.get("pg-password", ""),
            settings.get("pg-database", "dnsmesh")),
        settings.port("catalog-port", 8181),
        settings.port("trino-port", 8080),
        settings.port("trino-https-port", 8443),
        settings.port("kafka-port", 9092),
        settings.port("kafka-controller-port", 9093),
        Arrays.stream(settings.get("domains", String.join(",", DEFAULT_DOMAINS)).split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).toList(),
        Duration.ofSeconds(settings.port("start-timeout-seconds", 180)));
  }

  public StackLayout layout() {
    return new StackLayout(stateDir);
  }

  public String catalogUrl() {
    return "http://127.0.0.1:" + catalogPort;
  }

  public String icebergRestUrl() {
    return catalogUrl() + "/iceberg";
  }

  public String trinoUrl() {
    return "http://127.0.0.1:" + trinoPort;
  }

  /** Clients reach Trino over HTTPS only (its JWT authenticator refuses plain HTTP), trusting the mesh's cert. */
  public String trinoJdbcUrl() {
    return "jdbc:trino://127.0.0.1:" + trinoHttpsPort + "?SSL=true&SSLTrustStorePath="
        + layout().trinoCertificate();
  }

  public String trinoHttpsUrl() {
    return "https://127.0.0.1:" + trinoHttpsPort;
  }

  /**
   * The access policy in force: the stack's own copy once {@code up} made it (approved policy changes rewrite
   * that copy, never the checked-in file), else the shipped policy.
   */
  public Path policyFile() {
    Path live = livePolicyFile();
    return java.nio.file.Files.exists(live) ? live : shippedPolicyFile();
  }

  /** The policy the project ships; {@code up} starts a fresh state folder from it. */
  public Path shippedPolicyFile() {
    return home.resolve("governance/policies/mesh-policy.yaml");
  }

  /** Where the running mesh keeps its policy (the catalog rewrites it on approved policy changes). */
  public Path livePolicyFile() {
    return stateDir.resolve("governance").resolve("mesh-policy.yaml");
  }

  /** Column classifications of the tables the policy covers (until the catalog derives them from contracts). */
  public Path policyTablesFile() {
    return home.resolve("governance/policies/demo-tables.yaml");
  }

  public String kafkaBootstrap() {
    return "127.0.0.1:" + kafkaPort;
  }

  public StackConfig withStateDir(Path newStateDir) {
    return new StackConfig(home, newStateDir, cacheDir, mavenRepository, javaHome, postgres, catalogPort,
        trinoPort, trinoHttpsPort, kafkaPort, kafkaControllerPort, domains, startTimeout);
  }

  public StackConfig withPorts(int catalog, int trino, int trinoHttps, int kafka, int kafkaController) {
    return new StackConfig(home, stateDir, cacheDir, mavenRepository, javaHome, postgres, catalog, trino,
        trinoHttps, kafka, kafkaController, domains, startTimeout);
  }

  /** Every port on a free one: for tests that run beside a developer's own mesh. */
  public StackConfig withFreePorts() {
    return withPorts(Ports.findFree(), Ports.findFree(), Ports.findFree(), Ports.findFree(), Ports.findFree());
  }

  /**
   * A stack on its own database (tests). {@code MESH_TEST_DB_SUFFIX} is appended to the name, so several
   * checkouts on one machine can run the suite side by side on the one PostgreSQL without dropping each
   * other's databases.
   */
  public StackConfig withDatabase(String database) {
    String suffixed = database + System.getenv().getOrDefault("MESH_TEST_DB_SUFFIX", "");
    return new StackConfig(home, stateDir, cacheDir, mavenRepository, javaHome,
        new PostgresSettings(postgres.url(), postgres.user(), postgres.password(), suffixed), catalogPort,
        trinoPort, trinoHttpsPort, kafkaPort, kafkaControllerPort, domains, startTimeout);
  }

  /** Connection to the PostgreSQL server; the stack creates {@code database} on it when missing. */
  public record PostgresSettings(String url, String user, String password, String database) {
    public PostgresSettings {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(database, "database");
      if (!url.startsWith("jdbc:postgresql://")) {
        throw new StackException("MESH_PG_URL must be a PostgreSQL JDBC URL of the server "
            + "(jdbc:postgresql://host:port/), got: " + url);
      }
      if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
        throw new StackException("Invalid database name '" + database + "' in MESH_PG_DATABASE.");
      }
    }

    /** JDBC URL of the server's maintenance database (for CREATE DATABASE). */
    public String serverUrl() {
      return url.endsWith("/") ? url + "postgres" : url.replaceAll("/[^/]*$", "/postgres");
    }

    public String databaseUrl() {
      return url.endsWith("/") ? url + database : url.replaceAll("/[^/]*$", "/" + database);
    }
  }

  private record Settings(Properties properties, Map<String, String> environment) {
    String get(String key, String fallback) {
      String fromProperty = properties.getProperty("mesh." + key);
      if (fromProperty != null && !fromProperty.isBlank()) {
        return fromProperty;
      }
      String fromEnv = environment.get("MESH_" + key.toUpperCase().replace('-', '_'));
      return fromEnv != null && !fromEnv.isBlank() ? fromEnv : fallback;
    }

    int port(String key, int fallback) {
      String value = get(key, Integer.toString(fallback));
      try {
        int parsed = Integer.parseInt(value.trim());
        if (parsed <= 0 || parsed > 65535) {
          throw new NumberFormatException();
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw new StackException("Invalid value '" + value + "' for MESH_" + key.toUpperCase().replace('-', '_')
            + " (mesh." + key + "): expected a number between 1 and 65535.");
      }
    }
  }
}
