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
    description = {"Print a signed token (JWT) for a demo principal of the local mesh.",
        "Principals: admin, governance, analyst, steward-<domain>, publisher-<domain>.",
        "Use it as a bearer token against the catalog service, e.g.",
        "  curl -H \"Authorization: Bearer $(./mesh token analyst)\" http://127.0.0.1:8181/api/v1/domains"})
final class TokenCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "demo principal, e.g. analyst or publisher-na")
  String principal;

  @Option(names = "--hours", defaultValue = "8", description = "lifetime in hours (default: ${DEFAULT-VALUE})")
  int hours;

  @Override
  public Integer call() {
    StackLayout layout = MeshCli.config().layout();
    DevTokens tokens = new DevTokens(layout.jwtPrivateKey(), layout.jwtPublicKey());
    if (!java.nio.file.Files.exists(layout.jwtPrivateKey())) {
      throw new StackException("No signing key yet (" + layout.jwtPrivateKey() + "): run ./mesh up first.");
    }
    DemoPrincipal demo = DemoPrincipal.parse(principal);
    System.out.println(tokens.mint(demo.name(), demo.roles(), demo.domains(), Duration.ofHours(hours)));
    return 0;
  }

  record DemoPrincipal(String name, List<String> roles, List<String> domains) {
    static DemoPrincipal parse(String principal) {
      return switch (principal) {
        case "admin" -> new DemoPrincipal(principal, List.of("admin"), List.of());
        case "governance" -> new DemoPrincipal(principal, List.of("governance"), List.of());
        case "analyst" -> new DemoPrincipal(principal, List.of("analyst"), List.of());
        default -> {
          if (principal.matches("(publisher|steward)-[a-z][a-z0-9_]*")) {
            String[] parts = principal.split("-", 2);
            yield new DemoPrincipal(principal, List.of(parts[0]), List.of(parts[1]));
          }
          throw new StackException("Unknown demo principal '" + principal
              + "'. Use admin, governance, analyst, publisher-<domain> or steward-<domain>.");
        }
      };
    }
  }
}
