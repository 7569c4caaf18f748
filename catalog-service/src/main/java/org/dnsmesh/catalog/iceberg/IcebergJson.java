package org.dnsmesh.catalog.iceberg;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.rest.RESTSerializers;

/**
 * JSON for the Iceberg REST protocol. Iceberg's own {@code RESTObjectMapper} is package-private, so this
 * builds the same mapper: field visibility, kebab-case names, unknown properties ignored, Iceberg's
 * serializers registered. It is kept apart from the mapper of the registry API (camelCase records).
 */
public final class IcebergJson {
  private static final ObjectMapper MAPPER = create();

  private IcebergJson() {}

  private static ObjectMapper create() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
    mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
    mapper.setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);
    mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    mapper.configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
    RESTSerializers.registerAll(mapper);
    return mapper;
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses a request body; a malformed body is the client's fault (400), naming the expected type. */
  public static <T> T read(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw new BadRequestException("Missing request body: expected a %s", type.getSimpleName());
    }
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw new BadRequestException("Empty request body: expected a %s", type.getSimpleName());
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new BadRequestException(e, "Malformed %s: %s", type.getSimpleName(), e.getOriginalMessage());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new BadRequestException(e, "Invalid %s: %s", type.getSimpleName(), e.getMessage());
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise " + value.getClass().getName(), e);
    }
  }
}
