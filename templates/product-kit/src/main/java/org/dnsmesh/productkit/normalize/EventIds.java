package org.dnsmesh.productkit.normalize;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
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
  /**
   * One digest, text buffer and byte buffer per thread: {@code MessageDigest.getInstance} per event was a
   * measurable share of ingest, and so were the strings and byte arrays built only to be hashed.
   */
  private static final ThreadLocal<Hasher> HASHERS = ThreadLocal.withInitial(Hasher::new);

  private EventIds() {}

  public static String transactionKey(String uid, String clientIp, Integer clientPort, String serverIp,
      Integer serverPort, String protocol, Integer transactionId, String queryName, String qtype, String rcode,
      List<String> answers) {
    Hasher hasher = HASHERS.get();
    StringBuilder s = hasher.text();
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
    return hasher.hash(s);
  }

  public static String eventId(String transactionKey, Instant timestamp) {
    long micros = Math.addExact(Math.multiplyExact(timestamp.getEpochSecond(), 1_000_000L), timestamp.getNano() / 1_000);
    Hasher hasher = HASHERS.get();
    return hasher.hash(hasher.text().append(transactionKey).append(SEPARATOR).append(micros));
  }

  private static void append(StringBuilder s, String value) {
    (value == null ? s.append('\u0000') : s.append(value)).append(SEPARATOR);
  }

  private static void append(StringBuilder s, Integer value) {
    (value == null ? s.append('\u0000') : s.append(value.intValue())).append(SEPARATOR);
  }

  /** SHA-256 over the UTF-8 bytes of a text, the first 128 bits in hex. Not thread-safe: one per thread. */
  private static final class Hasher {
    private final MessageDigest sha256 = newDigest();
    private final StringBuilder text = new StringBuilder(256);
    private final byte[] digest = new byte[32];
    private byte[] bytes = new byte[256];

    /** The (emptied) text buffer to build the next input in. */
    StringBuilder text() {
      text.setLength(0);
      return text;
    }

    String hash(StringBuilder input) {
      int length = input.length();
      if (bytes.length < length) {
        bytes = new byte[Math.max(length, bytes.length * 2)];
      }
      boolean ascii = true;
      for (int i = 0; i < length; i++) {
        char c = input.charAt(i);
        if (c >= 0x80) {
          ascii = false;
          break;
        }
        bytes[i] = (byte) c; // ASCII: the UTF-8 byte is the char
      }
      if (ascii) {
        sha256.update(bytes, 0, length);
      } else {
        sha256.update(input.toString().getBytes(StandardCharsets.UTF_8));
      }
      try {
        sha256.digest(digest, 0, digest.length);
      } catch (DigestException e) {
        throw new IllegalStateException("SHA-256 digest buffer too small", e);
      }
      return HexFormat.of().formatHex(digest, 0, 16);
    }
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
