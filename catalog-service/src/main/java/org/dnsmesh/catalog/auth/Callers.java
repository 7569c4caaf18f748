package org.dnsmesh.catalog.auth;

import org.dnsmesh.governance.policy.Role;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads the {@link Caller} out of a verified token. */
public final class Callers {
  public static final String DOMAINS_CLAIM = "domains";

  private Callers() {}

  public static Caller from(JsonWebToken token) {
    if (token == null || token.getSubject() == null) {
      throw new org.apache.iceberg.exceptions.NotAuthorizedException("Not authenticated: a bearer token is required");
    }
    Set<Role> roles = new HashSet<>();
    for (String group : token.getGroups() == null ? Set.<String>of() : token.getGroups()) {
      Role.find(group).ifPresent(roles::add);
    }
    return new Caller(token.getSubject(), roles, strings(token.getClaim(DOMAINS_CLAIM)));
  }

  private static Set<String> strings(Object claim) {
    Set<String> values = new HashSet<>();
    if (claim instanceof JsonArray array) {
      for (JsonValue value : array) {
        if (value instanceof JsonString string) {
          values.add(string.getString());
        }
      }
    } else if (claim instanceof Collection<?> collection) {
      collection.forEach(value -> values.add(String.valueOf(value)));
    } else if (claim instanceof JsonString string) {
      values.add(string.getString());
    } else if (claim instanceof String string) {
      values.add(string);
    }
    return values;
  }
}
