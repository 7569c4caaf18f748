package org.dnsmesh.governance.policy;

import java.util.List;
import java.util.Objects;

/** A policy (or table classification) file that cannot be used: names the file and the path in the document. */
public final class PolicyFileException extends RuntimeException {
  private final String source;
  private final List<Problem> problems;

  public PolicyFileException(String source, List<Problem> problems, Throwable cause) {
    super(format(source, problems), cause);
    this.source = Objects.requireNonNull(source, "source");
    this.problems = List.copyOf(problems);
  }

  public String source() {
    return source;
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String format(String source, List<Problem> problems) {
    StringBuilder text = new StringBuilder("invalid policy file ").append(source).append(':');
    for (Problem problem : problems) {
      text.append("\n  ").append(problem);
    }
    return text.toString();
  }

  /** One problem at a document path such as {@code principals[2].roles[0].domain}; line 0 when unknown. */
  public record Problem(String path, int line, int column, String message) {
    public Problem {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
      String where = path.isEmpty() ? "(document)" : path;
      return line > 0 ? where + " (line " + line + ", column " + column + "): " + message : where + ": " + message;
    }
  }
}
