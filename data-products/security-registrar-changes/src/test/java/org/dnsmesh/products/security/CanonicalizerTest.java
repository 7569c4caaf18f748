package org.dnsmesh.products.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dnsmesh.productkit.pseudonymize.Pseudonymizer;
import org.junit.jupiter.api.Test;

/** Both collectors' shapes to canonical events; pseudonyms checked against HMAC-SHA-256 computed here with the JDK. */
class CanonicalizerTest {
  private final Canonicalizer canonicalizer = new Canonicalizer(RegistrarChanges.contract(),
      new Pseudonymizer(SecurityScenario.KEYS));

  static String hmac(String value) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("security-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 0, 16);
  }

  private ChangeEvent canonical(SourceSystem system, String text) {
    return canonicalizer.canonical(system.wireName(), text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void registrarWebhookBecomesACanonicalEventWithPseudonymsOnly() throws Exception {
    ChangeEvent e = canonical(SourceSystem.REGISTRAR_WEBHOOK, """
        {"id":"evt-81","occurred_at":"2026-11-02T10:00:00Z","type":"nameservers.updated","tenant":"acme",
         "domain":"Example.COM.","account":"acct-7","actor":{"email":"Bob@Acme.example","ip":"2001:DB8:0::1",
         "user_agent":"Mozilla/5.0"},"change":{"old":["NS2.dnsprov.example.","ns1.dnsprov.example"],
         "new":["ns9.evil.example"]},"change_request":{"id":"CR-1","approver":"lead@acme.example"},
         "contact":{"email":"owner@acme.example"}}""");
    assertThat(e.eventType()).isEqualTo("record-change");
    assertThat(e.recordType()).isEqualTo("NS");
    assertThat(e.domain()).isEqualTo("example.com");
    assertThat(e.oldValue()).isEqualTo("ns1.dnsprov.example ns2.dnsprov.example");
    assertThat(e.newValue()).isEqualTo("ns9.evil.example");
    assertThat(e.eventTs()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
    assertThat(e.actorId()).isEqualTo(hmac("bob@acme.example"));
    assertThat(e.actorIpId()).isEqualTo(hmac("2001:db8::1"));
    assertThat(e.contactEmailId()).isEqualTo(hmac("owner@acme.example"));
    assertThat(e.approverId()).isEqualTo(hmac("lead@acme.example"));
    assertThat(e.pseudonymKeyId()).isEqualTo("t1");
    assertThat(e.confidence()).isEqualTo(1.0);
    assertThat(e.toRow().values().toString()).doesNotContain("acme.example", "2001:");
    assertThat(e.eventId()).matches("[0-9a-f]{32}")
        .isEqualTo(Canonicalizer.eventId("registrar-webhook|id:evt-81|2026-11-02T10:00:00Z"));
  }

  @Test
  void zoneChangeLogLineBecomesARecordChangeWithItsTtlDelta() throws Exception {
    ChangeEvent e = canonical(SourceSystem.ZONE_CHANGE_LOG, "ts=2026-11-02T10:00:00Z id=chg-9 tenant=acme "
        + "zone=example.com. op=REPLACE name=WWW.example.com. type=TXT ttl=300->60 old=\"v=spf1 -all\" "
        + "new=\"v=spf1 include:x -all\" user=ops@acme.example ip=198.51.100.7");
    assertThat(e.sourceSystem()).isEqualTo("zone-change-log");
    assertThat(e.recordName()).isEqualTo("www.example.com");
    assertThat(e.oldValue()).isEqualTo("v=spf1 -all");
    assertThat(e.newValue()).isEqualTo("v=spf1 include:x -all");
    assertThat(e.ttlDelta()).isEqualTo(-240);
    assertThat(e.actorId()).isEqualTo(hmac("ops@acme.example"));
    assertThat(e.actorIpId()).isEqualTo(hmac("198.51.100.7"));
  }

  @Test
  void invalidRecordsAreRejectedWithAReason() {
    assertThatThrownBy(() -> canonical(SourceSystem.REGISTRAR_WEBHOOK, "[1,2]"))
        .isInstanceOf(RejectedRecordException.class).hasMessage("not a JSON object");
    assertThatThrownBy(() -> canonical(SourceSystem.REGISTRAR_WEBHOOK, """
        {"id":"1","type":"domain.locked","occurred_at":"2026-11-02T10:00:00Z","tenant":"t","domain":"x.example"}"""))
        .hasMessageContaining("actor_id");
    assertThatThrownBy(() -> canonical(SourceSystem.REGISTRAR_WEBHOOK, """
        {"id":"1","type":"domain.locked","occurred_at":"2026-11-02T10:00:00Z","tenant":"t","domain":"not a domain",
         "actor":{"email":"a@b.c"}}""")).hasMessageContaining("domain");
    assertThatThrownBy(() -> canonical(SourceSystem.REGISTRAR_WEBHOOK, """
        {"id":"1","type":"domain.locked","occurred_at":"2026-11-02T10:00:00Z","tenant":"t","domain":"x.example",
         "actor":{"email":"a@b.c"},"confidence":7}""")).hasMessageContaining("confidence");
    assertThatThrownBy(() -> canonical(SourceSystem.ZONE_CHANGE_LOG, "ts=2026-11-02T10:00:00Z zone=x.example type=A "
        + "type=AAAA user=u")).hasMessageContaining("appears twice");
    assertThatThrownBy(() -> canonical(SourceSystem.ZONE_CHANGE_LOG, "ts=2026-11-02T10:00:00Z zone=x.example "
        + "type=SOA user=u")).hasMessageContaining("record_type");
    assertThatThrownBy(() -> canonicalizer.canonical("smtp", new byte[] {1}))
        .hasMessageContaining("unknown source system");
  }
}
