package org.dnsmesh.catalog.auth;

import java.util.Objects;

/** Answer of the decision point, with the reason (shown to the caller on a 403). */
public record Decision(boolean allowed, String reason) {
  public Decision {
    Objects.requireNonNull(reason, "reason");
  }

  public static Decision allow(String reason) {
    return new Decision(true, reason);
  }

  public static Decision deny(String reason) {
    return new Decision(false, reason);
  }
}
