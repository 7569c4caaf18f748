package org.dnsmesh.catalog.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.regex.Pattern;

/**
 * A JSON body the service could not read, described for its sender: which field (as a path like
 * {@code outputPorts[0].table}), where in the body, and what the parser expected, with Java package names
 * taken out of the parser's wording.
 */
final class JsonErrors {
  private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z_$][a-z0-9_$]*\\.)+([A-Z][A-Za-z0-9_$]*)");
  private static final Pattern SOURCE = Pattern.compile("\\s*at \\[Source:.*", Pattern.DOTALL);

  private JsonErrors() {}

  static String describe(JsonProcessingException error) {
    StringBuilder message = new StringBuilder("Malformed JSON request body");
    if (error instanceof JsonMappingException jsonMapping && !jsonMapping.getPath().isEmpty()) {
      message.append(" at field '").append(fieldPath(jsonMapping)).append('\'');
    }
    JsonLocation location = error.getLocation();
    if (location != null && location.getLineNr() > 0) {
      message.append(" (line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr()).append(')');
    }
    String original = error.getOriginalMessage() == null ? "" : error.getOriginalMessage();
    original = SOURCE.matcher(QUALIFIED.matcher(original).replaceAll("$1")).replaceAll("");
    if (!original.isBlank()) {
      message.append(": ").append(original.strip());
    }
    return message.toString();
  }

  private static String fieldPath(JsonMappingException error) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : error.getPath()) {
      if (reference.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
