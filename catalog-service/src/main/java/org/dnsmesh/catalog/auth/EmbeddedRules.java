package org.dnsmesh.catalog.auth;

/**
 * The in-code rule set used until the governance decision point lands: admin and service read and
 * write everything; publishers read everything and write only their own domains; analysts, stewards
 * and governance read; anything else is denied.
 */
public final class EmbeddedRules implements AccessDecisionPoint {

  @Override
  public Decision decide(AccessRequest request) {
    Caller caller = request.caller();
    if (caller.hasRole(Role.ADMIN) || caller.hasRole(Role.SERVICE)) {
      return Decision.allow("admin and service principals may do everything");
    }
    return switch (request.operation().kind()) {
      case READ -> readers(caller)
          ? Decision.allow("role may read")
          : Decision.deny(caller.subject() + " has no role that may read " + request.resource());
      case WRITE -> publisherOf(caller, request)
          ? Decision.allow("publisher of domain " + request.domain().orElseThrow())
          : Decision.deny(caller.subject() + " may not " + request.operation() + " on " + request.resource()
              + ": only admin, service or a publisher of the domain may write");
      case ADMINISTER -> Decision.deny(
          caller.subject() + " may not " + request.operation() + ": admin role required");
    };
  }

  private static boolean readers(Caller caller) {
    return caller.hasRole(Role.ANALYST)
        || caller.hasRole(Role.STEWARD)
        || caller.hasRole(Role.GOVERNANCE)
        || caller.hasRole(Role.PUBLISHER);
  }

  private static boolean publisherOf(Caller caller, AccessRequest request) {
    return caller.hasRole(Role.PUBLISHER)
        && request.domain().isPresent()
        && caller.domains().contains(request.domain().get());
  }
}
