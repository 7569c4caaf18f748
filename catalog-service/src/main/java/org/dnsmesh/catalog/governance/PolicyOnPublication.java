package org.dnsmesh.catalog.governance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.dnsmesh.catalog.registry.ProductService;
import org.jboss.logging.Logger;

/**
 * A product published through the direct path (its first contract version) is queryable at once: Trino's access
 * rules are recompiled with its tables' classifications right after the publication, as an approved change does,
 * instead of at the next {@code mesh up} (Trino re-reads the rules file every refresh period, no restart).
 */
@ApplicationScoped
public class PolicyOnPublication {
  private static final Logger LOG = Logger.getLogger(PolicyOnPublication.class);

  private final AccessRulesWriter rules;
  private final GovernanceContext context;

  public PolicyOnPublication(AccessRulesWriter rules, GovernanceContext context) {
    this.rules = rules;
    this.context = context;
  }

  void onPublication(@Observes ProductService.DirectPublication publication) {
    AccessRulesWriter.Result result = rules.regenerate(context.policy());
    LOG.infof("%s.%s %s published: %s", publication.domain(), publication.product(), publication.version(),
        result.detail());
  }
}
