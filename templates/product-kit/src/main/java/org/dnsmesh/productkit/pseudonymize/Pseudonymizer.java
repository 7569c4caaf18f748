package org.dnsmesh.productkit.pseudonymize;

import com.google.common.net.InetAddresses;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import org.dnsmesh.productkit.cache.BoundedCache;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed HMAC-SHA256 pseudonyms for identifiers (client IPs, account ids) with one domain's keys. IP addresses are
 * put into canonical text form first, so {@code 2001:DB8:0::1} and {@code 2001:db8::1} give the same pseudonym.
 * The value is the first 128 bits of the MAC in hex: enough to be collision-free for any DNS population while
 * staying a compact column. Recent results are kept per key (bounded): client populations are Zipf-skewed, so
 * most events repeat an identifier seen moments ago and skip the address parsing and the MAC. Thread-safe.
 */
public final class Pseudonymizer {

  private static final int VALUE_BYTES = 16;
  private static final int CACHE_LIMIT = 100_000;

  private final DomainKeyRing ring;
  private final Map<String, ThreadLocal<Mac>> macs = new ConcurrentHashMap<>();
  private final Map<String, BoundedCache<String, Pseudonym>> recent = new ConcurrentHashMap<>();

  public Pseudonymizer(DomainKeyRing ring) {
    this.ring = Objects.requireNonNull(ring, "ring");
  }

  public DomainKeyRing ring() {
    return ring;
  }

  /** Pseudonym of an identifier with the current key; {@code null} in, {@code null} out. */
  public Pseudonym pseudonymize(String identifier) {
    return pseudonymize(identifier, ring.currentKeyId());
  }

  /** Pseudonym with a named key (to match values written before a rotation). */
  public Pseudonym pseudonymize(String identifier, String keyId) {
    if (identifier == null) {
      return null;
    }
    BoundedCache<String, Pseudonym> cache = recent.get(keyId);
    Pseudonym cached = cache == null ? null : cache.get(identifier);
    if (cached != null) {
      return cached;
    }
    Pseudonym computed = compute(identifier, keyId); // throws for a key id the ring does not have
    recent.computeIfAbsent(keyId, id -> new BoundedCache<>(CACHE_LIMIT)).put(identifier, computed);
    return computed;
  }

  private Pseudonym compute(String identifier, String keyId) {
    Mac mac = macs.computeIfAbsent(keyId, id -> {
      PseudonymKey key = ring.key(id);
      return ThreadLocal.withInitial(() -> newMac(key));
    }).get();
    byte[] digest = mac.doFinal(canonical(identifier).getBytes(StandardCharsets.UTF_8));
    return new Pseudonym(keyId, HexFormat.of().formatHex(digest, 0, VALUE_BYTES));
  }

  private static String canonical(String identifier) {
    String trimmed = identifier.strip();
    if (InetAddresses.isInetAddress(trimmed)) {
      return InetAddresses.toAddrString(InetAddresses.forString(trimmed));
    }
    return trimmed.toLowerCase(Locale.ROOT);
  }

  private static Mac newMac(PseudonymKey key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }
}
