package org.dnsmesh.catalog.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import org.apache.iceberg.exceptions.BadRequestException;

/**
 * JSON bodies read as text (lineage events, Iceberg requests) must not carry NUL, escaped or raw:
 * PostgreSQL's text and jsonb cannot hold it, so the store would fail with a 500 after the request was
 * accepted. Refused as the body is read, with a 400 saying where. Typed bodies get {@link NoNulStrings}.
 */
@Provider
public class NulFreeJsonBodies implements ReaderInterceptor {
  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException, WebApplicationException {
    Object entity = context.proceed();
    if (entity instanceof String body && isJson(context.getMediaType())) {
      int at = nulAt(body);
      if (at >= 0) {
        throw new BadRequestException("Request body contains a NUL character (\\u0000) at offset %d: not allowed", at);
      }
    }
    return entity;
  }

  private static boolean isJson(MediaType type) {
    return type == null || type.getSubtype().toLowerCase(java.util.Locale.ROOT).contains("json");
  }

  /** Offset of a raw NUL or of a JSON escape {@code \u0000} (an odd run of backslashes before it). */
  static int nulAt(String body) {
    int raw = body.indexOf('\0');
    if (raw >= 0) {
      return raw;
    }
    int from = 0;
    int at;
    while ((at = body.indexOf("u0000", from)) > 0) {
      int slashes = 0;
      for (int i = at - 1; i >= 0 && body.charAt(i) == '\\'; i--) {
        slashes++;
      }
      if (slashes % 2 == 1) {
        return at - 1;
      }
      from = at + 5;
    }
    return -1;
  }
}
