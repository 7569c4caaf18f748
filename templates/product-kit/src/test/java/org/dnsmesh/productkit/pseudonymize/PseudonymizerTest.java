package org.dnsmesh.productkit.pseudonymize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {

  static PseudonymKey key(String id) {
    return new PseudonymKey(id, ("secret-for-" + id + "-0123456789").getBytes(StandardCharsets.UTF_8));
  }

  static DomainKeyRing ring() {
    return new DomainKeyRing("na", "k1", Map.of("k1", key("k1")));
  }

  @Test
  void hmacIsKeyedStableAndCanonicalForAddresses() {
    Pseudonymizer p = new Pseudonymizer(ring());
    Pseudonym a = p.pseudonymize("2001:DB8:0::1");
    assertThat(a.keyId()).isEqualTo("k1");
    assertThat(a.value()).hasSize(32).matches("[0-9a-f]+");
    assertThat(p.pseudonymize("2001:db8::1")).isEqualTo(a);
    assertThat(p.pseudonymize("2001:db8::2")).isNotEqualTo(a);
    Pseudonymizer otherDomain = new Pseudonymizer(new DomainKeyRing("eu", "k1", Map.of("k1", key("other"))));
    assertThat(otherDomain.pseudonymize("2001:db8::1").value()).isNotEqualTo(a.value());
    assertThat(p.pseudonymize(null)).isNull();
  }

  @Test
  void rotationKeepsOldKeysAddressable() {
    DomainKeyRing rotated = ring().rotateTo(key("k2"));
    Pseudonymizer p = new Pseudonymizer(rotated);
    Pseudonym now = p.pseudonymize("10.0.0.1");
    assertThat(now.keyId()).isEqualTo("k2");
    assertThat(p.pseudonymize("10.0.0.1", "k1")).isEqualTo(new Pseudonymizer(ring()).pseudonymize("10.0.0.1"));
    assertThatThrownBy(() -> p.pseudonymize("x", "k9")).hasMessageContaining("no pseudonym key 'k9'");
  }

  @Test
  void ringFromConfiguration() {
    Properties config = new Properties();
    config.setProperty("pseudonym.na.current", "2026-01");
    config.setProperty("pseudonym.na.key.2026-01", Base64.getEncoder().encodeToString(new byte[32]));
    DomainKeyRing ring = DomainKeyRing.fromProperties("na", config);
    assertThat(ring.current().keyId()).isEqualTo("2026-01");
    assertThat(ring.current().toString()).doesNotContain("AAAA");
    assertThatThrownBy(() -> DomainKeyRing.fromProperties("eu", config)).hasMessageContaining("pseudonym.eu.current");
    assertThatThrownBy(() -> new PseudonymKey("short", new byte[4])).hasMessageContaining("at least 16");
  }

  @Test
  void truncatesToNetworkPrefixes() {
    assertThat(IpTruncation.truncate("10.47.1.100")).isEqualTo("10.47.1.0/24");
    assertThat(IpTruncation.truncate("2001:db8:abcd:12:1::5")).isEqualTo("2001:db8:abcd::/48");
    assertThatThrownBy(() -> IpTruncation.truncate("nope")).hasMessageContaining("'nope'");
  }

  @Test
  void policyRemovesRawIdentifiersUnlessClear() {
    PrivacyPolicy policy = new PrivacyPolicy(List.of(
        new ColumnTreatment("client_ip", "client_id", Treatment.HMAC),
        new ColumnTreatment("client_ip", "client_subnet", Treatment.TRUNCATE),
        ColumnTreatment.inPlace("server_ip", Treatment.CLEAR),
        ColumnTreatment.inPlace("account_id", Treatment.HMAC)), new Pseudonymizer(ring()));
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("client_ip", "10.47.1.100");
    row.put("server_ip", "10.0.0.53");
    row.put("account_id", "ACME-42");
    row.put("query_name", "example.com");

    Map<String, Object> out = policy.apply(row);

    assertThat(out).doesNotContainKey("client_ip").doesNotContainValue("10.47.1.100").doesNotContainValue("ACME-42");
    assertThat(out).containsEntry("client_subnet", "10.47.1.0/24").containsEntry("server_ip", "10.0.0.53")
        .containsEntry("client_id_key_id", "k1").containsEntry("account_id_key_id", "k1")
        .containsEntry("query_name", "example.com");
    assertThat((String) out.get("client_id")).hasSize(32);
  }
}
