package org.dnsmesh.governance.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a column is masked for a principal who may not see it in clear. */
public enum MaskFunction {
  /** No masking: the value is shown as stored. */
  NONE,
  /** The value becomes NULL. */
  NULLIFY,
  /** Hex HMAC-SHA256 of the value under the masking key: joinable, not reversible. Non-text columns become NULL. */
  HMAC_TOKEN,
  /** An IPv4 address keeps its /24 prefix ({@code 192.0.2.17 -> 192.0.2.0}); anything else becomes NULL. */
  IPV4_PREFIX_24;

  @JsonValue
  public String id() {
    return PolicyIds.idOf(this);
  }

  @JsonCreator
  public static MaskFunction fromId(String id) {
    return PolicyIds.parse(MaskFunction.class, id, "mask function");
  }
}
