package org.dnsmesh.infra.stack;

import org.dnsmesh.governance.policy.MaskExpressions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The real Trino server, single node, with one Iceberg catalog per data domain pointing at the catalog
 * service's REST endpoint. Launched straight with the JDK (no Python launcher): the command line is what
 * Trino's own launcher builds from etc/jvm.config and etc/node.properties.
 */
public final class TrinoServer implements StackComponent {
  /** Only what the mesh uses is loaded: start-up drops from ~16 s (55 plugins) to ~10 s. */
  static final List<String> PLUGINS = List.of("iceberg", "tpch", "memory", "openlineage");

  private final StackConfig config;
  private final TrinoDistribution distribution;
  private final ManagedProcess process;
  private final String catalogCredential;
  private final String healthToken;
  private final TrinoSecurity security;

  /**
   * @param catalogCredential {@code trino:<secret>}: Trino's catalogs get short-lived tokens of the {@code trino}
   *     service principal with it from the catalog service (OAuth2 client credentials) and refresh them themselves
   * @param healthToken what the readiness probe connects with (an admin principal of the policy)
   */
  public TrinoServer(StackConfig config, String catalogCredential, String healthToken, Consumer<String> progress) {
    this.config = config;
    this.catalogCredential = catalogCredential;
    this.healthToken = healthToken;
    this.security = new TrinoSecurity(config);
    this.distribution = new TrinoDistribution(config, progress);
    StackLayout layout = config.layout();
    this.process = new ManagedProcess("trino", layout.pidFile("trino"), layout.log("trino"));
  }

  @Override
  public String name() {
    return "Trino";
  }

  @Override
  public ManagedProcess process() {
    return process;
  }

  @Override
  public void preflight() {
    Ports.requireFree(config.trinoPort(), "Trino HTTP", "MESH_TRINO_PORT");
    Ports.requireFree(config.trinoHttpsPort(), "Trino HTTPS", "MESH_TRINO_HTTPS_PORT");
    if (!Files.exists(functionsPlugin())) {
      throw new StackException("The mesh's Trino functions plugin is not built (" + functionsPlugin() + " is missing). "
          + "Build the project first: ./mvnw -DskipTests package (./mesh does this for you).");
    }
    distribution.ensureInstalled();
  }

  /** The plugin with {@code mesh.masking.pseudonym}, the keyed pseudonym of the policy's hmac-token masks. */
  Path functionsPlugin() {
    return config.home().resolve("infra/trino-functions/target/trino-functions.jar");
  }

  Path dir() {
    return config.layout().trino();
  }

  Path etc() {
    return dir().resolve("etc");
  }

  @Override
  public void start() {
    Path server = distribution.ensureInstalled();
    writeConfiguration(server);
    List<String> command = new ArrayList<>();
    command.add(config.javaHome().resolve("bin/java").toString());
    command.addAll(jvmOptions());
    command.add("-Dconfig=" + etc().resolve("config.properties"));
    command.add("-Dlog.levels-file=" + etc().resolve("log.properties"));
    // the file mesh.masking.pseudonym reads its key from: a path on the command line, the key only in the 0600 file
    command.add("-Dmesh.pseudonym.key-file=" + config.layout().trinoSecrets().toAbsolutePath());
    nodeProperties().forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-cp");
    command.add(server.resolve("lib") + "/*");
    command.add("io.trino.server.TrinoServer");
    process.start(command, dir().resolve("data"), Map.of());
  }

