package org.dnsmesh.catalog.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses requests over the size limits before any of their body is read: a request line longer than
 * {@code mesh.limits.max-uri-length} (414) and a declared body over {@code mesh.limits.max-body-bytes}
 * (413), each with the service's error body naming the limit. Runs ahead of Quarkus's own body-size check
 * (route order -2), which answers without a body; chunked bodies without a length are cut by that check
 * at the same limit ({@code quarkus.http.limits.max-body-size}).
 */
@ApplicationScoped
public class RequestLimits {
  private final RequestLimitsConfig limits;

  public RequestLimits(RequestLimitsConfig limits) {
    this.limits = limits;
  }

  void install(@Observes Router router) {
    router.route().order(-10).handler(this::check);
  }

  private void check(RoutingContext context) {
    HttpServerRequest request = context.request();
    String uri = request.uri();
    if (uri != null && uri.length() > limits.maxUriLength()) {
      refuse(context, 414, "UriTooLongException", String.format(
          "Request URI is %d characters long: at most %d are allowed (mesh.limits.max-uri-length)",
          uri.length(), limits.maxUriLength()));
      return;
    }
    if (uri != null && uri.toLowerCase(java.util.Locale.ROOT).contains("%00")) {
      // PostgreSQL cannot store or compare NUL: refused before any path or query parameter reaches it
      refuse(context, 400, "BadRequestException", "Request URI contains an encoded NUL character (%00) in "
          + (uri.indexOf('?') >= 0 && uri.toLowerCase(java.util.Locale.ROOT).indexOf("%00") > uri.indexOf('?')
              ? "the query string" : "the path") + ": not allowed");
      return;
    }
    String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        refuse(context, 400, "BadRequestException", "Header Content-Length is not a number");
        return;
      }
      if (length > limits.maxBodyBytes()) {
        refuse(context, 413, "RequestTooLargeException", String.format(
            "Request body of %d bytes to %s is too large: at most %d bytes are allowed (mesh.limits.max-body-bytes)",
            length, request.path(), limits.maxBodyBytes()));
        return;
      }
    }
    context.next();
  }

  private static void refuse(RoutingContext context, int status, String type, String message) {
    context.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        // the unread body would otherwise have to be drained on this connection
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(ErrorBodies.json(status, type, message));
  }
}
