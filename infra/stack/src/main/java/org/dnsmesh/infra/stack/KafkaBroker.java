package org.dnsmesh.infra.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.dnsmesh.governance.compile.KafkaAclCompiler;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.PolicyLoader;

/**
 * A real single-node Kafka broker in KRaft mode, run from the Maven Central jars in infra/kafka-runtime, locked
 * down: SASL/SCRAM-SHA-512 on the client listener (loopback), SASL/PLAIN with only the broker's own user on the
 * controller listener (SCRAM credentials live in the metadata the controller serves, so the controller cannot use
 * them), KRaft's StandardAuthorizer with the broker as the only super user and no access without an ACL. The SCRAM
 * users are created at format time (no extra round trip at start); the ACLs compiled from the access policy
 * ({@link KafkaAclCompiler}) are applied once the broker answers, and again at every start (idempotent).
 */
public final class KafkaBroker implements StackComponent {
  private final StackConfig config;
  private final ManagedProcess process;
  /** Set once this process applied the policy's ACLs and users. */
  private volatile KafkaAccessControl.Sync synced;

  public KafkaBroker(StackConfig config) {
    this.config = config;
    StackLayout layout = config.layout();
    this.process = new ManagedProcess("kafka", layout.pidFile("kafka"), layout.log("kafka"));
  }

  @Override
  public String name() {
    return "Kafka";
  }

  @Override
  public ManagedProcess process() {
    return process;
  }

  Path libDir() {
    return config.home().resolve("infra/kafka-runtime/target/lib");
  }

  @Override
  public void preflight() {
    if (!Files.isDirectory(libDir())) {
      throw new StackException("The Kafka broker jars are missing (" + libDir() + "). Build the project first: "
          + "./mvnw -DskipTests package (./mesh does this for you).");
    }
    Ports.requireFree(config.kafkaPort(), "Kafka broker", "MESH_KAFKA_PORT");
    Ports.requireFree(config.kafkaControllerPort(), "Kafka KRaft controller", "MESH_KAFKA_CONTROLLER_PORT");
  }

  /** Where the installation's Kafka credentials and client configuration files live (0700). */
  public static Path credentialsDir(StackLayout layout) {
    return layout.secrets().resolve("kafka");
  }

  /** The policy's Kafka users with their passwords, generating passwords for users that have none yet. */
  public KafkaCredentials credentials() {
    return KafkaCredentials.ensure(credentialsDir(config.layout()), new KafkaAclCompiler().principals(policy()));
  }

  private AccessPolicy policy() {
    return PolicyLoader.load(config.policyFile());
  }

  /** Writes {@code user}'s Kafka client configuration file (bootstrap servers and SASL, 0600) for a service. */
  public Path writeClientConfig(String user) {
    return credentials().writeClientConfig(config.kafkaBootstrap(), user);
  }

  /** Kafka client settings for {@code user} of this broker (bootstrap servers and SASL). */
  public Map<String, Object> clientProperties(String user) {
    return new java.util.HashMap<>(credentials().clientProperties(config.kafkaBootstrap(), user));
  }

  @Override
  public void start() {
    Path dir = config.layout().kafka();
    Path dataDir = dir.resolve("data");
    Path properties = dir.resolve("server.properties");
    boolean formatted = Files.exists(dataDir.resolve("meta.properties"));
    if (formatted && KafkaCredentials.load(credentialsDir(config.layout())).isEmpty()) {
      // the SCRAM users live in the formatted metadata: without their passwords nobody can log in again
      throw new StackException("Kafka's data in " + dataDir + " was formatted without the credentials in "
          + credentialsDir(config.layout()) + " (an older mesh without Kafka authentication, or deleted secrets). "
          + "Run ./mesh down and delete " + config.layout().root() + " for a clean slate.");
    }
    KafkaCredentials credentials = credentials();
    try {
      KafkaCredentials.SecretFiles.createPrivateDirectory(dir);
      Files.createDirectories(dataDir);
      try (var writer = KafkaCredentials.SecretFiles.newPrivateWriter(properties)) {
        writer.write(serverProperties(dataDir, credentials.password(KafkaCredentials.BROKER)));
      }
    } catch (IOException e) {
      throw new StackException("Cannot write Kafka's configuration in " + dir + ": " + e.getMessage(), e);
    }
    if (!formatted) {
      format(properties, credentials);
    }
    process.start(java("kafka.Kafka", properties.toString()), dir, Map.of());
  }

  String serverProperties(Path dataDir, String brokerPassword) {
    String broker = KafkaCredentials.BROKER;
    return String.join("\n",
        "# Generated by mesh up: single-node KRaft broker bound to loopback, SASL + ACLs. Holds the broker's password.",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.bootstrap.servers=127.0.0.1:" + config.kafkaControllerPort(),
        "listeners=CLIENT://127.0.0.1:" + config.kafkaPort() + ",CONTROLLER://127.0.0.1:"
            + config.kafkaControllerPort(),
        "advertised.listeners=CLIENT://127.0.0.1:" + config.kafkaPort(),
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=CLIENT",
        "listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,CLIENT:SASL_PLAINTEXT",
        "sasl.enabled.mechanisms=" + KafkaCredentials.MECHANISM,
        "sasl.mechanism.inter.broker.protocol=" + KafkaCredentials.MECHANISM,
        "listener.name.client.sasl.enabled.mechanisms=" + KafkaCredentials.MECHANISM,
        "listener.name.client.scram-sha-512.sasl.jaas.config=" + KafkaCredentials.jaas(
            "org.apache.kafka.common.security.scram.ScramLoginModule", broker, brokerPassword, ""),
        // the controller knows exactly one user, the broker itself
        "sasl.mechanism.controller.protocol=PLAIN",
        "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
        "listener.name.controller.plain.sasl.jaas.config=" + KafkaCredentials.jaas(
            "org.apache.kafka.common.security.plain.PlainLoginModule", broker, brokerPassword,
            " user_" + broker + "=\"" + brokerPassword + "\""),
        "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        "super.users=User:" + broker,
        "allow.everyone.if.no.acl.found=false",
        "log.dirs=" + dataDir,
        "num.partitions=3",
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "auto.create.topics.enable=false",
        "log.retention.hours=168",
        "");
  }

