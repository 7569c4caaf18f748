package org.dnsmesh.infra.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.dnsmesh.infra.stack.TrinoSql;

/** How `mesh sql` prints an answer: an aligned table for people, CSV or JSON lines for tools. */
enum ResultFormat {
  /** Columns padded to their widest value, numbers right-aligned, then the row count (like Trino's CLI). */
  TABLE {
    @Override
    void write(TrinoSql.Answer answer, PrintWriter out) {
      List<String> columns = answer.columns();
      int[] widths = columns.stream().mapToInt(String::length).toArray();
      List<String[]> cells = new ArrayList<>();
      for (List<Object> row : answer.rows()) {
        String[] text = new String[columns.size()];
        for (int i = 0; i < text.length; i++) {
          text[i] = row.get(i) == null ? "NULL" : String.valueOf(row.get(i));
          widths[i] = Math.max(widths[i], text[i].length());
        }
        cells.add(text);
      }
      StringBuilder header = new StringBuilder();
      StringBuilder rule = new StringBuilder();
      for (int i = 0; i < columns.size(); i++) {
        header.append(i == 0 ? " " : " | ").append(pad(columns.get(i), widths[i], false));
        rule.append(i == 0 ? "-" : "-+-").append("-".repeat(widths[i]));
      }
      out.println(header.toString().stripTrailing());
      out.println(rule.append('-'));
      for (int r = 0; r < cells.size(); r++) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
          line.append(i == 0 ? " " : " | ").append(pad(cells.get(r)[i], widths[i], answer.rows().get(r).get(i) instanceof Number));
        }
        out.println(line.toString().stripTrailing());
      }
      out.println("(" + cells.size() + (cells.size() == 1 ? " row)" : " rows)"));
    }
  },
  /** RFC 4180: a header line, fields quoted when they hold a comma, quote or line break; NULL is empty. */
  CSV {
    @Override
    void write(TrinoSql.Answer answer, PrintWriter out) {
      out.print(String.join(",", answer.columns().stream().map(ResultFormat::csvField).toList()) + "\r\n");
      for (List<Object> row : answer.rows()) {
        out.print(String.join(",", row.stream().map(v -> v == null ? "" : csvField(String.valueOf(v))).toList()) + "\r\n");
      }
    }
  },
  /** One JSON object per row (JSON lines), numbers and booleans typed, NULL as null. */
  JSON {
    @Override
    void write(TrinoSql.Answer answer, PrintWriter out) {
      for (List<Object> row : answer.rows()) {
        ObjectNode object = MAPPER.createObjectNode();
        for (int i = 0; i < answer.columns().size(); i++) {
          Object value = row.get(i);
          String name = answer.columns().get(i);
          switch (value) {
            case null -> object.putNull(name);
            case Long number -> object.put(name, number);
            case Integer number -> object.put(name, number);
            case Short number -> object.put(name, number);
            case Byte number -> object.put(name, number);
            case Double number -> object.put(name, number);
            case Float number -> object.put(name, number);
            case BigDecimal number -> object.put(name, number);
            case Boolean flag -> object.put(name, flag);
            default -> object.put(name, String.valueOf(value));
          }
        }
        out.println(object);
      }
    }
  };

  private static final ObjectMapper MAPPER = new ObjectMapper();

  abstract void write(TrinoSql.Answer answer, PrintWriter out);

  private static String pad(String text, int width, boolean right) {
    String fill = " ".repeat(width - text.length());
    return right ? fill + text : text + fill;
  }

  static String csvField(String text) {
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