  static List<String> jvmOptions() {
    return List.of("-server", "-Xmx2G", "-XX:InitialRAMPercentage=5", "-XX:+UseG1GC",
        "-XX:G1HeapRegionSize=32M", "-XX:+ExplicitGCInvokesConcurrent", "-XX:+ExitOnOutOfMemoryError",
        "-XX:+HeapDumpOnOutOfMemoryError", "-XX:-OmitStackTraceInFastThrow", "-XX:ReservedCodeCacheSize=256M",
        "-XX:PerMethodRecompilationCutoff=10000", "-XX:PerBytecodeRecompilationCutoff=10000",
        "-Djdk.attach.allowAttachSelf=true", "-Djdk.nio.maxCachedBufferSize=2000000",
        "-XX:+EnableDynamicAgentLoading", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-Dfile.encoding=UTF-8");
  }

  private Map<String, String> nodeProperties() {
    return Map.of(
        "node.environment", "mesh",
        "node.id", "mesh-coordinator",
        "node.data-dir", dir().resolve("data").toString(),
        "node.internal-address", "127.0.0.1",
        "node.bind-ip", "127.0.0.1");
  }

  /**
   * Writes etc/ (0700) with every file 0600: config.properties holds the key store password and the internal
   * shared secret, the catalogs the {@code trino} client secret.
   */
  void writeConfiguration(Path server) {
    java.util.Properties secrets = security.ensureSecrets();
    PrivateFiles.directory(dir());
    PrivateFiles.directory(etc());
    security.writeRules();
    StackLayout layout = config.layout();
    try {
      Path catalogs = etc().resolve("catalog");
      TrinoDistribution.deleteTree(catalogs);
      PrivateFiles.directory(catalogs);
      Path plugins = dir().resolve("plugin");
      TrinoDistribution.deleteTree(plugins);
      PrivateFiles.directory(plugins);
      for (String plugin : PLUGINS) {
        Files.createSymbolicLink(plugins.resolve(plugin), server.resolve("plugin").resolve(plugin));
      }
      // a copy, not a link: a rebuild of the checkout does not change the running server's code
      Files.copy(functionsPlugin(), PrivateFiles.directory(plugins.resolve("mesh")).resolve("trino-functions.jar"));
      PrivateFiles.directory(dir().resolve("data"));
      PrivateFiles.write(etc().resolve("config.properties"), String.join("\n",
          "# Generated by mesh up: single node (coordinator is the worker), sized for 2 cores / 24 GiB.",
          "coordinator=true",
          "node-scheduler.include-coordinator=true",
          "http-server.http.port=" + config.trinoPort(),
          "discovery.uri=http://127.0.0.1:" + config.trinoPort(),
          "query.max-memory=1GB",
          "query.max-memory-per-node=1GB",
          "task.concurrency=2",
          "plugin.dir=" + plugins,
          "catalog.config-dir=" + catalogs,
          "# Identity is verified, not claimed: clients connect over HTTPS with a JWT signed by the mesh.",
          "http-server.https.enabled=true",
          "http-server.https.port=" + config.trinoHttpsPort(),
          "http-server.https.keystore.path=" + layout.trinoKeyStore(),
          "http-server.https.keystore.key=" + secrets.getProperty("keystore-password"),
          "# Trino's own JWT authenticator accepts tokens without exp and trusts one issuer: the mesh's plugin",
          "# (infra/trino-auth) verifies them like the catalog does (exp required, mesh key or the OIDC issuer).",
          "http-server.authentication.type=header",
          "header-authenticator.config-files=" + etc().resolve("header-authenticator.properties"),
          "# Trino's web UI has no login for header authentication: off (query through JDBC or the CLI).",
          "web-ui.enabled=false",
          "internal-communication.shared-secret=" + secrets.getProperty("internal-shared-secret"),
          "# the file rules, then the mesh's guard on table procedures (the file rules never check ALTER TABLE EXECUTE)",
          "access-control.config-files=" + etc().resolve("access-control.properties") + ","
              + etc().resolve("table-procedures.properties"),
          "# query lineage: Trino's OpenLineage listener posts each query's tables to the catalog",
          "event-listener.config-files=" + etc().resolve("event-listener.properties"),
          ""));
      PrivateFiles.write(etc().resolve("event-listener.properties"), eventListener());
      writeAuthenticator(plugins);
      PrivateFiles.write(etc().resolve("access-control.properties"), String.join("\n",
          "# Generated by mesh up: rules compiled by governance from the access policy; re-read every 5 s.",
          "access-control.name=file",
          "security.config-file=" + layout.trinoRules(),
          "security.refresh-period=5s",
          ""));
      PrivateFiles.write(etc().resolve("table-procedures.properties"), String.join("\n",
          "# Generated by mesh up: ALTER TABLE ... EXECUTE only for who manages the table (OWNERSHIP in the same rules).",
          "access-control.name=dnsmesh-table-procedures",
          "security.config-file=" + layout.trinoRules(),
          ""));
      PrivateFiles.write(etc().resolve("log.properties"), "io.trino=INFO\n");
      PrivateFiles.write(catalogs.resolve("tpch.properties"), "connector.name=tpch\n");
      // the keyed pseudonym of the hmac-token masks, as a catalog function only the masks' identity may execute
      PrivateFiles.write(catalogs.resolve(MaskExpressions.MASKING_CATALOG + ".properties"), String.join("\n",
          "# Generated by mesh up: mesh.masking.pseudonym(varchar), executable only as mask_environment user "
              + MaskExpressions.MASKING_IDENTITY + " (infra/trino-functions).",
          "connector.name=dnsmesh_masking", ""));
      for (String domain : config.domains()) {
        PrivateFiles.write(catalogs.resolve(domain + ".properties"), domainCatalog(domain));
      }
    } catch (IOException e) {
      throw new StackException("Cannot write Trino's configuration in " + etc() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Trino's OpenLineage listener (shipped in the server, plugin/openlineage) posting every query that reads or
   * writes a table to the catalog's Trino receiver, with this installation's ingest key ({@link TrinoLineageKey}) as
   * bearer: the only credential in this file, and it opens that receiver only. Plans and statistics are left out
   * (the catalog keeps neither; they can be megabytes), the job namespace is fixed to what the receiver accepts.
   */
  String eventListener() {
    return String.join("\n",
        "# Generated by mesh up: query lineage to the catalog service; the key changes at every mesh up.",
        "event-listener.name=openlineage",
        "openlineage-event-listener.transport.type=HTTP",
        "openlineage-event-listener.transport.url=" + config.catalogUrl(),
        "openlineage-event-listener.transport.endpoint=/api/v1/lineage/trino",
        "openlineage-event-listener.transport.api-key=" + new TrinoLineageKey(config.layout()).current(),
        // Trino 476 emits from its query dispatcher thread: the timeout bounds what a slow catalog costs Trino
        "openlineage-event-listener.transport.timeout=10s",
        "openlineage-event-listener.trino.uri=" + config.trinoHttpsUrl(),
        "openlineage-event-listener.namespace=" + LINEAGE_JOB_NAMESPACE,
        "openlineage-event-listener.trino.include-query-types=SELECT,INSERT,MERGE,UPDATE,DELETE,ALTER_TABLE_EXECUTE,"
            + "DATA_DEFINITION",
        "openlineage-event-listener.disabled-facets=TRINO_METADATA,TRINO_QUERY_STATISTICS",
        "");
  }

  /** The job namespace of Trino's lineage events: the catalog's {@code mesh.lineage.trino.job-namespace} default. */
  static final String LINEAGE_JOB_NAMESPACE = "trino";

  /** The plugin folder built by infra/trino-auth ({@code ./mvnw package} builds it with everything else). */
  Path authenticatorPlugin() {
    return config.home().resolve("infra/trino-auth/target/plugin");
  }

  /**
   * Links the mesh's authenticator plugin and writes its settings: the mesh's public key, the external OIDC
   * issuer if one is set, and which policy principal each identity-provider group acts as (from the policy).
   */
  void writeAuthenticator(Path plugins) throws IOException {
    if (!Files.isDirectory(authenticatorPlugin())) {
      throw new StackException("Trino's authenticator plugin is not built (" + authenticatorPlugin() + " is missing). "
          + "Build the project first: ./mvnw -DskipTests package (./mesh does this for you).");
    }
    Files.createSymbolicLink(plugins.resolve("dnsmesh-auth"), authenticatorPlugin());
    IdentitySettings identity = IdentitySettings.fromEnvironment();
    Path groups = etc().resolve("idp-groups.properties");
    StringBuilder groupLines = new StringBuilder("# Generated by mesh up from the access policy's idpGroups: group=principal\n");
    org.dnsmesh.governance.policy.PolicyLoader.load(config.policyFile()).principals().forEach(principal ->
        principal.idpGroups().forEach(group -> groupLines.append(group).append('=')
            .append(principal.name().value()).append('\n')));
    PrivateFiles.write(groups, groupLines.toString());
    List<String> lines = new ArrayList<>(List.of(
        "# Generated by mesh up: bearer JWTs verified by the mesh's authenticator plugin.",
        "header-authenticator.name=dnsmesh-jwt",
        "dnsmesh.mesh-public-key=" + config.layout().jwtPublicKey().toAbsolutePath(),
        "dnsmesh.idp-groups-file=" + groups.toAbsolutePath()));
    identity.oidcIssuer().ifPresent(issuer -> lines.addAll(List.of(
        "dnsmesh.oidc.issuer=" + issuer,
        "dnsmesh.oidc.audience=" + identity.oidcAudience(),
        "dnsmesh.oidc.principal-claim=" + identity.oidcPrincipalClaim(),
        "dnsmesh.oidc.groups-claim=" + identity.oidcGroupsClaim())));
    lines.add("");
    PrivateFiles.write(etc().resolve("header-authenticator.properties"), String.join("\n", lines));
  }

  /**
   * System property that lowers Trino's floor for {@code expire_snapshots} (default 7 d) in the generated domain
   * catalogs; unset, nothing is written. Tests of the lifecycle runner set it to expire fresh snapshots.
   */
  public static final String EXPIRE_SNAPSHOTS_MIN_RETENTION = "mesh.trino.expire-snapshots-min-retention";

  String domainCatalog(String domain) {
    String minRetention = System.getProperty(EXPIRE_SNAPSHOTS_MIN_RETENTION);
    return String.join("\n",
        "# Generated by mesh up: the '" + domain + "' data domain, served by the catalog service's Iceberg REST API.",
        "connector.name=iceberg",
        "iceberg.catalog.type=rest",
        "iceberg.rest-catalog.uri=" + config.icebergRestUrl(),
        "iceberg.rest-catalog.warehouse=" + domain,
        "# OAuth2 client credentials: short-lived tokens from the catalog service, refreshed by Trino itself",
        "iceberg.rest-catalog.security=OAUTH2",
        "iceberg.rest-catalog.oauth2.server-uri=" + config.icebergRestUrl() + "/v1/oauth/tokens",
        "iceberg.rest-catalog.oauth2.credential=" + catalogCredential,
        "iceberg.rest-catalog.oauth2.scope=catalog",
        "iceberg.rest-catalog.oauth2.token-refresh-enabled=true",
        "iceberg.file-format=PARQUET",
        "fs.native-local.enabled=true",
        "local.location=/",
        minRetention == null ? "" : "iceberg.expire-snapshots.min-retention=" + minRetention + "\n");
  }

  /**
   * Trino rebuilds its map of which nodes serve which catalog on a 5 s timer, and the last rebuild before "SERVER
   * STARTED" has no catalogs: for up to 5 s a query on a domain catalog fails with NO_NODES_AVAILABLE while
   * {@code SELECT 1} (the system catalog, always mapped) already runs. Seen in CI: the first federated query 3.6 s
   * after start failed, the next one 1.5 s later ran.
   */
  static final Duration CATALOG_NODE_MAP_REFRESH = Duration.ofSeconds(6);

  @Override
  public void awaitReady(Duration timeout) {
    StackComponent.await(this, timeout, this::isReady);
    try {
      Thread.sleep(CATALOG_NODE_MAP_REFRESH); // one catalog node map refresh after start (see above)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while Trino mapped its catalogs to nodes", e);
    }
  }

  @Override
  public boolean isReady() {
    String info = Http.body(config.trinoUrl() + "/v1/info");
    if (info == null || !info.replace(" ", "").contains("\"starting\":false")) {
      return false;
    }
    // "SERVER STARTED" comes a few seconds before the node can run queries ("nodes is empty").
    Properties properties = new Properties();
    properties.setProperty("accessToken", healthToken);
    try (Connection connection = DriverManager.getConnection(config.trinoJdbcUrl(), properties);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT 1")) {
      return rows.next();
    } catch (Exception e) {
      return false;
    }
  }
}
