package org.dnsmesh.governance.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@link AccessPolicy} and table classification files (YAML or JSON) and checks them; every error
 * names the file and the path inside the document.
 */
public final class PolicyLoader {
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .addModule(new Jdk8Module())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .build();

  private PolicyLoader() {}

  public static AccessPolicy load(Path file) {
    AccessPolicy policy = read(readFile(file), file.toString(), AccessPolicy.class);
    PolicyValidator.validate(policy, file.toString());
    return policy;
  }

  public static AccessPolicy parse(String yaml, String source) {
    AccessPolicy policy = read(yaml, source, AccessPolicy.class);
    PolicyValidator.validate(policy, source);
    return policy;
  }

  /** Reads {@code tables: [{table: d.p.t, columns: [{name, type, classification, tags}]}]}. */
  public static StaticTableClassifications loadTables(Path file) {
    return parseTables(readFile(file), file.toString());
  }

  public static StaticTableClassifications parseTables(String yaml, String source) {
    TablesDocument document = read(yaml, source, TablesDocument.class);
    try {
      return new StaticTableClassifications(document.tables());
    } catch (IllegalArgumentException e) {
      throw new PolicyFileException(source, List.of(new PolicyFileException.Problem("tables", 0, 0, e.getMessage())), e);
    }
  }

  private static String readFile(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read policy file " + file + ": " + e.getMessage(), e);
    }
  }

  private static <T> T read(String text, String source, Class<T> type) {
    try {
      JsonNode tree = YAML.readTree(text);
      if (tree != null && !tree.isMissingNode()) {
        List<PolicyFileException.Problem> unknown = UnknownFieldScanner.scan(tree, type);
        if (!unknown.isEmpty()) {
          throw new PolicyFileException(source, unknown, null);
        }
      }
      T value = tree == null || tree.isMissingNode() || tree.isNull() ? null : YAML.treeToValue(tree, type);
      if (value == null) {
        throw new PolicyFileException(source, List.of(new PolicyFileException.Problem("", 0, 0, "document is empty")), null);
      }
      return value;
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof JsonParseException syntax) {
        throw syntaxError(source, syntax);
      }
      JsonLocation location = e.getLocation();
      throw new PolicyFileException(source, List.of(new PolicyFileException.Problem(pathOf(e),
          location == null ? 0 : location.getLineNr(), location == null ? 0 : location.getColumnNr(), messageOf(e))), e);
    } catch (JsonProcessingException e) {
      throw syntaxError(source, e);
    }
  }

  private static PolicyFileException syntaxError(String source, JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    return new PolicyFileException(source, List.of(new PolicyFileException.Problem("",
        location == null ? 0 : location.getLineNr(), location == null ? 0 : location.getColumnNr(),
        "not valid YAML: " + e.getOriginalMessage())), e);
  }

  static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String messageOf(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "unknown field '" + unknown.getPropertyName() + "'; known fields: " + unknown.getKnownPropertyIds();
    }
    // Validation in record constructors and enum parsers throws IllegalArgumentException: its text is the point.
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
        String message = cause.getMessage();
        return cause instanceof NullPointerException ? "missing required field " + message : message;
      }
    }
    String message = e.getOriginalMessage();
    int newline = message.indexOf('\n');
    return newline > 0 ? message.substring(0, newline) : message;
  }

  /** The file shape of table classifications. */
  record TablesDocument(List<TableClassification> tables) {
    TablesDocument {
      tables = List.copyOf(java.util.Objects.requireNonNull(tables, "tables"));
    }
  }
}
