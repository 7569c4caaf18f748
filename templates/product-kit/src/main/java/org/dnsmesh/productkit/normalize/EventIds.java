package org.dnsmesh.productkit.normalize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Event identity. The <em>transaction key</em> is a SHA-256 over what makes a DNS transaction itself (Zeek uid,
 * endpoints, protocol, transaction id, normalised name, qtype, rcode, answers) but not its timing, which a doubled
 * capture perturbs by microseconds (timestamp and RTT). The <em>event id</em> adds the timestamp in microseconds,
 * so retransmissions seconds apart stay distinct events while {@link CaptureDuplicateFilter} drops the
 * near-simultaneous copies. Both are 128-bit hex strings, stable across runs and machines.
 */
public final class EventIds {

  private static final char SEPARATOR = '\u001f';
  /** One digest per thread: {@code MessageDigest.getInstance} per event was a measurable share of ingest. */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(EventIds::newDigest);

  private EventIds() {}

  public static String transactionKey(String uid, String clientIp, Integer clientPort, String serverIp,
      Integer serverPort, String protocol, Integer transactionId, String queryName, String qtype, String rcode,
      List<String> answers) {
    StringBuilder s = new StringBuilder(160);
    append(s, uid);
    append(s, clientIp);
    append(s, clientPort);
    append(s, serverIp);
    append(s, serverPort);
    append(s, protocol);
    append(s, transactionId);
    append(s, queryName);
    append(s, qtype);
    append(s, rcode);
    for (String answer : answers) {
      append(s, answer);
    }
    return hash(s.toString());
  }

  public static String eventId(String transactionKey, Instant timestamp) {
    long micros = Math.addExact(Math.multiplyExact(timestamp.getEpochSecond(), 1_000_000L), timestamp.getNano() / 1_000);
    return hash(transactionKey + SEPARATOR + micros);
  }

  private static void append(StringBuilder s, Object value) {
    s.append(value == null ? "\u0000" : value.toString()).append(SEPARATOR);
  }

  private static String hash(String text) {
    byte[] digest = SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 16);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
