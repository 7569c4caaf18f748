package org.dnsmesh.catalog.http;

import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.dnsmesh.catalog.CatalogConfig;
import org.dnsmesh.catalog.auth.PolicyTokenParser;

/**
 * The first handler of every HTTP request, before any route (API, UI, {@code /q/*}): a {@code Host} header
 * outside {@code mesh.http.allowed-hosts} gets 421 (a browser page on another origin that rebinds its DNS
 * name to 127.0.0.1 still sends its own name), and {@code /q/metrics} needs a valid token of a principal of
 * the policy (metrics name domains, products and principals).
 */
@ApplicationScoped
public class HttpGuard {
  private final Set<String> allowedHosts;
  private final PolicyTokenParser tokens;

  public HttpGuard(CatalogConfig config, PolicyTokenParser tokens) {
    this.allowedHosts = config.http().allowedHosts().stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
        .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
    this.tokens = tokens;
  }

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).handler(this::handle);
  }

  private void handle(RoutingContext context) {
    // authority(): the Host header of HTTP/1.1 and the :authority of HTTP/2 (h2c upgrades have no Host)
    io.vertx.core.net.HostAndPort authority = context.request().authority();
    String host = authority == null ? null : hostName(authority.host());
    if (host == null || !allowedHosts.contains(host)) {
      refuse(context, 421, "MisdirectedRequestException", "Host header not served here: this service answers only "
          + "to the names in mesh.http.allowed-hosts (" + allowedHosts.stream().sorted().collect(Collectors.joining(", "))
          + ")");
      return;
    }
    String path = context.normalizedPath();
    if (path.equals("/q/metrics") || path.startsWith("/q/metrics/")) {
      String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
      if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        refuse(context, 401, "NotAuthorizedException",
            "Not authenticated: missing token: metrics need Authorization: Bearer <JWT>");
        return;
      }
      try {
        tokens.parse(authorization.substring(7).trim());
      } catch (ParseException e) {
        refuse(context, 401, "NotAuthorizedException", "Not authenticated: " + e.getMessage());
        return;
      }
    }
    context.next();
  }

  /** The host part of a Host header ({@code name}, {@code name:port}, {@code [v6]:port}), lower case. */
  static String hostName(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim().toLowerCase(Locale.ROOT);
    if (value.startsWith("[")) {
      int end = value.indexOf(']');
      return end < 0 ? null : value.substring(0, end + 1);
    }
    int colon = value.indexOf(':');
    if (colon >= 0 && value.indexOf(':', colon + 1) >= 0) {
      return value; // bare IPv6 without brackets
    }
    return colon < 0 ? value : value.substring(0, colon);
  }

  private static void refuse(RoutingContext context, int status, String type, String message) {
    String body = "{\"error\":{\"message\":" + json(message) + ",\"type\":\"" + type + "\",\"code\":" + status + "}}";
    var response = context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    if (status == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    response.end(body);
  }

  private static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
