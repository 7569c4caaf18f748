package org.dnsmesh.catalog.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.junit.jupiter.api.Test;

/**
 * Writer schemas that share a CRC-64 (Avro's canonical form drops logical types) but decode differently: the
 * registry refuses the second for the same product, on every publication path (the direct first publication and
 * an approved change both call {@link SchemaFingerprints#refuseCollision}), and tells them apart by identity.
 */
class SchemaCollisionTest {
  private static final String SCALE_2 = """
      {"type":"record","name":"Fee","namespace":"org.dnsmesh.eu","fields":[
        {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}}]}""";
  private static final String SCALE_3 = SCALE_2.replace("\"scale\":2", "\"scale\":3");

  private static ContractVersion published(String version, String avro) {
    return new ContractVersion("eu", "fees", version, "apiVersion: v3.1.0\n", avro,
        SchemaFingerprints.of(SchemaFingerprints.parse(avro)), "publisher-eu", Instant.EPOCH);
  }

  @Test
  void aSchemaWhoseCrc64CollidesWithAnotherOfTheSameProductIsRefusedWithTheReason() throws Exception {
    Schema two = new Schema.Parser().parse(SCALE_2);
    Schema three = new Schema.Parser().parse(SCALE_3);
    // precondition, computed by Avro: the two share the CRC-64 single-object messages carry
    assertThat(SchemaNormalization.parsingFingerprint64(two)).isEqualTo(SchemaNormalization.parsingFingerprint64(three));
    // expected hex: Avro's own fingerprint bytes (the specification's little-endian order)
    String crc = HexFormat.of().formatHex(SchemaNormalization.parsingFingerprint("CRC-64-AVRO", two));
    assertThat(SchemaFingerprints.of(two)).isEqualTo(crc);

    List<ContractVersion> versions = List.of(published("1.0.0", SCALE_2));
    assertThatThrownBy(() -> SchemaFingerprints.refuseCollision("eu", "fees", "1.1.0", three, versions))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining("CRC-64-AVRO fingerprint " + crc)
        .hasMessageContaining("the same as version 1.0.0")
        .hasMessageContaining("Single-object encoded messages carry only the CRC-64");
    // the same schema under a new version is fine
    assertThatCode(() -> SchemaFingerprints.refuseCollision("eu", "fees", "1.1.0", two, versions))
        .doesNotThrowAnyException();
  }

  @Test
  void theIdentityTellsTheTwoApart() throws Exception {
    Schema three = new Schema.Parser().parse(SCALE_3);
    // independent: SHA-256 of the canonical form with the logical type, precision and scale kept
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest((
        "{\"name\":\"org.dnsmesh.eu.Fee\",\"type\":\"record\",\"fields\":[{\"name\":\"amount\","
            + "\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":10,\"scale\":3}}]}")
        .getBytes(StandardCharsets.UTF_8)));
    assertThat(SchemaFingerprints.identity(three)).isEqualTo(expected)
        .isNotEqualTo(SchemaFingerprints.identity(new Schema.Parser().parse(SCALE_2)));
  }
}
