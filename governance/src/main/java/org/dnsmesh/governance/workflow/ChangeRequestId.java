package org.dnsmesh.governance.workflow;

import java.util.Objects;
import java.util.UUID;

public record ChangeRequestId(UUID value) {
  public ChangeRequestId {
    Objects.requireNonNull(value, "change request id");
  }

  public static ChangeRequestId random() {
    return new ChangeRequestId(UUID.randomUUID());
  }

  public static ChangeRequestId parse(String text) {
    return new ChangeRequestId(UUID.fromString(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
