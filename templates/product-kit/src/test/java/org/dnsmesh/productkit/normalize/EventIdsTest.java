package org.dnsmesh.productkit.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Event ids are stored in tables and deduplicated on across replays and releases, so they must never change: the
 * ids are compared with a plain restatement of their definition (SHA-256 over the fields joined by U+001F, null as
 * U+0000; the event id over the key, U+001F and the timestamp in microseconds), for ASCII and non-ASCII input.
 */
class EventIdsTest {

  @Test
  void idsAreTheSha256OfTheDocumentedText() throws Exception {
    SplittableRandom random = new SplittableRandom(6);
    String[] names = {"example.com", "www.bücher.de", "xn--bcher-kva.de", "пример.рф", "_ldap._tcp.dc.local", ""};
    for (int i = 0; i < 2_000; i++) {
      String uid = random.nextInt(10) == 0 ? null : "C" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
      String client = "10.0." + random.nextInt(256) + "." + random.nextInt(256);
      Integer port = random.nextInt(8) == 0 ? null : random.nextInt(65_536);
      String query = names[random.nextInt(names.length)];
      List<String> answers = new ArrayList<>();
      for (int a = random.nextInt(3); a > 0; a--) {
        answers.add(random.nextBoolean() ? "198.51.100." + random.nextInt(256) : "edge." + query);
      }
      Instant ts = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(86_400), random.nextInt(1_000_000_000));

      String key = EventIds.transactionKey(uid, client, port, "192.0.2.1", 53, "udp", 4242, query, "A", "NOERROR",
          answers);
      StringBuilder text = new StringBuilder();
      for (Object part : new Object[] {uid, client, port, "192.0.2.1", 53, "udp", 4242, query, "A", "NOERROR"}) {
        text.append(part == null ? "\u0000" : part.toString()).append('\u001f');
      }
      answers.forEach(answer -> text.append(answer).append('\u001f'));
      assertThat(key).isEqualTo(sha256Prefix(text.toString()));

      long micros = ts.getEpochSecond() * 1_000_000L + ts.getNano() / 1_000;
      assertThat(EventIds.eventId(key, ts)).isEqualTo(sha256Prefix(key + '\u001f' + micros));
    }
  }

  @Test
  void aKnownEventKeepsItsId() {
    String key = EventIds.transactionKey("CxT1", "10.0.0.1", 5353, "192.0.2.1", 53, "udp", 1, "example.com", "A",
        "NOERROR", List.of("93.184.216.34"));
    assertThat(EventIds.eventId(key, Instant.parse("2024-01-01T00:00:00.000001Z"))).hasSize(32).matches("[0-9a-f]+")
        .isEqualTo(sha256Prefix(key + "\u001f" + 1_704_067_200_000_001L));
  }

  private static String sha256Prefix(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
