package org.dnsmesh.governance.decision;

import java.util.Objects;

/** The answer to "may this principal do this": allow, deny, or deny because the decision point failed. */
public record Decision(Effect effect, String reason) {
  public Decision {
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(reason, "reason");
  }

  public static Decision allow(String reason) {
    return new Decision(Effect.ALLOW, reason);
  }

  public static Decision deny(String reason) {
    return new Decision(Effect.DENY, reason);
  }

  /** Fail closed: the decision point errored, timed out or answered nonsense. Never cached. */
  public static Decision failed(String reason) {
    return new Decision(Effect.FAILED_CLOSED, reason);
  }

  public boolean allowed() {
    return effect == Effect.ALLOW;
  }

  public enum Effect {
    ALLOW,
    DENY,
    FAILED_CLOSED
  }
}
