package org.dnsmesh.governance.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Column classification from the data contract, most protected first. */
public enum Classification {
  PII,
  PSEUDONYMOUS,
  INTERNAL,
  PUBLIC;

  @JsonValue
  public String id() {
    return PolicyIds.idOf(this);
  }

  @JsonCreator
  public static Classification fromId(String id) {
    return PolicyIds.parse(Classification.class, id, "classification");
  }
}
