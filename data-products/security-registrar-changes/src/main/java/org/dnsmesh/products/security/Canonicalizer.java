package org.dnsmesh.products.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dnsmesh.contracts.CustomPropertyKeys;
import org.dnsmesh.contracts.model.CustomProperties;
import org.dnsmesh.contracts.model.SchemaProperty;
import org.dnsmesh.productkit.pseudonymize.Pseudonym;
import org.dnsmesh.productkit.pseudonymize.Pseudonymizer;
import org.dnsmesh.productkit.validate.FieldValues;
import org.dnsmesh.productkit.validate.RecordValidator;
import org.dnsmesh.productkit.validate.ValidationResult;
import org.dnsmesh.products.support.ProductContract;

/**
 * Raw record -> canonical {@link ChangeEvent}, or {@link RejectedRecordException} with the dead-letter reason. The
 * contract decides everything personal: each {@code pseudonymous} column with {@code pseudonymisation: hmac-sha256}
 * becomes the keyed HMAC of its {@code pseudonymisationSource}, and the clear source value is dropped before the
 * record exists anywhere but in this method; then the contract's validator checks the row. The event id is a hash
 * of source system, source event id (or the raw text when the source has none) and timestamp, so a replay of the
 * raw topic gives the same ids. Stateless and thread-safe.
 */
public final class Canonicalizer {

  private record Pseudonymised(String column, String source) {}

  private final Pseudonymizer pseudonymizer;
  private final RecordValidator validator;
  private final List<Pseudonymised> pseudonymised;

  public Canonicalizer(ProductContract contract, Pseudonymizer pseudonymizer) {
    this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    this.validator = contract.validator();
    List<Pseudonymised> columns = new ArrayList<>();
    for (SchemaProperty p : contract.object().properties()) {
      if ("pseudonymous".equals(p.classification())) {
        String method = CustomProperties.string(p.customProperties(), CustomPropertyKeys.PSEUDONYMISATION).orElse("");
        if (!method.equals("hmac-sha256")) {
          throw new IllegalArgumentException("column '" + p.name() + "' is pseudonymous with '" + method
              + "': only hmac-sha256 is applied at ingest");
        }
        columns.add(new Pseudonymised(p.name(), CustomProperties.string(p.customProperties(),
            CustomPropertyKeys.PSEUDONYMISATION_SOURCE).orElseThrow()));
      }
    }
    this.pseudonymised = List.copyOf(columns);
  }

  /** @param source the {@value SourceSystem#HEADER} header's value */
  public ChangeEvent canonical(String source, byte[] raw) {
    SourceSystem system = SourceSystem.fromWireName(source == null ? "" : source)
        .orElseThrow(() -> new RejectedRecordException("unknown source system '"
            + RegistrarWebhookParser.abbreviate(String.valueOf(source)) + "'"));
    String text = utf8(raw);
    Map<String, Object> row = system.parser().parse(text);
    Object sourceEventId = row.remove(SourceParser.SOURCE_EVENT_ID);
    String key = system.wireName() + "|" + (sourceEventId == null ? "text:" + text : "id:" + sourceEventId) + "|"
        + row.get("event_ts");
    row.put("event_id", eventId(key));
    row.put("schema_version", ChangeEvent.SCHEMA_VERSION);
    String keyId = pseudonymizer.ring().currentKeyId();
    for (Pseudonymised column : pseudonymised) {
      Object clear = row.remove(column.source());
      Pseudonym pseudonym = clear == null || clear.toString().isBlank() ? null
          : pseudonymizer.pseudonymize(clear.toString(), keyId);
      row.put(column.column(), pseudonym == null ? null : pseudonym.value());
    }
    row.put("pseudonym_key_id", keyId);
    ValidationResult result = validator.validate(FieldValues.of(row));
    if (!result.isValid()) {
      throw new RejectedRecordException("contract: " + result.reason());
    }
    return ChangeEvent.fromRow(row);
  }

  private static String utf8(byte[] raw) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
    } catch (CharacterCodingException e) {
      throw new RejectedRecordException("not UTF-8");
    }
  }

  static String eventId(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
