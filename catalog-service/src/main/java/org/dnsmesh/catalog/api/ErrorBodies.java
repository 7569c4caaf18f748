package org.dnsmesh.catalog.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import org.apache.iceberg.exceptions.UnprocessableEntityException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.rest.responses.ErrorResponse;
import org.apache.iceberg.rest.responses.ErrorResponseParser;
import org.dnsmesh.catalog.registry.ContractViolationException;
import org.dnsmesh.identity.TokenRejectedException;
import org.jboss.logging.Logger;

/**
 * The one place where exceptions become HTTP errors: every error of every API answers in the Iceberg
 * REST {@code ErrorResponse} shape ({@code {"error": {"message", "type", "code"}}}).
 */
public final class ErrorBodies {
  private static final Logger LOG = Logger.getLogger(ErrorBodies.class);

  private ErrorBodies() {}

  public static Response toResponse(Throwable error) {
    int status = status(error);
    if (status >= 500) {
      LOG.errorf(error, "Request failed with %d", status);
    }
    String type = typeName(error);
    String message = status == 401 ? whyNotAuthenticated(error) : message(error, status, type);
    Response.ResponseBuilder response = Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(json(status, type, message));
    if (status == 401) {
      response.header("WWW-Authenticate", "Bearer");
    }
    return response.build();
  }

  /** The error body as JSON, for answers given before a request reaches JAX-RS (size limits). */
  public static String json(int status, String type, String message) {
    return ErrorResponseParser.toJson(
        ErrorResponse.builder().responseCode(status).withType(type).withMessage(message).build());
  }

  /** Says what was wrong and where; never a blank message, never a Java class name from a JSON parser. */
  private static String message(Throwable error, int status, String type) {
    if (error instanceof JsonProcessingException json) {
      return JsonErrors.describe(json);
    }
    if (error instanceof WebApplicationException web && web.getCause() instanceof JsonProcessingException json) {
      return JsonErrors.describe(json);
    }
    if (error.getMessage() == null || error.getMessage().isBlank()) {
      return type + " (HTTP " + status + ")";
    }
    return error.getMessage();
  }

  static int status(Throwable error) {
    return switch (error) {
      case NotAuthorizedException e -> 401;
      case UnauthorizedException e -> 401;
      case AuthenticationFailedException e -> 401;
      case ForbiddenException e -> 403;
      case io.quarkus.security.ForbiddenException e -> 403;
      case NoSuchNamespaceException e -> 404;
      case NoSuchTableException e -> 404;
      case NoSuchViewException e -> 404;
      case NotFoundException e -> 404;
      case NamespaceNotEmptyException e -> 409;
      case AlreadyExistsException e -> 409;
      case CommitFailedException e -> 409;
      case ContractViolationException e -> 409;
      case UnprocessableEntityException e -> 422;
      case CommitStateUnknownException e -> 500;
      case ServiceUnavailableException e -> 503;
      case BadRequestException e -> 400;
      case ValidationException e -> 400;
      case JsonProcessingException e -> 400;
      case IllegalArgumentException e -> 400;
      case UnsupportedOperationException e -> 406;
      case WebApplicationException e -> e.getResponse().getStatus();
      default -> 500;
    };
  }

  /**
   * Why a request is not authenticated, in words a client can act on (missing token, expired, bad signature,
   * unknown issuer, unknown principal, ...), from the verifier's refusal; never the token itself.
   */
  static String whyNotAuthenticated(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof TokenRejectedException rejected) {
        return "Not authenticated: " + rejected.getMessage();
      }
    }
    if (error instanceof NotAuthorizedException && error.getMessage() != null) {
      return error.getMessage();
    }
    if (error instanceof UnauthorizedException) {
      return "Not authenticated: missing token: send Authorization: Bearer <JWT> (./mesh token <principal>, or a "
          + "token of the configured identity provider)";
    }
    return "Not authenticated: the bearer token was refused";
  }

  private static final Map<Class<?>, String> TYPE_NAMES = Map.of(
      UnauthorizedException.class, "NotAuthorizedException",
      AuthenticationFailedException.class, "NotAuthorizedException",
      io.quarkus.security.ForbiddenException.class, "ForbiddenException");

  private static String typeName(Throwable error) {
    return TYPE_NAMES.getOrDefault(error.getClass(), error.getClass().getSimpleName());
  }
}
