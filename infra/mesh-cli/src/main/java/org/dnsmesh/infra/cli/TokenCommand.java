package org.dnsmesh.infra.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.dnsmesh.infra.stack.DevTokens;
import org.dnsmesh.infra.stack.StackException;
import org.dnsmesh.infra.stack.StackLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "token", mixinStandardHelpOptions = true,
    description = {"Print a signed token (JWT) for a principal of the local mesh, signed with the key under",
        ".mesh/secrets (0600): holding the installation's secrets is the credential; no HTTP endpoint hands out",
        "tokens without one.",
        "Principals: those the access policy names (governance/policies/mesh-policy.yaml), e.g. ana (analyst,",
        "region eu), alice (publisher of na), nora (steward of na), grace (governance), root (admin), and the",
        "generic admin, governance, analyst, publisher-<domain>, steward-<domain>; any other name is refused.",
        "Use it with Trino (./mesh sql, or JDBC accessToken) or as a bearer token:",
        "Use it as a bearer token against the catalog service, e.g.",
        "  curl -H \"Authorization: Bearer $(./mesh token analyst)\" http://127.0.0.1:8181/api/v1/domains"})
final class TokenCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "demo principal, e.g. analyst or publisher-na")
  String principal;

  @Option(names = "--hours", defaultValue = "8", description = "lifetime in hours, 1 to 12 (default: ${DEFAULT-VALUE})")
  int hours;

  @Override
  public Integer call() {
    if (hours < 1 || hours > 12) {
      throw new StackException("--hours must be between 1 and 12 (tokens live at most 12 h), got " + hours);
    }
    System.out.println(mint(MeshCli.config(), principal, Duration.ofHours(hours), ""));
    return 0;
  }

  /**
   * A token for a principal the policy names, signed with this installation's key (holding the key is the
   * credential); {@code otherwise} completes the message when there is no key yet.
   */
  static String mint(org.dnsmesh.infra.stack.StackConfig config, String principal, Duration lifetime, String otherwise) {
    StackLayout layout = config.layout();
    if (!java.nio.file.Files.exists(layout.jwtPrivateKey())) {
      throw new StackException("No signing key yet (" + layout.jwtPrivateKey() + "): run ./mesh up first" + otherwise + ".");
    }
    DemoPrincipal demo = DemoPrincipal.resolve(config.policyFile(), principal);
    return new DevTokens(layout.jwtPrivateKey(), layout.jwtPublicKey())
        .mint(demo.name(), demo.roles(), demo.domains(), lifetime);
  }

  record DemoPrincipal(String name, List<String> roles, List<String> domains) {
    /** A principal named in the access policy, with its roles and the domains they are held for. */
    static java.util.Optional<DemoPrincipal> fromPolicy(java.nio.file.Path policyFile, String name) {
      if (!java.nio.file.Files.exists(policyFile)) {
        return java.util.Optional.empty();
      }
      org.dnsmesh.governance.policy.AccessPolicy policy = org.dnsmesh.governance.policy.PolicyLoader.load(policyFile);
      return policy.principals().stream()
          .filter(p -> p.name().toString().equals(name))
          .findFirst()
          .map(p -> new DemoPrincipal(name,
              p.roles().stream().map(r -> r.role().name().toLowerCase(java.util.Locale.ROOT)).distinct().toList(),
              p.roles().stream().flatMap(r -> r.domain().stream()).map(Object::toString).distinct().toList()));
    }

    /**
     * The policy is the directory of principals: a token for a name it does not know would be refused by the
     * catalog and by Trino anyway, so it is not minted.
     */
    static DemoPrincipal resolve(java.nio.file.Path policyFile, String name) {
      return fromPolicy(policyFile, name).orElseThrow(() -> {
        String known = java.nio.file.Files.exists(policyFile)
            ? org.dnsmesh.governance.policy.PolicyLoader.load(policyFile).principals().stream()
                .map(p -> p.name().toString()).collect(java.util.stream.Collectors.joining(", "))
            : "(policy file " + policyFile + " not found)";
        return new StackException("Unknown principal '" + name + "': the access policy " + policyFile
            + " names " + known + ".");
      });
    }
  }
}
