package org.dnsmesh.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ValueMaskerTest {
  private final ValueMasker masker = new ValueMasker("key");

  @Test
  void hmacTokenIsUppercaseHexLikeTrinosToHex() {
    ColumnInfo email = new ColumnInfo("email", "varchar", Classification.PII, Set.of());
    // RFC 4231-style check value: HMAC-SHA256(key="key", "The quick brown fox jumps over the lazy dog")
    assertThat(masker.mask(MaskFunction.HMAC_TOKEN, email, "The quick brown fox jumps over the lazy dog"))
        .isEqualTo("F7BC83F430538424B13298E6AA6FB143EF4D59A14946175997479DBC2D1A3CD8");
    assertThat(masker.mask(MaskFunction.HMAC_TOKEN, new ColumnInfo("id", "bigint", Classification.PII, Set.of()), 42L)).isNull();
    assertThat(masker.mask(MaskFunction.HMAC_TOKEN, new ColumnInfo("e", "varchar(8)", Classification.PII, Set.of()), "x"))
        .asString().hasSize(8);
  }

  @Test
  void ipv4KeepsItsSlash24() {
    ColumnInfo ip = new ColumnInfo("client_ip", "varchar", Classification.PII, Set.of("client-ip"));
    assertThat(masker.mask(MaskFunction.IPV4_PREFIX_24, ip, "192.0.2.17")).isEqualTo("192.0.2.0");
    assertThat(masker.mask(MaskFunction.IPV4_PREFIX_24, ip, "2001:db8::1")).isNull();
    assertThat(masker.mask(MaskFunction.NULLIFY, ip, "192.0.2.17")).isNull();
    assertThat(masker.mask(MaskFunction.NONE, ip, "192.0.2.17")).isEqualTo("192.0.2.17");
  }
}
