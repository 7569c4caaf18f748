package org.dnsmesh.products.security;

/** The detections of the topology; the letter is the issue's. Each names the case it belongs to. */
public enum Rule {
  /** (a) change rate of one domain and record/event type far above its own hourly history (median + k·MAD). */
  CHANGE_RATE_SPIKE(CaseScope.DOMAIN),
  /** (b) control-surface changes (contacts, locks, NS/DS, hosting, transfers) of one account above its own history. */
  CONTROL_SURFACE_CHURN(CaseScope.ACCOUNT),
  /** (c) many unlock / transfer / auth-code requests by one actor within a short window. */
  MASS_SENSITIVE_REQUESTS(CaseScope.ACCOUNT),
  /** (d) NS or DS change outside every approved change window of the domain. */
  DELEGATION_OUTSIDE_WINDOW(CaseScope.DOMAIN),
  /** (d) NS change to a nameserver outside the domain's known-good set. */
  NAMESERVER_NOT_KNOWN_GOOD(CaseScope.DOMAIN),
  /** (e) unlock followed by a transfer request (or contact change + unlock + transfer) within T. */
  UNLOCK_THEN_TRANSFER(CaseScope.DOMAIN),
  /** (f) a control-surface change by an actor within T of a new-geo / new-ASN login or an MFA reset. */
  IDENTITY_CORRELATED_CHANGE(CaseScope.DOMAIN);

  /** What a case bundles: one domain's or one registrar account's findings. */
  public enum CaseScope { DOMAIN, ACCOUNT }

  private final CaseScope scope;

  Rule(CaseScope scope) {
    this.scope = scope;
  }

  public CaseScope scope() {
    return scope;
  }
}