  /**
   * Formats the KRaft storage with every SCRAM user of the installation. The arguments go through a 0600 argument
   * file (the java launcher expands {@code @file}), so no password shows on a process command line.
   */
  private void format(Path properties, KafkaCredentials credentials) {
    List<String> args = new java.util.ArrayList<>(List.of("format", "-t", clusterId(), "-c", properties.toString(),
        "--standalone"));
    credentials.passwords().forEach((user, password) -> {
      args.add("--add-scram");
      args.add(KafkaCredentials.MECHANISM + "=[name=" + user + ",password=" + password + "]");
    });
    Path argFile = properties.resolveSibling("format.args");
    try (var writer = KafkaCredentials.SecretFiles.newPrivateWriter(argFile)) {
      writer.write(String.join("\n", args) + "\n");
    } catch (IOException e) {
      throw new StackException("Cannot write " + argFile + ": " + e.getMessage(), e);
    }
    List<String> command = java("kafka.tools.StorageTool", "@" + argFile);
    try {
      Process formatter = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(process.logFile().toFile())).start();
      if (!formatter.waitFor(120, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
        formatter.destroyForcibly();
        throw new StackException("Formatting Kafka's KRaft storage failed. Last lines of " + process.logFile()
            + ":\n" + process.logTail(20));
      }
    } catch (IOException e) {
      throw new StackException("Cannot run Kafka's StorageTool: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while formatting Kafka storage");
    } finally {
      try {
        Files.deleteIfExists(argFile);
      } catch (IOException ignored) {
        // 0600 in a 0700 folder: no one else reads it
      }
    }
  }

  private static String clusterId() {
    String id;
    do {
      UUID uuid = UUID.randomUUID();
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16);
      buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
      id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    } while (id.startsWith("-")); // StorageTool would read "-t -abc..." as an option (Kafka's Uuid avoids it too)
    return id;
  }

  private List<String> java(String mainClass, String... args) {
    try {
      Files.createDirectories(process.logFile().getParent());
    } catch (IOException e) {
      throw new StackException("Cannot create " + process.logFile().getParent(), e);
    }
    List<String> command = new java.util.ArrayList<>(List.of(
        config.javaHome().resolve("bin/java").toString(),
        "-Xms256m", "-Xmx768m", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
        "--enable-native-access=ALL-UNNAMED",
        "-Dkafka.logs.dir=" + config.layout().logs(),
        "-cp", libDir().toAbsolutePath() + "/*",
        mainClass));
    command.addAll(List.of(args));
    return command;
  }

  /** Waits until the broker answers, then applies the policy's ACLs and users: ready means locked down. */
  @Override
  public void awaitReady(Duration timeout) {
    StackComponent.await(this, timeout, this::answers);
    syncAccessControl();
  }

  /** Makes the broker's ACLs and SCRAM users match the (live) access policy; idempotent. */
  public KafkaAccessControl.Sync syncAccessControl() {
    AccessPolicy policy = policy();
    KafkaAclCompiler compiler = new KafkaAclCompiler();
    KafkaCredentials credentials = credentials();
    try (Admin admin = admin(credentials)) {
      KafkaAccessControl.Sync sync = KafkaAccessControl.apply(admin, compiler.compile(policy), credentials,
          compiler.principals(policy));
      KafkaAccessControl.ensureMeshTopics(admin, 3);
      synced = sync;
      return sync;
    }
  }

  private Admin admin(KafkaCredentials credentials) {
    Properties properties = new Properties();
    properties.putAll(credentials.clientProperties(config.kafkaBootstrap(), KafkaCredentials.BROKER));
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
    return Admin.create(properties);
  }

  /** The broker answers its super user (credentials only read here: probing generates nothing). */
  private boolean answers() {
    Optional<KafkaCredentials> credentials = KafkaCredentials.load(credentialsDir(config.layout()));
    if (credentials.isEmpty() || !Ports.isListening(config.kafkaPort())) {
      return false;
    }
    try (Admin admin = admin(credentials.get())) {
      return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes()
          .get(4, TimeUnit.SECONDS).isEmpty();
    } catch (Exception e) {
      return false;
    }
  }

  /** Ready = answers and the policy's ACLs are in place (probed by the catalog service's, which the sync adds). */
  @Override
  public boolean isReady() {
    if (synced != null) {
      return answers();
    }
    if (!answers()) {
      return false;
    }
    try (Admin admin = admin(KafkaCredentials.load(credentialsDir(config.layout())).orElseThrow())) {
      return KafkaAccessControl.hasAcls(admin, KafkaAclCompiler.CATALOG_PRINCIPAL);
    } catch (Exception e) {
      return false;
    }
  }
}
