package org.dnsmesh.products.apac;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Edge node address -> point of presence. Known nodes come from the inventory map; any other address is placed
 * on a PoP by CRC-32 of the address (stable), which is how synthetic traffic spreads over the PoPs.
 */
public record PopDirectory(Map<String, String> nodes) {

  public static final List<String> POPS = List.of("sin", "hkg", "nrt", "syd", "bom");

  public PopDirectory {
    nodes = Map.copyOf(nodes);
    nodes.values().forEach(pop -> {
      if (!POPS.contains(pop)) {
        throw new IllegalArgumentException("unknown PoP '" + pop + "', expected one of " + POPS);
      }
    });
  }

  public String pop(String serverIp) {
    if (serverIp == null) {
      return POPS.get(0);
    }
    String known = nodes.get(serverIp);
    if (known != null) {
      return known;
    }
    CRC32 crc = new CRC32();
    crc.update(serverIp.getBytes(StandardCharsets.UTF_8));
    return POPS.get((int) (crc.getValue() % POPS.size()));
  }
}
