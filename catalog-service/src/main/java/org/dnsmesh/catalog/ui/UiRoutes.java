package org.dnsmesh.catalog.ui;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The web UI is static (plain HTML + JavaScript under {@code META-INF/resources/ui}, public like any
 * static asset); its API calls carry the user's token. {@code /} and {@code /ui} redirect to {@code /ui/}.
 */
@ApplicationScoped
public class UiRoutes {
  static final String UI = "/ui/";

  void routes(@Observes Router router) {
    router.routeWithRegex("^/(ui)?$").order(-1).handler(context -> context.redirect(UI));
  }
}
