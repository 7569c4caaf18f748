package org.dnsmesh.productkit.pseudonymize;

/** What happens to an identifier column on its way out of the ingest process (from the contract's classification). */
public enum Treatment {
  /** Passes unchanged: only for columns the contract classifies as clear (public/internal). */
  CLEAR,
  /** Keyed HMAC pseudonym; a {@code <target>_key_id} column carries the key id. */
  HMAC,
  /** Network prefix (/24 IPv4, /48 IPv6). */
  TRUNCATE,
  /** Removed. */
  DROP
}
