package org.dnsmesh.catalog.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * JSON strings of the catalog API never carry NUL: PostgreSQL text cannot store it, and a query with it
 * fails inside the driver. Refused while the body is read, so the answer is a 400 naming the field.
 */
@Singleton
public class NoNulStrings implements ObjectMapperCustomizer {
  @Override
  public void customize(ObjectMapper mapper) {
    mapper.registerModule(new SimpleModule("no-nul-strings").addDeserializer(String.class, new Deserializer()));
  }

  private static final class Deserializer extends StringDeserializer {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String value = super.deserialize(parser, context);
      if (value != null && value.indexOf('\0') >= 0) {
        return (String) context.handleWeirdStringValue(String.class, value, "contains a NUL character (not allowed)");
      }
      return value;
    }
  }
}
