package org.dnsmesh.infra.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts typed or piped SQL into statements at ';' outside string literals, quoted identifiers and
 * '--' comments, so a ';' inside 'a;b' does not end a statement.
 */
final class StatementSplitter {
  private final StringBuilder pending = new StringBuilder();
  private char quote; // ' or " while inside a literal or quoted identifier, else 0

  /** Adds one line; answers the statements it completed (without their ';'). */
  List<String> add(String line) {
    List<String> complete = new ArrayList<>();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        pending.append(c);
        if (c == quote) {
          quote = 0; // a doubled quote closes and reopens: same result
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        pending.append(c);
      } else if (c == '-' && i + 1 < line.length() && line.charAt(i + 1) == '-') {
        break; // comment to the end of the line
      } else if (c == ';') {
        if (!pending.toString().isBlank()) {
          complete.add(pending.toString().strip());
        }
        pending.setLength(0);
      } else {
        pending.append(c);
      }
    }
    if (!pending.isEmpty()) {
      pending.append('\n');
    }
    return complete;
  }

  boolean isEmpty() {
    return pending.toString().isBlank();
  }

  /** What is left after the last ';' (a final statement without one). */
  String rest() {
    return pending.toString().strip();
  }
}
