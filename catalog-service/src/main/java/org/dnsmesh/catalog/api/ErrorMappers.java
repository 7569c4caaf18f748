package org.dnsmesh.catalog.api;

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
}
