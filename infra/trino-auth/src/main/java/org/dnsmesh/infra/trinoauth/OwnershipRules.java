package org.dnsmesh.infra.trinoauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jose4j.lang.JoseException;

/**
 * The {@code tables} rules of Trino's compiled {@code rules.json}, read the way Trino's file-based control reads
 * them (first match wins; an absent field matches everything; {@code user} / {@code group} are regular
 * expressions matched whole), answering one question: does the first rule matching a user and a table grant
 * OWNERSHIP? Re-read when the file changes, as Trino re-reads it; a file that cannot be read owns nothing (deny).
 */
public final class OwnershipRules {
  private record Rule(Pattern user, Pattern group, Pattern catalog, Pattern schema, Pattern table, boolean ownership) {
    boolean matches(String userName, Set<String> groups, String catalogName, String schemaName, String tableName) {
      return (user == null || user.matcher(userName).matches())
          && (group == null || groups.stream().anyMatch(g -> group.matcher(g).matches()))
          && (catalog == null || catalog.matcher(catalogName).matches())
          && (schema == null || schema.matcher(schemaName).matches())
          && (table == null || table.matcher(tableName).matches());
    }
  }

  private final Path file;
  private FileTime loadedAt;
  private List<Rule> rules = List.of();

  public OwnershipRules(Path file) {
    this.file = file;
  }

  public synchronized boolean owns(String user, Set<String> groups, String catalog, String schema, String table) {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (!modified.equals(loadedAt)) {
        rules = parse(Files.readString(file));
        loadedAt = modified;
      }
    } catch (IOException | RuntimeException e) {
      rules = List.of(); // cannot answer: deny
      loadedAt = null;
      return false;
    }
    for (Rule rule : rules) {
      if (rule.matches(user, groups, catalog, schema, table)) {
        return rule.ownership();
      }
    }
    return false;
  }

  static List<Rule> parse(String json) {
    try {
      Map<String, Object> root = org.jose4j.json.JsonUtil.parseJson(json);
      List<Rule> parsed = new ArrayList<>();
      Object tables = root.get("tables");
      if (tables instanceof List<?> list) {
        for (Object entry : list) {
          if (entry instanceof Map<?, ?> rule) {
            Object privileges = rule.get("privileges");
            boolean ownership = privileges instanceof List<?> p && p.contains("OWNERSHIP");
            parsed.add(new Rule(pattern(rule.get("user")), pattern(rule.get("group")), pattern(rule.get("catalog")),
                pattern(rule.get("schema")), pattern(rule.get("table")), ownership));
          }
        }
      }
      return List.copyOf(parsed);
    } catch (JoseException e) {
      throw new UncheckedIOException(new IOException("rules file is not JSON: " + e.getMessage(), e));
    }
  }

  private static Pattern pattern(Object value) {
    return value == null ? null : Pattern.compile(value.toString());
  }
}
