package org.dnsmesh.catalog.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Chooses the decision point. Only the embedded rule set exists until the governance module's decision
 * point lands; it will be selected here by one config key.
 */
@ApplicationScoped
public class AccessControlProducer {

  @Produces
  @ApplicationScoped
  Authorizer authorizer() {
    return new Authorizer(new EmbeddedRules());
  }
}
