package org.dnsmesh.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/**
 * The parts every kind of change shows alike (the one change-request machine gives them one shape): its checks and
 * its reviews. {@code mesh change}, {@code mesh access} and {@code mesh suppress} print them through here.
 */
final class ReviewPrinter {
  private ReviewPrinter() {}

  static void checksAndReviews(PrintWriter out, JsonNode change) {
    out.println("checks");
    for (JsonNode check : change.path("checks")) {
      out.printf("  %-8s %-17s %s%n", check.path("status").asText(), check.path("name").asText(), check.path("detail").asText());
    }
    if (!change.path("reviews").isEmpty()) {
      out.println("reviews");
      for (JsonNode review : change.path("reviews")) {
        out.printf("  r%d %-7s %-16s %s%n", review.path("revision").asInt(), review.path("verdict").asText(),
            review.path("reviewer").asText(), review.path("comment").asText());
      }
    }
  }

  /**
   * One change of any kind, as its command prints it: the id routes to the kind ({@code /api/v1/changes/{id}} answers
   * with the kind's own view), so {@code mesh change show} of an access request or a suppression prints it properly.
   */
  static void anyKind(PrintWriter out, JsonNode change) {
    switch (change.path("kind").asText()) {
      case "policy" -> PolicyChangeCommands.print(out, change);
      case "access" -> AccessCommand.print(out, change);
      case "suppression" -> SuppressCommand.print(out, change);
      default -> ChangeCommand.printContractChange(out, change);
    }
  }
}
