package org.dnsmesh.productkit.pseudonymize;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The pseudonymisation keys of one data domain ({@code na}, {@code eu}, ...): every key still needed to recognise
 * old pseudonyms, and the current one used for new values. Rotation adds a key and makes it current; the key id
 * travels with each pseudonym so values made with an older key stay attributable.
 */
public record DomainKeyRing(String domain, String currentKeyId, Map<String, PseudonymKey> keys) {

  public DomainKeyRing {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(currentKeyId, "currentKeyId");
    keys = Map.copyOf(keys);
    if (!keys.containsKey(currentKeyId)) {
      throw new IllegalArgumentException(
          "domain '" + domain + "': current key '" + currentKeyId + "' is not among its keys " + keys.keySet());
    }
  }

  public PseudonymKey current() {
    return keys.get(currentKeyId);
  }

  public PseudonymKey key(String keyId) {
    PseudonymKey key = keys.get(keyId);
    if (key == null) {
      throw new IllegalArgumentException("domain '" + domain + "' has no pseudonym key '" + keyId + "'");
    }
    return key;
  }

  /** A new ring with {@code key} added and made current. */
  public DomainKeyRing rotateTo(PseudonymKey key) {
    Map<String, PseudonymKey> next = new LinkedHashMap<>(keys);
    next.put(key.keyId(), key);
    return new DomainKeyRing(domain, key.keyId(), next);
  }

  /**
   * Reads a ring from configuration: {@code pseudonym.<domain>.current=<keyId>} and
   * {@code pseudonym.<domain>.key.<keyId>=<base64 secret>} (values typically injected from the environment or a
   * secret store, never committed).
   */
  public static DomainKeyRing fromProperties(String domain, Properties properties) {
    String prefix = "pseudonym." + domain + ".";
    String current = properties.getProperty(prefix + "current");
    if (current == null) {
      throw new IllegalArgumentException("missing configuration '" + prefix + "current'");
    }
    Map<String, PseudonymKey> keys = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(prefix + "key.")) {
        String keyId = name.substring((prefix + "key.").length());
        byte[] secret;
        try {
          secret = Base64.getDecoder().decode(properties.getProperty(name).trim());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("configuration '" + name + "' is not base64");
        }
        keys.put(keyId, new PseudonymKey(keyId, secret));
      }
    }
    return new DomainKeyRing(domain, current, keys);
  }
}
