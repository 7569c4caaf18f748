package org.dnsmesh.productkit.pipeline;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reason classes of quarantined records, counted per commit into the quarantine table's snapshot summary
 * ({@link org.dnsmesh.productkit.write.CommitProperties#QUARANTINE_REASONS}), so a monitor sees the quarantine rate
 * by reason from metadata alone. A class is coarse on purpose (the field a contract rule failed on, or how decoding
 * failed): the full reason names values and would make one class per record.
 */
final class QuarantineReasons {
  private final Map<String, Long> counts = new TreeMap<>();

  void add(String reason) {
    counts.merge(classOf(reason), 1L, Long::sum);
  }

  boolean isEmpty() {
    return counts.isEmpty();
  }

  void clear() {
    counts.clear();
  }

  /** {@code {"<class>":<count>,...}}; class names are made of [A-Za-z0-9_.-] only, so no escaping is needed. */
  String toJson() {
    return counts.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }

  /** A producer's reject reason {@code contract: <field>: ...} with the contract version the pipeline runs. */
  static String versioned(String reason, String contractVersion) {
    return reason.startsWith("contract: ") ? "contract " + contractVersion + reason.substring("contract".length())
        : reason;
  }

  /**
   * {@code contract 1.0.0: qtype: 'X' is not one of [...]; rcode: ...} -> {@code contract.qtype} (the first
   * violation's field); {@code cannot convert to table row: ...} -> {@code unconvertible}; anything else (decoding)
   * -> {@code undecodable}.
   */
  static String classOf(String reason) {
    if (reason == null) {
      return "unknown";
    }
    if (reason.startsWith("cannot convert to table row")) {
      return "unconvertible";
    }
    if (reason.startsWith("cannot normalise")) {
      return "unnormalisable";
    }
    if (reason.startsWith("cannot encode")) {
      return "unencodable";
    }
    if (reason.startsWith("contract ")) {
      int afterVersion = reason.indexOf(": ");
      int afterField = afterVersion < 0 ? -1 : reason.indexOf(": ", afterVersion + 2);
      if (afterField > afterVersion) {
        String field = reason.substring(afterVersion + 2, afterField).replaceAll("[^A-Za-z0-9_.\\-]", "_");
        return field.isEmpty() ? "contract" : "contract." + field;
      }
      return "contract";
    }
    return "undecodable";
  }
}
