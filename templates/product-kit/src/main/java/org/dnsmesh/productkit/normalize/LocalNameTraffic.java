package org.dnsmesh.productkit.normalize;

import java.util.Locale;
import java.util.Set;
import org.dnsmesh.productkit.source.RawDnsEvent;

/**
 * Link-local name resolution a DNS capture also sees, which is not resolver traffic: NetBIOS name service (UDP 137),
 * multicast DNS (5353, 224.0.0.251 / ff02::fb, names under {@code .local}) and LLMNR (5355, 224.0.0.252 /
 * ff02::1:3). A resolver product's contract may exclude them ({@code excludeTraffic: [netbios, mdns, llmnr]}), so
 * their names and multicast "resolvers" do not enter resolver statistics. Told by port, address and name form.
 */
public enum LocalNameTraffic {
  NETBIOS, MDNS, LLMNR;

  private static final Set<String> MDNS_ADDRESSES = Set.of("224.0.0.251", "ff02::fb");
  private static final Set<String> LLMNR_ADDRESSES = Set.of("224.0.0.252", "ff02::1:3");

  /** The contract's name for it: {@code netbios}, {@code mdns}, {@code llmnr}. */
  public String contractName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static LocalNameTraffic fromContractName(String name) {
    for (LocalNameTraffic kind : values()) {
      if (kind.contractName().equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not netbios, mdns or llmnr");
  }

  /** What kind of link-local traffic {@code event} is, or null for (unicast) DNS. */
  public static LocalNameTraffic of(RawDnsEvent event) {
    Integer port = event.serverPort();
    String server = event.serverIp() == null ? "" : event.serverIp().toLowerCase(Locale.ROOT);
    if (Integer.valueOf(137).equals(port)) {
      return NETBIOS;
    }
    if (Integer.valueOf(5353).equals(port) || MDNS_ADDRESSES.contains(server) || isLocalName(event.query())) {
      return MDNS;
    }
    if (Integer.valueOf(5355).equals(port) || LLMNR_ADDRESSES.contains(server)) {
      return LLMNR;
    }
    return null;
  }

  /** A name under {@code .local} (RFC 6762: link-local, resolved by mDNS, never by a unicast resolver). */
  static boolean isLocalName(String name) {
    if (name == null) {
      return false;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".local") || lower.endsWith(".local.") || lower.equals("local") || lower.equals("local.");
  }
}
