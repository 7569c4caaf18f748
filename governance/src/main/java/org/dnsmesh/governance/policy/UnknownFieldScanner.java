package org.dnsmesh.governance.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds misspelt fields before binding. Jackson builds a record before it reports unknown properties, so
 * a typo like {@code rolez} would surface as "missing roles"; walking the tree against the record
 * components names the typo itself.
 */
final class UnknownFieldScanner {
  private UnknownFieldScanner() {}

  static List<PolicyFileException.Problem> scan(JsonNode node, Type type) {
    List<PolicyFileException.Problem> problems = new ArrayList<>();
    walk(node, type, "", problems);
    return problems;
  }

  private static void walk(JsonNode node, Type type, String path, List<PolicyFileException.Problem> problems) {
    if (node == null || node.isNull()) {
      return;
    }
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] arguments = parameterized.getActualTypeArguments();
      if (Optional.class.equals(raw)) {
        walk(node, arguments[0], path, problems);
      } else if (Collection.class.isAssignableFrom(raw) && node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          walk(node.get(i), arguments[0], path + "[" + i + "]", problems);
        }
      }
      return;
    }
    if (!(type instanceof Class<?> clazz) || !clazz.isRecord() || !node.isObject() || hasDelegatingCreator(clazz)) {
      return;
    }
    Map<String, Type> fields = new LinkedHashMap<>();
    for (RecordComponent component : clazz.getRecordComponents()) {
      JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
      fields.put(renamed != null ? renamed.value() : component.getName(), component.getGenericType());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      Type fieldType = fields.get(field.getKey());
      if (fieldType == null) {
        problems.add(new PolicyFileException.Problem(fieldPath, 0, 0,
            "unknown field '" + field.getKey() + "'; known fields: " + fields.keySet()));
      } else {
        walk(field.getValue(), fieldType, fieldPath, problems);
      }
    }
  }

  private static boolean hasDelegatingCreator(Class<?> clazz) {
    for (var method : clazz.getDeclaredMethods()) {
      if (method.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonCreator.class)) {
        return true;
      }
    }
    return false;
  }
}
