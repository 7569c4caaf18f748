package org.dnsmesh.infra.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.dnsmesh.governance.compile.KafkaAcl;
import org.dnsmesh.governance.compile.KafkaAclCompiler;
import org.dnsmesh.governance.policy.PolicyLoader;
import org.dnsmesh.infra.stack.KafkaAccessControl;
import org.dnsmesh.infra.stack.KafkaBroker;
import org.dnsmesh.infra.stack.KafkaCredentials;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.infra.stack.StackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "kafka", mixinStandardHelpOptions = true,
    description = {"Kafka credentials and ACLs of the mesh. The broker takes only SASL/SCRAM clients; what each",
        "principal may do is the ACLs compiled from the access policy (a domain's publishers and pipelines: that",
        "domain's topics and groups; analysts: nothing; mesh.governance.events: written by the catalog service;",
        "mesh.quality.alerts: written by the quality monitor)."},
    subcommands = {KafkaCommand.ConfigCommand.class, KafkaCommand.AclsCommand.class})
final class KafkaCommand {

  @Command(name = "config", mixinStandardHelpOptions = true,
      description = {"Write the Kafka client configuration of a principal of the local mesh (0600, under",
          ".mesh/secrets/kafka/) and print its path, for any Kafka tool, e.g.",
          "  kafka-console-consumer.sh --bootstrap-server 127.0.0.1:9092 --topic na.na-resolver-queries.raw \\",
          "    --consumer.config $(./mesh kafka config pipeline-na) --group na.console --from-beginning"})
  static final class ConfigCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "a principal of the access policy, or catalog-service")
    String principal;

    @Override
    public Integer call() {
      StackConfig config = MeshStack.recorded(MeshCli.config());
      KafkaBroker broker = new KafkaBroker(config);
      if (!broker.credentials().has(principal) || principal.equals(KafkaCredentials.BROKER)) {
        throw new StackException("No Kafka user '" + principal + "': Kafka users are the principals of the access "
            + "policy " + config.policyFile() + " and catalog-service.");
      }
      System.out.println(broker.writeClientConfig(principal));
      return 0;
    }
  }

  @Command(name = "acls", mixinStandardHelpOptions = true,
      description = {"Print the Kafka ACLs compiled from the access policy; with --apply make a broker's ACLs exactly",
          "these (idempotent: missing ones created, others deleted). Without --command-config it is the local mesh's",
          "broker (mesh up applies them itself); with it, any cluster, as the super user that file names, e.g.",
          "  ./mesh kafka acls --apply --command-config /etc/dnsmesh/kafka/mesh-kafka-broker.properties"})
  static final class AclsCommand implements Callable<Integer> {
    @Option(names = "--apply", description = "apply them to the broker")
    boolean apply;

    @Option(names = "--command-config", description = "Kafka client properties of a super user of the target broker")
    Path commandConfig;

    @Option(names = "--policy", description = "access policy file (default: the local mesh's live policy)")
    Path policy;

    @Override
    public Integer call() throws IOException {
      StackConfig config = MeshStack.recorded(MeshCli.config());
      List<KafkaAcl> acls = new KafkaAclCompiler().compile(PolicyLoader.load(policy != null ? policy : config.policyFile()));
      if (!apply) {
        acls.forEach(System.out::println);
        return 0;
      }
      Properties client = new Properties();
      if (commandConfig != null) {
        try (Reader reader = Files.newBufferedReader(commandConfig)) {
          client.load(reader);
        }
      } else {
        client.putAll(new KafkaBroker(config).clientProperties(KafkaCredentials.BROKER));
      }
      try (Admin admin = Admin.create(client)) {
        KafkaAccessControl.Sync sync = KafkaAccessControl.applyAcls(admin, acls);
        System.out.printf("%d ACLs from the policy: %d created, %d deleted%n", acls.size(), sync.created(), sync.deleted());
      }
      return 0;
    }
  }
}
