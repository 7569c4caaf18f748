package org.dnsmesh.catalog.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Routes every exception to {@link ErrorBodies}. The security exceptions get their own mappers because
 * Quarkus maps those types itself unless a mapper for the exact type exists.
 */
public class ErrorMappers {

  @ServerExceptionMapper
  public Response any(Throwable error) {
    return ErrorBodies.toResponse(error);
  }

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException error) {
    return ErrorBodies.toResponse(error);
  }

  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException error) {
    return ErrorBodies.toResponse(error);
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException error) {
    return ErrorBodies.toResponse(error);
  }

  // Quarkus REST brings its own (empty-bodied) mappers for the JSON parser's exceptions: these take over.

  @ServerExceptionMapper
  public Response malformedJson(JsonProcessingException error) {
    return ErrorBodies.toResponse(error);
  }

  @ServerExceptionMapper
  public Response unreadableJson(JsonParseException error) {
    return ErrorBodies.toResponse(error);
  }

  @ServerExceptionMapper
  public Response mismatchedJson(MismatchedInputException error) {
    return ErrorBodies.toResponse(error);
  }

  @ServerExceptionMapper
  public Response invalidJson(InvalidFormatException error) {
    return ErrorBodies.toResponse(error);
  }
}
