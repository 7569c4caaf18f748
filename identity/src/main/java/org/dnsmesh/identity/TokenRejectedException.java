package org.dnsmesh.identity;

/**
 * A bearer token that is not accepted, with the reason a client can act on. The message never contains the
 * token or any key material: only which check failed.
 */
public final class TokenRejectedException extends RuntimeException {
  /** Why a token is refused; {@link #describe()} is the sentence an error body starts with. */
  public enum Reason {
    MISSING_TOKEN("missing token"),
    MALFORMED("malformed token"),
    BAD_SIGNATURE("bad signature"),
    EXPIRED("expired token"),
    NO_EXPIRY("token without exp"),
    LIFETIME_TOO_LONG("token lifetime too long"),
    UNKNOWN_ISSUER("unknown issuer"),
    WRONG_AUDIENCE("wrong audience"),
    UNKNOWN_PRINCIPAL("unknown principal"),
    ISSUER_UNAVAILABLE("issuer unavailable");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    public String describe() {
      return text;
    }
  }

  private final Reason reason;

  public TokenRejectedException(Reason reason, String detail) {
    super(reason.describe() + ": " + detail);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
